package com.customerarchive.query.profile;

import com.customerarchive.query.privacy.Erasure;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.Rows;
import com.customerarchive.query.pass.Tables;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps {@code profile} current by folding each customer's events: customers not held are read in one query per
 * batch, folded in memory, and every changed state written once per flush; an event already applied changes
 * nothing. Every so many versions the fold is also kept as a sealed checkpoint for as-of views.
 */
@Component
class ProfileProjection implements ReadModel {

    static final String NAME = "profiles";
    private static final int HELD_ROWS = 20_000;

    private final ProfileRepository profiles;
    private final ProfileCheckpoints checkpoints;

    ProfileProjection(ProfileRepository profiles, ProfileCheckpoints checkpoints) {
        this.profiles = profiles;
        this.checkpoints = checkpoints;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(ProfileRepository.TABLE, ProfileCheckpoints.TABLE);
    }

    @Override
    public Writer writer(Tables tables) {
        Rows<UUID, ProfileState> rows = new Rows<>(HELD_ROWS, tables);
        List<Object[]> sealed = new ArrayList<>();
        Set<UUID> erased = new LinkedHashSet<>();
        return new Writer() {
            @Override
            public void apply(List<PassEvent> events) {
                rows.load(events.stream().map(PassEvent::customerId).toList(), ids -> profiles.findAll(tables, ids));
                for (PassEvent event : events) {
                    ProfileState current = rows.get(event.customerId());
                    if (current == null || current.version() < event.sequence()) {
                        ProfileState next = ProfileFold.apply(current, event.event(), event.context());
                        rows.put(event.customerId(), next);
                        checkpoints.of(next, event.context().recordedAt()).ifPresent(sealed::add);
                    }
                    // sealed as-of checkpoints hold the card as it was: an erasure, or a field destroyed, drops them
                    // (as-of then folds from the store, where the destroyed values read "[erased]")
                    Erasure.of(event.event()).ifPresent(erasure -> erased.add(event.customerId()));
                }
            }

            @Override
            public void flush() {
                checkpoints.save(tables, sealed);
                checkpoints.removeAll(tables, erased);
                sealed.clear();
                erased.clear();
                profiles.saveAll(tables, rows.changed());
                rows.flushed();
            }
        };
    }
}
