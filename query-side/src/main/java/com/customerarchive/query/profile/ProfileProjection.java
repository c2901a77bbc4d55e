package com.customerarchive.query.profile;

import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.Tables;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps {@code profile} current by folding each customer's events: the batch's customers are read in one query,
 * folded in memory, and every changed state written once; an event already applied changes nothing.
 */
@Component
class ProfileProjection implements ReadModel {

    static final String NAME = "profiles";

    private final ProfileRepository profiles;

    ProfileProjection(ProfileRepository profiles) {
        this.profiles = profiles;
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
    public void apply(List<PassEvent> events, Tables tables) {
        Set<UUID> customers = new LinkedHashSet<>();
        events.forEach(event -> customers.add(event.customerId()));
        Map<UUID, ProfileState> states = profiles.findAll(tables, customers);
        Map<UUID, ProfileState> changed = new LinkedHashMap<>();
        for (PassEvent event : events) {
            ProfileState current = states.get(event.customerId());
            if (current != null && current.version() >= event.sequence()) {
                continue;
            }
            ProfileState next = ProfileFold.apply(current, event.event(), event.context());
            states.put(event.customerId(), next);
            changed.put(event.customerId(), next);
        }
        profiles.saveAll(tables, changed.values());
    }
}
