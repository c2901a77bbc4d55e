package com.customerarchive.query.money;

import java.math.BigDecimal;

/** An amount of money in one currency (ISO 4217), exact. */
public record Amount(String currency, BigDecimal amount) {
}
