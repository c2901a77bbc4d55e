package com.customerarchive.query.admin;

import com.customerarchive.query.pass.OnePass;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.platform.web.NotFoundException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The read models the one pass feeds: their position against the head of the store (also as Prometheus gauges),
 * and their rebuild into new tables while the old ones serve.
 */
@Component
public class Projections {

    private static final Logger log = LoggerFactory.getLogger(Projections.class);
    private static final long CACHE_NANOS = 1_000_000_000L;

    private final OnePass pass;
    private final MeterRegistry meters;
    private volatile Cached cache;

    private record Cached(OnePass.Progress progress, long at) {
    }

    Projections(OnePass pass, MeterRegistry meters) {
        this.pass = pass;
        this.meters = meters;
    }

    /** A rebuild under way: its own position, its speed, and how long it should still take at that speed. */
    public record Rebuild(long position, long events, long eventsPerSecond, Long estimatedSecondsLeft) {
    }

    /**
     * {@code position} is what reads answer from; while {@code replaying}, {@code rebuild} shows the new tables'
     * progress towards the head.
     */
    public record Status(String name, boolean running, boolean replaying, long position, long head, long lag,
                         Rebuild rebuild) {
    }

    public List<String> names() {
        return pass.models().stream().map(ReadModel::name).sorted().toList();
    }

    public Status status(String name) {
        model(name);
        return status(name, current(false));
    }

    public List<Status> all() {
        Cached now = current(false);
        return names().stream().map(name -> status(name, now)).toList();
    }

    /** Rebuilds one read model ({@code all}: every one that can be) from the first event into new tables. */
    public List<String> replay(String name) {
        List<String> names = "all".equals(name)
                ? pass.models().stream().filter(ReadModel::rebuildable).map(ReadModel::name).toList()
                : List.of(model(name).name());
        if (!"all".equals(name) && !model(name).rebuildable()) {
            throw new NotRebuildableException(name);
        }
        pass.rebuild(names);
        cache = null;
        log.info("read models {} to be rebuilt from the first event", names);
        return names;
    }

    private Status status(String name, Cached now) {
        long head = now.progress().head();
        long position = Math.min(now.progress().position(), head);
        var rebuild = now.progress().rebuild().filter(asked -> asked.models().contains(name))
                .map(asked -> {
                    long rate = Math.round(asked.eventsPerSecond());
                    Long left = rate == 0 ? null : Math.max(0, head - asked.position()) / rate;
                    return new Rebuild(asked.position(), asked.events(), rate, left);
                }).orElse(null);
        return new Status(name, pass.isRunning(), rebuild != null, position, head, Math.max(head - position, 0),
                rebuild);
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        for (String name : names()) {
            Gauge.builder("archive.projection.position", () -> status(name, current(true)).position())
                    .description("Global index of the last event the read model holds").tag("projection", name)
                    .register(meters);
            Gauge.builder("archive.projection.lag", () -> status(name, current(true)).lag())
                    .description("Events stored but not yet in the read model").tag("projection", name)
                    .register(meters);
            Gauge.builder("archive.projection.replaying", () -> status(name, current(true)).replaying() ? 1 : 0)
                    .description("1 while the read model is being rebuilt into new tables")
                    .tag("projection", name).register(meters);
        }
    }

    /** Read at most once a second for a Prometheus scrape (three gauges per read model); at once for the API. */
    private Cached current(boolean cached) {
        long now = System.nanoTime();
        Cached last = cache;
        if (cached && last != null && now - last.at() < CACHE_NANOS) {
            return last;
        }
        Cached fresh = new Cached(pass.progress(), now);
        cache = fresh;
        return fresh;
    }

    private ReadModel model(String name) {
        return pass.model(name).orElseThrow(() -> new NotFoundException("projection-not-found", "Projection not found",
                "No projection is named " + name + "; the names are " + names() + " (or all)."));
    }

    /** The feed's positions are for ever: it is never rebuilt. */
    public static class NotRebuildableException extends RuntimeException {

        NotRebuildableException(String name) {
            super("The " + name + " keeps positions integrators have seen; it is never rebuilt.");
        }
    }
}
