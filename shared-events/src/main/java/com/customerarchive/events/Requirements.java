package com.customerarchive.events;

/** What the customer asks of its suppliers (需求与偏好): delivery, packaging, timeliness, anything else. */
public record Requirements(String delivery, String packaging, String timeliness, String other) {
}
