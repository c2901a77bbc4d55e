package com.customerarchive.query.purchase;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer's purchases as recorded, cancelled ones marked. */
@Repository
class PurchaseRepository {

    private final JdbcClient jdbc;

    PurchaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Purchase(int purchaseNo, String orderRef, String product, BigDecimal quantity, BigDecimal amount,
                    String currency, Instant purchasedAt, boolean cancelled, String cancelReason) {
    }

    List<Purchase> of(UUID customerId) {
        return jdbc.sql("""
                        SELECT purchase_no, order_ref, product, quantity, amount, currency, purchased_at, cancelled,
                               cancel_reason
                        FROM purchase WHERE customer_id = :id ORDER BY purchase_no""")
                .param("id", customerId)
                .query((row, n) -> new Purchase(row.getInt("purchase_no"), row.getString("order_ref"),
                        row.getString("product"), row.getBigDecimal("quantity"), row.getBigDecimal("amount"), row.getString("currency"),
                        row.getTimestamp("purchased_at").toInstant(), row.getBoolean("cancelled"),
                        row.getString("cancel_reason")))
                .list();
    }
}
