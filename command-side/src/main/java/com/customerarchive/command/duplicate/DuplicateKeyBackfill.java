package com.customerarchive.command.duplicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * At start, the identity keys of every customer registered before the duplicate check existed (or while a key was
 * missing), so that the check finds them too. Idempotent: a customer once indexed is never taken again, and every
 * registration and edit keeps its keys itself. {@code archive.duplicates.backfill-on-start=false} skips it.
 */
@Component
class DuplicateKeyBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DuplicateKeyBackfill.class);
    private static final int BATCH = 200;

    private final DuplicateKeyTable table;
    private final DuplicateCheck check;
    private final DuplicateProperties properties;

    DuplicateKeyBackfill(DuplicateKeyTable table, DuplicateCheck check, DuplicateProperties properties) {
        this.table = table;
        this.check = check;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.backfillOnStart()) {
            backfill();
        }
    }

    /** Indexes the customers without keys; answers how many it indexed. */
    int backfill() {
        long after = -1;
        int indexed = 0;
        int failed = 0;
        List<DuplicateKeyTable.Unindexed> batch;
        while (!(batch = table.notIndexed(after, BATCH)).isEmpty()) {
            for (DuplicateKeyTable.Unindexed customer : batch) {
                after = customer.globalIndex();
                try {
                    check.index(customer.customerId());
                    indexed++;
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("Duplicate keys of customer {} not computed: {}", customer.customerId(), e.getClass().getSimpleName());
                }
            }
        }
        if (indexed + failed > 0) {
            log.info("Duplicate keys computed for {} customers registered before the check ({} failed)", indexed, failed);
        }
        return indexed;
    }
}
