package com.customerarchive.events;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * 付款信息: the credit rating (from the configured list), the payment terms and a credit limit per currency, which the
 * rules read (due dates, the credit hold). {@code paymentTerms} and {@code creditLimit} are the free text and the
 * single figure of cards written before terms and limits were structured: they stay readable in the card's history
 * and nothing reads them.
 */
public record PaymentSection(String creditRating, String paymentTerms, BigDecimal creditLimit, PaymentTerms terms,
                             Map<String, BigDecimal> creditLimits) {

    public PaymentSection {
        creditLimits = creditLimits == null || creditLimits.isEmpty() ? null
                : java.util.Collections.unmodifiableMap(new TreeMap<>(creditLimits));
    }

    public PaymentSection(String creditRating, String paymentTerms, BigDecimal creditLimit) {
        this(creditRating, paymentTerms, creditLimit, null, null);
    }

    /** The limit in a currency; null when none is set (purchases in it are not limited). */
    public BigDecimal limitIn(String currency) {
        return creditLimits == null ? null : creditLimits.get(currency);
    }
}
