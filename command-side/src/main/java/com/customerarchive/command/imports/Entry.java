package com.customerarchive.command.imports;

import com.customerarchive.command.customer.RecordPurchaseCommand;
import com.customerarchive.command.customer.RecordVisitCommand;
import com.customerarchive.events.ContactRole;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.VisitContact;
import com.customerarchive.events.VisitMethod;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A row of a visit or purchase sheet as what it records, for the customer its reference names. Its key (a digest)
 * is what the archive remembers of it once recorded: the same row imported again records nothing.
 */
sealed interface Entry permits Entry.Visit, Entry.Purchase {

    /** The customer's external reference, as the customer sheet gave it. */
    String customerRef();

    /** What the row is known by: as read from its cells, then its digest once the whole sheet is read. */
    String key();

    /** When it happened. */
    Instant occurredAt();

    /** The command that records it. */
    Object command();

    /** The same row known by this key. */
    Entry withKey(String key);

    default UUID customerId() {
        return Registration.customerIdOf(customerRef());
    }

    /** A visit (拜访记录, the card's 沟通信息). */
    record Visit(String customerRef, String key, Instant occurredAt, VisitMethod method, String contactName,
                 ContactRole contactRole, String notes, String conclusion, LocalDate nextFollowUpOn) implements Entry {

        @Override
        public Visit withKey(String key) {
            return new Visit(customerRef, key, occurredAt, method, contactName, contactRole, notes, conclusion,
                    nextFollowUpOn);
        }

        @Override
        public Object command() {
            return new RecordVisitCommand(new CustomerId(customerId()), null, occurredAt, method,
                    contactName == null ? null : new VisitContact(contactName, contactRole), notes, conclusion,
                    nextFollowUpOn);
        }
    }

    /**
     * A purchase, with its order reference (the API's: the same order again is the same purchase). Its figures wait
     * as text, exactly as the sheet wrote them (a number in JSON may lose its trailing zeros on the way back).
     */
    record Purchase(String customerRef, String key, String orderRef, String product,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quantity,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency,
                    Instant occurredAt) implements Entry {

        @Override
        public Purchase withKey(String key) {
            return new Purchase(customerRef, key, orderRef, product, quantity, amount, currency, occurredAt);
        }

        @Override
        public Object command() {
            return new RecordPurchaseCommand(new CustomerId(customerId()), null, orderRef, product, quantity, amount,
                    currency, occurredAt);
        }
    }

    /** A key of fixed length, whatever the text it stands for. */
    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
