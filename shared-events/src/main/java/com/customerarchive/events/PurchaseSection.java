package com.customerarchive.events;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 购买信息. */
public record PurchaseSection(
        LocalDate firstTradeDate, String purchaseFrequency, LocalDate lastPurchase, BigDecimal totalAmount) {
}
