package com.customerarchive.query.money;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a score that needs one number converts money ({@code archive.money.*}): amounts in {@code baseCurrency} count
 * as they are, an amount in another currency is multiplied by its rate ({@code rates.USD=7.10}: one USD is 7.10 of
 * the base currency); a currency without a rate is left out of the score.
 */
@ConfigurationProperties("archive.money")
public record MoneyProperties(@DefaultValue("CNY") String baseCurrency, Map<String, BigDecimal> rates) {

    private static final String CODE = "[A-Z]{3}";

    public MoneyProperties {
        baseCurrency = baseCurrency.toUpperCase(Locale.ROOT);
        if (!baseCurrency.matches(CODE)) {
            throw new IllegalArgumentException("archive.money.base-currency: an ISO 4217 code such as CNY");
        }
        Map<String, BigDecimal> byCode = new TreeMap<>();
        // environment variables (ARCHIVE_MONEY_RATES_USD) arrive with the code in lower case
        (rates == null ? Map.<String, BigDecimal>of() : rates).forEach((code, rate) -> {
            String upper = code.toUpperCase(Locale.ROOT);
            if (!upper.matches(CODE) || rate == null || rate.signum() <= 0) {
                throw new IllegalArgumentException("archive.money.rates." + code + ": a positive rate for an ISO 4217 code");
            }
            byCode.put(upper, rate);
        });
        byCode.remove(baseCurrency);
        rates = Map.copyOf(byCode);
    }
}
