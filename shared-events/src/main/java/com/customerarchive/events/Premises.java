package com.customerarchive.events;

import java.math.BigDecimal;

/** The customer's premises (经营场所): owned or rented, and their floor area in square metres. */
public record Premises(PremisesTenure tenure, BigDecimal area) {
}
