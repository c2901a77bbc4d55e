package com.customerarchive.command.web;

/** Currency codes as the API takes them: ISO 4217, upper case (CNY, USD). */
public final class Currencies {

    private Currencies() {
    }

    public static boolean isIso4217(String code) {
        try {
            return code != null && java.util.Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
