package com.customerarchive.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** When a shipment falls due by the customer's terms: a table worked out on a calendar. */
class PaymentTermsTest {

    @ParameterizedTest(name = "{0} shipped {1}: due {2}")
    @CsvSource({
            "CASH,                  2026-03-05, 2026-03-05",
            "NET_DAYS(30),          2026-03-05, 2026-04-04",
            "NET_DAYS(30),          2026-12-15, 2027-01-14",
            "NET_DAYS(1),           2026-02-28, 2026-03-01",
            // 月结: on the day of the month after the month it was shipped in
            "MONTHLY_STATEMENT(25), 2026-01-31, 2026-02-25",
            "MONTHLY_STATEMENT(25), 2026-01-01, 2026-02-25",
            "MONTHLY_STATEMENT(25), 2026-12-20, 2027-01-25",
            // the month's last day where it is shorter
            "MONTHLY_STATEMENT(31), 2026-01-15, 2026-02-28",
            "MONTHLY_STATEMENT(31), 2028-01-15, 2028-02-29",
            "MONTHLY_STATEMENT(31), 2026-02-15, 2026-03-31",
            "MONTHLY_STATEMENT(31), 2026-03-15, 2026-04-30"})
    void a_shipment_falls_due_by_the_terms(String terms, LocalDate shipped, LocalDate due) {
        assertThat(parse(terms).dueOn(shipped)).isEqualTo(due);
        assertThat(parse(terms).toString()).isEqualTo(terms);
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", value = {
            "CASH              | -   | -  | -",
            "CASH              | 30  | -  | CASH takes neither days nor day",
            "NET_DAYS          | -   | -  | NET_DAYS takes days from 1 to 365 (and no day)",
            "NET_DAYS          | 0   | -  | NET_DAYS takes days from 1 to 365 (and no day)",
            "NET_DAYS          | 366 | -  | NET_DAYS takes days from 1 to 365 (and no day)",
            "NET_DAYS          | 365 | -  | -",
            "MONTHLY_STATEMENT | -   | 32 | MONTHLY_STATEMENT takes the statement's day of the month, 1 to 31 (and no days)",
            "MONTHLY_STATEMENT | 30  | 25 | MONTHLY_STATEMENT takes the statement's day of the month, 1 to 31 (and no days)",
            "MONTHLY_STATEMENT | -   | 1  | -",
            "MONTHLY_STATEMENT | -   | 0  | MONTHLY_STATEMENT takes the statement's day of the month, 1 to 31 (and no days)",
            "NET_DAYS          | 30  | 25 | NET_DAYS takes days from 1 to 365 (and no day)",
            "CASH              | -   | 25 | CASH takes neither days nor day",
            "-                 | 30  | -  | terms need a kind: CASH, NET_DAYS or MONTHLY_STATEMENT"})
    void incomplete_or_inconsistent_terms_say_what_is_wrong(PaymentTerms.Kind kind, Integer days, Integer day,
                                                           String problem) {
        assertThat(new PaymentTerms(kind, days, day).problem()).isEqualTo(problem);
    }

    private static PaymentTerms parse(String terms) {
        if (terms.equals("CASH")) {
            return PaymentTerms.CASH;
        }
        int figure = Integer.parseInt(terms.substring(terms.indexOf('(') + 1, terms.indexOf(')')));
        return terms.startsWith("NET_DAYS") ? PaymentTerms.netDays(figure) : PaymentTerms.monthlyStatement(figure);
    }
}
