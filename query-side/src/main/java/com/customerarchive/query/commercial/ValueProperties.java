package com.customerarchive.query.commercial;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The weights of customer value (客户价值, {@code archive.value.weights.*}): each figure is first ranked against the
 * archive's own customers (0 to 1), then the weighted mean makes the score 0–100.
 */
@ConfigurationProperties("archive.value")
public record ValueProperties(@DefaultValue Weights weights) {

    public record Weights(@DefaultValue("40") int total, @DefaultValue("30") int frequency,
                          @DefaultValue("15") int tenure, @DefaultValue("15") int referrals) {

        public Weights {
            if (total < 0 || frequency < 0 || tenure < 0 || referrals < 0 || total + frequency + tenure + referrals == 0) {
                throw new IllegalArgumentException("archive.value.weights: none negative, not all zero");
            }
        }

        int sum() {
            return total + frequency + tenure + referrals;
        }
    }
}
