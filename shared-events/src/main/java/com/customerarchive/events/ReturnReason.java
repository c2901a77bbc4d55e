package com.customerarchive.events;

/** Why a reviewer sent a card back: the field (a card path such as {@code basic.address.city}) and what is wrong. */
public record ReturnReason(String field, String message) {
}
