package com.customerarchive.events;

import java.time.LocalDate;

/**
 * A colleague on the customer's team (相关团队) beside its owner: {@code access} until the end of {@code until} (a
 * business day; null: open-ended).
 */
public record TeamMember(String user, TeamAccess access, LocalDate until) {

    /** Whether the membership still holds on {@code day} (a business day). */
    public boolean activeOn(LocalDate day) {
        return until == null || !day.isAfter(until);
    }

    /** Whether {@code user} may read (or, with {@code write}, also write) the customer on {@code day} by this team. */
    public static boolean grants(java.util.List<TeamMember> team, String user, boolean write, LocalDate day) {
        return team != null && user != null && team.stream().anyMatch(member -> member.user().equals(user)
                && member.activeOn(day) && (!write || member.access() == TeamAccess.WRITE));
    }
}
