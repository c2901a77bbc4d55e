package com.customerarchive.events.route;

import java.time.DayOfWeek;
import java.util.List;

/**
 * An outlet's place on a route (路线): its branch (所别), the route number (路号), its place in the route's order (序号),
 * the weeks of the four-week cycle it is visited in (访周次, e.g. [1, 3]) and the weekday.
 */
public record Route(String branch, String routeNo, int sequence, List<Integer> visitWeeks, DayOfWeek weekday) {

    public Route {
        visitWeeks = visitWeeks == null ? List.of() : List.copyOf(visitWeeks);
    }

    /** What is wrong with it, or null. */
    public String problem() {
        if (routeNo == null || routeNo.isBlank()) {
            return "routeNo is required";
        }
        if (sequence < 1) {
            return "sequence starts at 1";
        }
        if (visitWeeks.isEmpty() || visitWeeks.stream().anyMatch(week -> week == null || week < 1 || week > 4)
                || visitWeeks.stream().distinct().count() != visitWeeks.size()) {
            return "visitWeeks are weeks 1 to 4 of the cycle, each once";
        }
        if (weekday == null) {
            return "weekday is required";
        }
        return null;
    }
}
