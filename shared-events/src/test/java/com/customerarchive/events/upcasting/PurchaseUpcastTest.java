package com.customerarchive.events.upcasting;

import com.customerarchive.events.CollectionRecordedEvent;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.money.CreditAccount;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A purchase stored before shipments and collections were kept (revision 1) was delivered and paid outside the ledger:
 * it reads as {@code onAccount: false} and holds nothing of the customer's credit; one recorded now is on account.
 */
class PurchaseUpcastTest {

    private static final String TYPE = PurchaseRecordedEvent.class.getName();
    private static final CustomerId ID = new CustomerId(UUID.fromString("3c2b1a00-0000-4000-8000-000000000029"));
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void a_revision_one_purchase_was_settled_outside_the_ledger() throws Exception {
        String stored = """
                {"customerId":"3c2b1a00-0000-4000-8000-000000000029","purchaseNo":1,"orderRef":"SO-1",
                 "product":"tea","quantity":2,"amount":1200.00,"currency":"CNY","purchasedAt":"2025-03-02T01:00:00Z"}""";
        assertThat(EventUpcasts.currentRevision(TYPE, "1")).isEqualTo("2");
        PurchaseRecordedEvent old = json.readValue(EventUpcasts.upcast(TYPE, "1",
                stored.getBytes(StandardCharsets.UTF_8)), PurchaseRecordedEvent.class);
        assertThat(old.onAccount()).isFalse();
        assertThat(old.amount()).isEqualByComparingTo("1200.00");

        // an old purchase of 1,200.00 and a new one of 300.00: only the new one is open (and counts for the limit)
        CreditAccount account = CreditAccount.empty().apply(old).apply(new PurchaseRecordedEvent(ID, 2, "SO-2", "tea",
                BigDecimal.ONE, new BigDecimal("300.00"), "CNY", Instant.parse("2026-03-02T01:00:00Z")));
        assertThat(account.exposure("CNY")).isEqualByComparingTo("300.00");
        assertThat(account.openOrders("CNY")).isEqualByComparingTo("300.00");
        // money collected against nothing open is the customer's credit
        account = account.apply(new CollectionRecordedEvent(ID, 1, "B-1", Instant.parse("2026-03-03T01:00:00Z"),
                new BigDecimal("500.00"), "CNY", List.of(), new BigDecimal("500.00")));
        assertThat(account.creditIn("CNY")).isEqualByComparingTo("500.00");
        assertThat(account.exposure("CNY")).isEqualByComparingTo("-200.00");
    }

    @Test
    void a_revision_two_purchase_is_read_as_stored() {
        byte[] stored = "{\"onAccount\":true}".getBytes(StandardCharsets.UTF_8);
        assertThat(EventUpcasts.applies(TYPE, "2")).isFalse();
        assertThat(EventUpcasts.upcast(TYPE, "2", stored)).isSameAs(stored);
    }
}
