package com.customerarchive.events;

import com.customerarchive.events.route.Route;
import org.axonframework.serialization.Revision;

/** The outlet put on a route (or taken off it: {@code route} null) with its coded trade type (业种). */
@Revision("1")
public record RouteAssignedEvent(CustomerId customerId, Route route, String tradeType) implements CustomerEvent {
}
