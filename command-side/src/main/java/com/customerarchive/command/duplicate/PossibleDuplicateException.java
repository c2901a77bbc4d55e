package com.customerarchive.command.duplicate;

import java.util.List;

/** The archive may already hold the customer: nothing was written; the candidates go with the answer. */
public class PossibleDuplicateException extends RuntimeException {

    private final List<Candidate> candidates;

    PossibleDuplicateException(List<Candidate> candidates) {
        super("The archive may already hold this customer: " + candidates.size() + " candidate(s).");
        this.candidates = List.copyOf(candidates);
    }

    List<Candidate> candidates() {
        return candidates;
    }
}
