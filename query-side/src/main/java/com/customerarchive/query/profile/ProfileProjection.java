package com.customerarchive.query.profile;

import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.RowAppender;
import com.customerarchive.query.pass.Rows;
import com.customerarchive.query.pass.Tables;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Keeps {@code profile} current by folding each customer's events: customers not held are read in one query per
 * batch, folded in memory, and every changed state written once per flush; an event already applied changes
 * nothing.
 */
@Component
class ProfileProjection implements ReadModel {

    static final String NAME = "profiles";
    private static final int HELD_ROWS = 20_000;

    private final ProfileRepository profiles;
    private final RowAppender appender;

    ProfileProjection(ProfileRepository profiles, RowAppender appender) {
        this.profiles = profiles;
        this.appender = appender;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(ProfileRepository.TABLE);
    }

    @Override
    public Writer writer(Tables tables) {
        Rows<UUID, ProfileState> rows = new Rows<>(HELD_ROWS, tables);
        return new Writer() {
            @Override
            public void apply(List<PassEvent> events) {
                rows.load(events.stream().map(PassEvent::customerId).toList(), ids -> profiles.findAll(tables, ids));
                for (PassEvent event : events) {
                    ProfileState current = rows.get(event.customerId());
                    if (current == null || current.version() < event.sequence()) {
                        rows.put(event.customerId(), ProfileFold.apply(current, event.event(), event.context()));
                    }
                }
            }

            @Override
            public void flush() {
                profiles.saveAll(tables, rows.changed());
                if (rows.flushed()) {
                    appender.analyze(tables.of(ProfileRepository.TABLE));
                }
            }
        };
    }
}
