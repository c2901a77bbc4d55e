package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import com.customerarchive.events.route.Route;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The outlet on a route with its trade type (业种); {@code route} null takes it off every route. */
public record AssignRouteCommand(@TargetAggregateIdentifier CustomerId customerId,
                                 @TargetAggregateVersion Long expectedVersion, Route route, String tradeType) {
}
