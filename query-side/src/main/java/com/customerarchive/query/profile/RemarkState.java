package com.customerarchive.query.profile;

import java.time.Instant;

/** A team leader's remark on the card (组长批示): about a visit or the card, by whom, when, acknowledged or not. */
public record RemarkState(int remarkNo, Integer visitNo, String text, String by, Instant at, boolean acknowledged) {
}
