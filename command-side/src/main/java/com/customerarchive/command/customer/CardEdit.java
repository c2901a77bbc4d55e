package com.customerarchive.command.customer;

import java.util.List;

/**
 * The outcome of a card edit: the version after it, the paths of the fields it changed and, when it touched signed
 * fields of an approved card, the proposal that waits for a manager and the paths it would change.
 */
public record CardEdit(long version, List<String> changed, String proposalId, List<String> proposed) {

    public CardEdit(long version, List<String> changed) {
        this(version, changed, null, List.of());
    }
}
