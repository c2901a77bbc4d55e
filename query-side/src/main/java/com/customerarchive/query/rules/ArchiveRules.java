package com.customerarchive.query.rules;

import com.customerarchive.events.ComplaintSeverity;
import com.customerarchive.events.Grade;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The practice's rules that views are computed against at query time (defaults from DOMAIN.md):
 * follow-up cadence per grade, after how long an unchanged profile is stale, and the resolution target
 * of a complaint per severity.
 */
@ConfigurationProperties("archive.rules")
public record ArchiveRules(Map<Grade, Integer> cadenceDays, @DefaultValue("365") int staleAfterDays,
                           Map<ComplaintSeverity, Duration> complaintTargets) {

    private static final Map<Grade, Integer> DEFAULT_CADENCE = Map.of(
            Grade.A, 1, Grade.B, 7, Grade.C, 15, Grade.D, 30, Grade.E, 365);
    private static final Map<ComplaintSeverity, Duration> DEFAULT_TARGETS = Map.of(
            ComplaintSeverity.CRITICAL, Duration.ofHours(4), ComplaintSeverity.HIGH, Duration.ofHours(24),
            ComplaintSeverity.MEDIUM, Duration.ofHours(72), ComplaintSeverity.LOW, Duration.ofDays(7));

    public ArchiveRules {
        var cadence = new EnumMap<Grade, Integer>(DEFAULT_CADENCE);
        if (cadenceDays != null) {
            cadence.putAll(cadenceDays);
        }
        var targets = new EnumMap<ComplaintSeverity, Duration>(DEFAULT_TARGETS);
        if (complaintTargets != null) {
            targets.putAll(complaintTargets);
        }
        if (cadence.values().stream().anyMatch(days -> days < 1) || staleAfterDays < 1
                || targets.values().stream().anyMatch(target -> target.isNegative() || target.isZero())) {
            throw new IllegalArgumentException("archive.rules: cadences, stale threshold and targets must be positive");
        }
        cadenceDays = Map.copyOf(cadence);
        complaintTargets = Map.copyOf(targets);
    }

    public int cadence(Grade grade) {
        return cadenceDays.get(grade);
    }

    public Duration target(ComplaintSeverity severity) {
        return complaintTargets.get(severity);
    }

    /** A SQL expression giving the cadence in days of the grade held in {@code column}; numbers only, from configuration. */
    public String cadenceSql(String column) {
        StringBuilder sql = new StringBuilder("CASE ").append(column);
        for (Grade grade : Grade.values()) {
            sql.append(" WHEN '").append(grade.name()).append("' THEN ").append(cadence(grade));
        }
        return sql.append(" END").toString();
    }

    /** A SQL expression giving the resolution target in seconds of the severity held in {@code column}. */
    public String targetSecondsSql(String column) {
        StringBuilder sql = new StringBuilder("CASE ").append(column);
        for (ComplaintSeverity severity : ComplaintSeverity.values()) {
            sql.append(" WHEN '").append(severity.name()).append("' THEN ").append(target(severity).toSeconds());
        }
        return sql.append(" END").toString();
    }
}
