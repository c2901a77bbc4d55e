package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The customer's team (相关团队) is now {@code members}, beside its owner; the owner or a lead set it. */
@Revision("1")
public record CustomerTeamChangedEvent(CustomerId customerId, List<TeamMember> members) implements CustomerEvent {

    public CustomerTeamChangedEvent {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
