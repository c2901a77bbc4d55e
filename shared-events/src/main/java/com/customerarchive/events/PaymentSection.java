package com.customerarchive.events;

import java.math.BigDecimal;

/** 付款信息. */
public record PaymentSection(String creditRating, String paymentTerms, BigDecimal creditLimit) {
}
