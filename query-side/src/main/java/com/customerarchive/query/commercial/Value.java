package com.customerarchive.query.commercial;

import com.customerarchive.query.money.Amount;
import com.customerarchive.query.money.Money;
import com.customerarchive.query.money.Totals;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A customer's value (客户价值): a score 0–100, how many customers it referred and what those bought per currency
 * (cancelled purchases left out; {@code referredPurchaseTotal} only while that is one currency), and the purchase
 * total the score ranked: converted to the base currency with the {@code rates} named, the
 * {@code excludedCurrencies} (no rate configured) left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Value(int score, int referrals, List<Amount> referredTotals, BigDecimal referredPurchaseTotal,
                    Amount scoredTotal, Map<String, BigDecimal> rates, List<String> excludedCurrencies) {

    /**
     * The archive's customers' figures, sorted, so each figure of one customer is ranked against all of them: the
     * share of customers at or below it (a figure of zero ranks zero, it adds no value). Purchase totals are ranked
     * in the base currency.
     */
    public static final class Distribution {

        private final List<BigDecimal> totals;
        private final List<Long> frequencies;
        private final List<Long> tenures;
        private final List<Long> referrals;
        private final Instant asOf;
        private final Money money;

        public Distribution(List<Figures> all, Instant asOf, Money money) {
            this.asOf = asOf;
            this.money = money;
            totals = all.stream().map(f -> money.toBase(f.totals()).total().amount()).sorted().toList();
            frequencies = all.stream().map(f -> (long) f.lastYear()).sorted().toList();
            tenures = all.stream().map(f -> tenureDays(f, asOf)).sorted().toList();
            referrals = all.stream().map(f -> (long) f.referred()).sorted().toList();
        }

        public Value of(Figures figures, ValueProperties.Weights weights) {
            Money.Converted converted = money.toBase(figures.totals());
            double weighted = weights.total() * rank(totals, converted.total().amount(), BigDecimal.ZERO)
                    + weights.frequency() * rank(frequencies, (long) figures.lastYear(), 0L)
                    + weights.tenure() * rank(tenures, tenureDays(figures, asOf), 0L)
                    + weights.referrals() * rank(referrals, (long) figures.referred(), 0L);
            return new Value((int) Math.round(100 * weighted / weights.sum()), figures.referred(),
                    figures.referredTotals(), Totals.single(figures.referredTotals()), converted.total(),
                    converted.rates(), converted.excludedCurrencies());
        }

        private static long tenureDays(Figures figures, Instant asOf) {
            return Math.max(0, Duration.between(figures.registeredAt(), asOf).toDays());
        }

        /** The share of values at or below {@code value}; zero for {@code zero} and below. */
        static <T extends Comparable<T>> double rank(List<T> sorted, T value, T zero) {
            if (value.compareTo(zero) <= 0 || sorted.isEmpty()) {
                return 0;
            }
            int low = 0;
            int high = sorted.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (sorted.get(middle).compareTo(value) <= 0) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return (double) low / sorted.size();
        }
    }
}
