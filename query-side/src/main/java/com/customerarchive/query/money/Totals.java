package com.customerarchive.query.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sums of money kept apart by currency, never added across currencies; each list is in currency order. */
public final class Totals {

    /**
     * The SQL that folds rows {@code s(currency, total)} of one group into two arrays, {@code currencies} and
     * {@code amounts}, read back by {@link #read}.
     */
    public static final String AGGREGATED = "array_agg(s.currency ORDER BY s.currency) AS currencies, "
            + "array_agg(s.total ORDER BY s.currency) AS amounts";

    private Totals() {
    }

    /** The arrays {@link #AGGREGATED} made (none when the row found nothing). */
    public static List<Amount> read(ResultSet row) throws SQLException {
        return read(row, "currencies", "amounts");
    }

    /** The arrays {@link #AGGREGATED} made, selected under other names. */
    public static List<Amount> read(ResultSet row, String currencyColumn, String amountColumn) throws SQLException {
        Array currencies = row.getArray(currencyColumn);
        Array amounts = row.getArray(amountColumn);
        if (currencies == null || amounts == null) {
            return List.of();
        }
        Object[] codes = (Object[]) currencies.getArray();
        Object[] sums = (Object[]) amounts.getArray();
        Map<String, BigDecimal> byCurrency = new TreeMap<>();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] != null) {
                byCurrency.merge((String) codes[i], (BigDecimal) sums[i], BigDecimal::add);
            }
        }
        return of(byCurrency);
    }

    /** Both lists added currency by currency. */
    public static List<Amount> add(List<Amount> one, List<Amount> other) {
        Map<String, BigDecimal> byCurrency = new TreeMap<>();
        one.forEach(line -> byCurrency.merge(line.currency(), line.amount(), BigDecimal::add));
        other.forEach(line -> byCurrency.merge(line.currency(), line.amount(), BigDecimal::add));
        return of(byCurrency);
    }

    /**
     * The single number a field without a currency may still show: the amount when every line is in one currency,
     * zero when there is none, null (the field left out) when there are several.
     */
    public static BigDecimal single(List<Amount> totals) {
        if (totals.isEmpty()) {
            return BigDecimal.ZERO.setScale(2, RoundingMode.UNNECESSARY);
        }
        return totals.size() == 1 ? totals.get(0).amount() : null;
    }

    private static List<Amount> of(Map<String, BigDecimal> byCurrency) {
        return byCurrency.entrySet().stream()
                .map(line -> new Amount(line.getKey(), line.getValue().setScale(2, RoundingMode.UNNECESSARY)))
                .toList();
    }
}
