package com.customerarchive.query.commercial;

import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.query.money.Money;
import com.customerarchive.query.rules.ArchiveRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lifecycle, churn warning and value judged at query time, as overdue is: the figures of the customers asked for,
 * and the archive's distribution the value ranks them against (recomputed at most once a minute for "now").
 */
@Component
@EnableConfigurationProperties(ValueProperties.class)
public class Commercial {

    private static final Duration DISTRIBUTION_KEPT = Duration.ofMinutes(1);

    private final CommercialRepository figures;
    private final ArchiveRules rules;
    private final ValueProperties value;
    private final BusinessZone zone;
    private final Money money;
    private final AtomicReference<Kept> kept = new AtomicReference<>();

    Commercial(CommercialRepository figures, ArchiveRules rules, ValueProperties value, BusinessZone zone, Money money) {
        this.zone = zone;
        this.figures = figures;
        this.rules = rules;
        this.value = value;
        this.money = money;
    }

    private record Kept(Instant at, Value.Distribution distribution) {
    }

    /** One customer judged at {@code asOf}, with its purchases, lifecycle and value. */
    public record Judged(Figures figures, Lifecycle lifecycle, Value value) {

        /** The purchase total the value ranked, in the base currency. */
        public java.math.BigDecimal scoredTotal() {
            return value.scoredTotal().amount();
        }
    }

    public Optional<Judged> of(UUID customerId, Instant asOf, boolean now) {
        return figures.figures(asOf, customerId, null).stream().findFirst()
                .map(found -> judge(found, distribution(asOf, now), asOf));
    }

    /** Every customer (of these owners, when given) judged at {@code asOf}. */
    public List<Judged> all(Instant asOf, String[] owners, boolean now) {
        Value.Distribution distribution = distribution(asOf, now);
        return figures.figures(asOf, null, owners).stream().map(found -> judge(found, distribution, asOf)).toList();
    }

    private Judged judge(Figures found, Value.Distribution distribution, Instant asOf) {
        return new Judged(found, Lifecycle.of(found, rules, asOf, zone), distribution.of(found, value.weights()));
    }

    private Value.Distribution distribution(Instant asOf, boolean now) {
        if (!now) {
            return new Value.Distribution(figures.figures(asOf, null, null), asOf, money);
        }
        Kept current = kept.get();
        if (current == null || Duration.between(current.at(), asOf).compareTo(DISTRIBUTION_KEPT) > 0) {
            current = new Kept(asOf, new Value.Distribution(figures.figures(asOf, null, null), asOf, money));
            kept.set(current);
        }
        return current.distribution();
    }
}
