package com.customerarchive.query.purchase;

import com.customerarchive.events.PurchaseCancelledEvent;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.RowAppender;
import com.customerarchive.query.pass.RowAppender.Column;
import com.customerarchive.query.pass.Tables;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Every purchase as recorded, and its cancellation: rows keyed by (customer, purchase number), added once however
 * often applied; a cancellation marks its row. Lifecycle, value and the reports are computed from it at query time.
 */
@Component
class PurchaseProjection implements ReadModel {

    static final String NAME = "purchases";
    static final String TABLE = "purchase";
    private static final List<Column> COLUMNS = List.of(Column.of("customer_id"), Column.of("purchase_no"),
            Column.of("order_ref"), Column.of("product"), Column.of("quantity"), Column.of("amount"),
            Column.of("currency"), Column.of("purchased_at"), Column.of("cancelled"), Column.of("cancel_reason"));

    private final NamedParameterJdbcTemplate batches;
    private final RowAppender appender;

    PurchaseProjection(NamedParameterJdbcTemplate batches, RowAppender appender) {
        this.batches = batches;
        this.appender = appender;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public Writer writer(Tables tables) {
        List<Object[]> recorded = new ArrayList<>();
        List<SqlParameterSource> cancelled = new ArrayList<>();
        return new Writer() {
            @Override
            public void apply(List<PassEvent> events) {
                for (PassEvent passEvent : events) {
                    if (passEvent.event() instanceof PurchaseRecordedEvent purchase) {
                        recorded.add(new Object[]{passEvent.customerId(), purchase.purchaseNo(), purchase.orderRef(),
                                purchase.product(), purchase.quantity(), purchase.amount(), purchase.currency(),
                                purchase.purchasedAt(), false, null});
                    } else if (passEvent.event() instanceof PurchaseCancelledEvent cancel) {
                        cancelled.add(new MapSqlParameterSource().addValue("customer", passEvent.customerId())
                                .addValue("no", cancel.purchaseNo()).addValue("reason", cancel.reason()));
                    }
                }
            }

            /** The rows first, then the cancellations, which always come later in a customer's stream. */
            @Override
            public void flush() {
                appender.append(tables, TABLE, COLUMNS, "customer_id, purchase_no", recorded);
                if (!cancelled.isEmpty()) {
                    batches.batchUpdate("UPDATE " + tables.of(TABLE) + " SET cancelled = TRUE, cancel_reason = :reason "
                            + "WHERE customer_id = :customer AND purchase_no = :no",
                            cancelled.toArray(SqlParameterSource[]::new));
                }
                recorded.clear();
                cancelled.clear();
            }
        };
    }
}
