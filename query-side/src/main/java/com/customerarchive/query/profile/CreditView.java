package com.customerarchive.query.profile;

import com.customerarchive.events.PaymentSection;
import com.customerarchive.events.PaymentTerms;
import com.customerarchive.events.money.CreditAccount;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The card's payment section as the rules read it (付款信息), judged on a business day: the rating, the terms (CASH
 * where the card names none), and per currency the limit, what is open (receivable: shipped and not collected;
 * openOrders: ordered and not shipped), the customer's credit from overpayments, the exposure the limit is checked
 * against (receivable + openOrders − credit), what is overdue, and {@code available} (limit − exposure; none without a
 * limit). {@code daysPastDue}: the most days an open receivable is past due; {@code onHold} past 90 of them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditView(String rating, PaymentTerms terms, List<Line> currencies, long daysPastDue, boolean onHold) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String currency, BigDecimal limit, BigDecimal receivable, BigDecimal overdue,
                       BigDecimal openOrders, BigDecimal credit, BigDecimal exposure, BigDecimal available) {
    }

    /** Null for a customer whose card names no payment terms, limit or rating and that has no money after a sale. */
    static CreditView of(PaymentSection payment, CreditAccount account, LocalDate day) {
        boolean named = payment != null && (payment.terms() != null || payment.creditLimits() != null
                || payment.creditRating() != null);
        if (!named && account.currencies().isEmpty()) {
            return null;
        }
        SortedSet<String> currencies = new TreeSet<>(account.currencies());
        if (payment != null && payment.creditLimits() != null) {
            currencies.addAll(payment.creditLimits().keySet());
        }
        List<Line> lines = new ArrayList<>();
        for (String currency : currencies) {
            BigDecimal limit = payment == null ? null : payment.limitIn(currency);
            BigDecimal exposure = account.exposure(currency);
            BigDecimal overdue = account.openReceivables().stream()
                    .filter(shipment -> shipment.currency().equals(currency) && shipment.daysPastDue(day) > 0)
                    .map(CreditAccount.Shipment::open).reduce(BigDecimal.ZERO, BigDecimal::add);
            lines.add(new Line(currency, limit, account.receivable(currency), overdue, account.openOrders(currency),
                    account.creditIn(currency), exposure, limit == null ? null : limit.subtract(exposure)));
        }
        long pastDue = account.mostDaysPastDue(day);
        return new CreditView(payment == null ? null : payment.creditRating(),
                payment == null || payment.terms() == null ? PaymentTerms.CASH : payment.terms(), lines, pastDue,
                pastDue > CreditAccount.HOLD_DAYS);
    }
}
