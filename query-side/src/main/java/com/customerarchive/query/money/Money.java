package com.customerarchive.query.money;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-currency totals converted to the base currency where a score needs one number (DOMAIN.md, Time and money). */
@Component
@EnableConfigurationProperties(MoneyProperties.class)
public class Money {

    private final MoneyProperties properties;

    Money(MoneyProperties properties) {
        this.properties = properties;
    }

    /**
     * The totals in the base currency, the rates that converted them and the currencies left out for want of one.
     *
     * @param rates              only the rates this conversion applied, by currency
     * @param excludedCurrencies currencies with an amount and no rate, in order
     */
    public record Converted(Amount total, Map<String, BigDecimal> rates, List<String> excludedCurrencies) {
    }

    public Converted toBase(List<Amount> totals) {
        BigDecimal sum = BigDecimal.ZERO;
        Map<String, BigDecimal> used = new TreeMap<>();
        List<String> excluded = new java.util.ArrayList<>();
        for (Amount line : totals) {
            if (line.currency().equals(properties.baseCurrency())) {
                sum = sum.add(line.amount());
            } else if (properties.rates().containsKey(line.currency())) {
                BigDecimal rate = properties.rates().get(line.currency());
                sum = sum.add(line.amount().multiply(rate));
                used.put(line.currency(), rate);
            } else {
                excluded.add(line.currency());
            }
        }
        return new Converted(new Amount(properties.baseCurrency(), sum.setScale(2, RoundingMode.HALF_EVEN)), used,
                List.copyOf(excluded));
    }
}
