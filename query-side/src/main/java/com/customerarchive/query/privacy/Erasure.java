package com.customerarchive.query.privacy;

import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.events.PersonalDataFieldDestroyedEvent;

import java.util.Optional;
import java.util.UUID;

/**
 * Personal data a read model must blank in what it stored: all of a customer's (an erasure, {@code field} null) or
 * one personal field of its card (a field destroyed: {@code basic.email}).
 */
public record Erasure(UUID customerId, String field) {

    /** The erasure an event asks for, if it asks for one. */
    public static Optional<Erasure> of(Object event) {
        if (event instanceof PersonalDataErasedEvent erased) {
            return Optional.of(new Erasure(erased.customerId().value(), null));
        }
        if (event instanceof PersonalDataFieldDestroyedEvent destroyed) {
            return Optional.of(new Erasure(destroyed.customerId().value(), destroyed.field()));
        }
        return Optional.empty();
    }

    /** Whether a value of this card field (null: a personal value outside the card) is to be blanked. */
    public boolean covers(String cardField) {
        return field == null || field.equals(cardField);
    }
}
