package com.customerarchive.events.org;

import com.customerarchive.events.Grade;
import com.customerarchive.events.ReturnCause;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A public pool's rules (公海规则): a customer goes back after {@code followUpDays} days without a follow-up and/or
 * {@code purchaseDays} days without a purchase, days per grade (a grade not named is exempt from that clock);
 * customers with purchases, open complaints or a live membership card may be exempt; reps hear of a return
 * {@code warningDays} ahead; a rep claims at most {@code dailyClaimCap} a day, owns at most {@code ownerCap}
 * customers (not counting those with purchases unless {@code ownerCapCountsBuyers}) and locks at most
 * {@code lockCap}; the rep a customer came back from waits {@code previousOwnerWaitDays} before claiming it again.
 * Null caps are no cap.
 */
public record PoolRules(
        Map<Grade, Integer> followUpDays,
        Map<Grade, Integer> purchaseDays,
        boolean exemptWithPurchases,
        boolean exemptWithOpenComplaints,
        boolean exemptWithLiveCard,
        int warningDays,
        Integer dailyClaimCap,
        int previousOwnerWaitDays,
        Integer ownerCap,
        boolean ownerCapCountsBuyers,
        Integer lockCap) {

    public PoolRules {
        followUpDays = followUpDays == null ? Map.of() : copy(followUpDays);
        purchaseDays = purchaseDays == null ? Map.of() : copy(purchaseDays);
    }

    private static Map<Grade, Integer> copy(Map<Grade, Integer> days) {
        return days.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(days));
    }

    /** What the rule reads of one customer. */
    public record Clock(Grade grade, Instant ownerSince, Instant lastFollowUp, Instant lastPurchase, boolean hasPurchases,
                        boolean openComplaints, boolean liveCard, boolean locked) {
    }

    /** When the customer goes back to the pool and why; {@link #reason()} in words. */
    public record Due(Instant at, ReturnCause cause, int days, Grade grade) {

        public String reason() {
            return (cause == ReturnCause.NO_PURCHASE ? "no purchase for " : "no follow-up for ") + days + " days, grade "
                    + grade;
        }
    }

    /**
     * When this customer goes back to the pool, the earlier of its two clocks; empty when it is exempt (locked, a
     * grade without days, an exempting purchase, complaint or card). The follow-up clock runs from the later of the
     * last follow-up and the moment the owner got it, the purchase clock from the later of the last purchase and that
     * moment.
     */
    public Optional<Due> due(Clock clock) {
        if (clock.locked() || clock.ownerSince() == null || exemptWithPurchases && clock.hasPurchases()
                || exemptWithOpenComplaints && clock.openComplaints() || exemptWithLiveCard && clock.liveCard()) {
            return Optional.empty();
        }
        Optional<Due> followUp = due(followUpDays, ReturnCause.NO_FOLLOW_UP, clock, clock.lastFollowUp());
        Optional<Due> purchase = due(purchaseDays, ReturnCause.NO_PURCHASE, clock, clock.lastPurchase());
        if (followUp.isEmpty()) {
            return purchase;
        }
        if (purchase.isEmpty()) {
            return followUp;
        }
        return purchase.get().at().isBefore(followUp.get().at()) ? purchase : followUp;
    }

    private static Optional<Due> due(Map<Grade, Integer> days, ReturnCause cause, Clock clock, Instant last) {
        Integer limit = clock.grade() == null ? null : days.get(clock.grade());
        if (limit == null) {
            return Optional.empty();
        }
        Instant from = last != null && last.isAfter(clock.ownerSince()) ? last : clock.ownerSince();
        return Optional.of(new Due(from.plus(Duration.ofDays(limit)), cause, limit, clock.grade()));
    }

    /** The smallest number of days any clock of any grade allows: no customer returns sooner. */
    public Optional<Integer> shortestDays() {
        return java.util.stream.Stream.concat(followUpDays.values().stream(), purchaseDays.values().stream())
                .min(Integer::compare);
    }
}
