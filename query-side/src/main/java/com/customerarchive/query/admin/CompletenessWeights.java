package com.customerarchive.query.admin;

import com.customerarchive.query.core.Completeness;
import com.customerarchive.query.pass.OnePass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * The weights the stored completeness scores were computed with: when the configured ones differ at start-up, the
 * profiles (whose column keeps the score) are rebuilt while the serving ones answer; the report facts keep the
 * filled-in fields and are scored as they are read. Of several instances started together with new weights, only
 * the one that records them asks.
 */
@Component
class CompletenessWeights {

    private static final Logger log = LoggerFactory.getLogger(CompletenessWeights.class);

    private final JdbcClient jdbc;
    private final Completeness completeness;
    private final OnePass pass;
    private final Clock clock;

    CompletenessWeights(JdbcClient jdbc, Completeness completeness, OnePass pass, Clock clock) {
        this.jdbc = jdbc;
        this.completeness = completeness;
        this.pass = pass;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        String fingerprint = completeness.fingerprint();
        Timestamp now = Timestamp.from(clock.instant());
        int first = jdbc.sql("INSERT INTO completeness_weights (id, fingerprint, changed_at) VALUES (1, :f, :now) "
                + "ON CONFLICT (id) DO NOTHING").param("f", fingerprint).param("now", now).update();
        if (first == 1) {
            return;
        }
        int changed = jdbc.sql("UPDATE completeness_weights SET fingerprint = :f, changed_at = :now "
                + "WHERE id = 1 AND fingerprint <> :f").param("f", fingerprint).param("now", now).update();
        if (changed == 1) {
            log.info("The completeness weights changed (archive.completeness.*): the profiles are rebuilt with them");
            pass.rebuild(List.of("profiles"));
        }
    }
}
