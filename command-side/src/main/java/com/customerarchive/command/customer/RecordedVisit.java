package com.customerarchive.command.customer;

/**
 * The number a visit got in its customer's record, the customer's version after it and, for a store check, what each
 * product sold since the last check and the order it suggests (the trade type's target stock − stock, never negative).
 */
public record RecordedVisit(int visitNo, long version, java.util.List<Checked> storeCheck) {

    public RecordedVisit(int visitNo, long version) {
        this(visitNo, version, java.util.List.of());
    }

    /** A product of the store check: sales since the last check (null at the first) and the suggested order. */
    public record Checked(String sku, java.math.BigDecimal previousStock, java.math.BigDecimal sold,
                          java.math.BigDecimal suggestedOrder) {
    }
}
