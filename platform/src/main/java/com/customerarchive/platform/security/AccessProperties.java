package com.customerarchive.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Set;

/**
 * Who sees which customer ({@code archive.access.*}): {@code sales-see-all} makes everyone's scope the whole company;
 * otherwise the organisation's scope rule decides (each app's one place: a rep its own customers, a team lead its
 * team's …). {@code export-positions}: the positions whose members export (CSV, and list pages after the first); a
 * user who is no member of the organisation exports as before.
 */
@ConfigurationProperties("archive.access")
public record AccessProperties(boolean salesSeeAll, Set<String> exportPositions) {

    /** The positions that export when none are configured: everyone above a rep. */
    public static final Set<String> EXPORTING = Set.of("TEAM_LEAD", "BRANCH_MANAGER", "HEAD", "CLERK", "FINANCE");

    public AccessProperties {
        exportPositions = exportPositions == null ? EXPORTING : Set.copyOf(exportPositions);
    }
}
