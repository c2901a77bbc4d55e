package com.customerarchive.query.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The ageing buckets of DOMAIN.md at their edges: not yet due, 1–30, 31–60, 61–90, over 90 days past due. */
class AgeingBucketsTest {

    @ParameterizedTest(name = "{0} days past due: {1}")
    @CsvSource({"-5, notYetDue", "0, notYetDue", "1, days1to30", "30, days1to30", "31, days31to60", "60, days31to60",
            "61, days61to90", "90, days61to90", "91, over90", "400, over90"})
    void a_receivable_ages_into_its_bucket(long daysPastDue, String bucket) {
        assertThat(Reports.bucket(daysPastDue)).isEqualTo(bucket);
    }
}
