package com.customerarchive.query.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The access trail: every read of a customer's personal data (its profile, history, changes or an as-of view)
 * is recorded with who and when. Unlike the read models it commits synchronously: no event can rebuild it.
 */
@Component
public class AccessLog {

    /** The views that show personal data. */
    public enum View {
        PROFILE("profile"), HISTORY("history"), CHANGES("changes"), AS_OF("as-of");

        private final String label;

        View(String label) {
            this.label = label;
        }
    }

    public record Entry(java.time.Instant at, String user, String view) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AccessLog(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public void record(UUID customerId, View view) {
        Authentication reader = SecurityContextHolder.getContext().getAuthentication();
        String user = reader == null ? "anonymous" : reader.getName();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SET LOCAL synchronous_commit TO on").update();
            jdbc.sql("INSERT INTO access_log (customer_id, at, username, view) VALUES (:id, :at, :user, :view)")
                    .param("id", customerId).param("at", Timestamp.from(clock.instant())).param("user", user)
                    .param("view", view.label).update();
        });
    }

    /** Newest first. */
    List<Entry> list(UUID customerId, int limit) {
        return jdbc.sql("SELECT at, username, view FROM access_log WHERE customer_id = :id ORDER BY at DESC, id DESC "
                        + "LIMIT :limit")
                .param("id", customerId).param("limit", limit)
                .query((row, n) -> new Entry(row.getTimestamp("at").toInstant(), row.getString("username"),
                        row.getString("view")))
                .list();
    }
}
