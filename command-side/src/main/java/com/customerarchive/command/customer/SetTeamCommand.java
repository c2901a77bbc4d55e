package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import com.customerarchive.events.TeamMember;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The customer's whole team (相关团队) from now on; the owner or a lead over it sets it. */
public record SetTeamCommand(@TargetAggregateIdentifier CustomerId customerId, List<TeamMember> members) {
}
