package com.customerarchive.query.commercial;

import java.util.Arrays;
import java.util.List;

/**
 * A customer's value (客户价值): a score 0–100, how many customers it referred and what those bought (cancelled
 * purchases left out).
 */
public record Value(int score, int referrals, java.math.BigDecimal referredPurchaseTotal) {

    /**
     * The archive's customers' figures, sorted, so each figure of one customer is ranked against all of them: the
     * share of customers at or below it (a figure of zero ranks zero, it adds no value).
     */
    public static final class Distribution {

        private final double[] totals;
        private final double[] frequencies;
        private final double[] tenures;
        private final double[] referrals;
        private final java.time.Instant asOf;

        Distribution(List<Figures> all, java.time.Instant asOf) {
            this.asOf = asOf;
            totals = sorted(all.stream().mapToDouble(f -> f.total().doubleValue()).toArray());
            frequencies = sorted(all.stream().mapToDouble(Figures::lastYear).toArray());
            tenures = sorted(all.stream().mapToDouble(f -> tenureDays(f, asOf)).toArray());
            referrals = sorted(all.stream().mapToDouble(Figures::referred).toArray());
        }

        public Value of(Figures figures, ValueProperties.Weights weights) {
            double weighted = weights.total() * rank(totals, figures.total().doubleValue())
                    + weights.frequency() * rank(frequencies, figures.lastYear())
                    + weights.tenure() * rank(tenures, tenureDays(figures, asOf))
                    + weights.referrals() * rank(referrals, figures.referred());
            return new Value((int) Math.round(100 * weighted / weights.sum()), figures.referred(),
                    figures.referredPurchaseTotal());
        }

        private static double tenureDays(Figures figures, java.time.Instant asOf) {
            return Math.max(0, java.time.Duration.between(figures.registeredAt(), asOf).toDays());
        }

        private static double[] sorted(double[] values) {
            Arrays.sort(values);
            return values;
        }

        /** The share of values at or below {@code value}; zero for zero. */
        static double rank(double[] sorted, double value) {
            if (value <= 0 || sorted.length == 0) {
                return 0;
            }
            int low = 0;
            int high = sorted.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (sorted[middle] <= value) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return (double) low / sorted.length;
        }
    }
}
