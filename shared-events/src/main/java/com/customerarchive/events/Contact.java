package com.customerarchive.events;

/** A person at the customer and the part they play in a decision (决策信息). */
public record Contact(String name, ContactRole role, String title, String phone, String notes) {
}
