package com.customerarchive.command.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.UUID;

/** The answers to accepted writes: the customer's version in the body and as {@code ETag}, plus what the write adds. */
public final class Written {

    private Written() {
    }

    /** A write that adds nothing but the customer's version. */
    public record WriteAnswer(long version) {
    }

    public record Registered(UUID customerId, long version) {
    }

    /** The card's field paths the edit changed; none when the patch changed nothing (and no event was written). */
    public record CardEdited(long version, List<String> changed,
                             @com.fasterxml.jackson.annotation.JsonInclude(
                                     com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Proposal proposal) {
    }

    /** Changes to signed fields that wait for a manager: the proposal's id and the fields it would change. */
    public record Proposal(UUID proposalId, List<String> fields) {
    }

    /** A visit; for a store check, each product's sales since the last check and the suggested order. */
    public record VisitRecorded(int visitNo, long version,
                                @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                                List<com.customerarchive.command.customer.RecordedVisit.Checked> storeCheck) {

        public VisitRecorded(int visitNo, long version) {
            this(visitNo, version, List.of());
        }
    }

    public record ComplaintFiled(UUID complaintId, long version) {
    }

    public record PurchaseRecorded(int purchaseNo, long version) {
    }

    public record CardIssued(String cardNumber, long version) {
    }

    public record CardUsed(int useNo, long version) {
    }

    public static ResponseEntity<WriteAnswer> ok(long version) {
        return answer(HttpStatus.OK, version, new WriteAnswer(version));
    }

    public static <T> ResponseEntity<T> answer(HttpStatus status, long version, T body) {
        return ResponseEntity.status(status).eTag(Long.toString(version)).body(body);
    }
}
