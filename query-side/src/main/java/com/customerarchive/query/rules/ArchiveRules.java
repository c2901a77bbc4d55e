package com.customerarchive.query.rules;

import com.customerarchive.events.ComplaintSeverity;
import com.customerarchive.events.Grade;
import com.customerarchive.query.core.SqlArrays;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Arrays;
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

    /**
     * SQL: the cadence in days of the row's {@code grade}, looked up in the arrays {@link #cadenceParameters()} binds
     * (the rules stay parameters, never text in a statement).
     */
    public static final String CADENCE_DAYS_OF_GRADE =
            "(CAST(:cadenceDays AS int[]))[array_position(CAST(:cadenceGrades AS text[]), grade)]";

    /** SQL: the resolution target in seconds of the row's {@code severity}, from {@link #targetParameters()}. */
    public static final String TARGET_SECONDS_OF_SEVERITY =
            "(CAST(:targetSeconds AS bigint[]))[array_position(CAST(:targetSeverities AS text[]), severity)]";

    public Map<String, Object> cadenceParameters() {
        Grade[] grades = Grade.values();
        return Map.of("cadenceGrades", SqlArrays.texts(Arrays.stream(grades).map(Grade::name).toList()),
                "cadenceDays", SqlArrays.ints(Arrays.stream(grades).map(this::cadence).toList()));
    }

    public Map<String, Object> targetParameters() {
        ComplaintSeverity[] severities = ComplaintSeverity.values();
        return Map.of("targetSeverities", SqlArrays.texts(Arrays.stream(severities).map(ComplaintSeverity::name).toList()),
                "targetSeconds", SqlArrays.longs(Arrays.stream(severities).map(severity -> target(severity).toSeconds())
                        .toList()));
    }
}
