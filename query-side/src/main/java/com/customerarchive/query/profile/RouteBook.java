package com.customerarchive.query.profile;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** The outlets of a route as their profiles stand, in the route's order (序号), merged ones left out. */
@Component
public class RouteBook {

    private final JdbcClient jdbc;
    private final ProfileStateJson states;

    RouteBook(JdbcClient jdbc, ProfileStateJson states) {
        this.jdbc = jdbc;
        this.states = states;
    }

    /** The customers of these owners (null: every owner's) with a remark not yet acknowledged. */
    public List<ProfileState> withOpenRemarks(String[] owners) {
        return jdbc.sql("SELECT state FROM profile WHERE merged_into IS NULL "
                        + "AND (CAST(:owners AS text[]) IS NULL OR owner_id = ANY(CAST(:owners AS text[]))) "
                        + "AND jsonb_path_exists(CAST(state AS jsonb), '$.remarks[*] ? (@.acknowledged == false)') "
                        + "ORDER BY customer_id")
                .param("owners", owners).query((row, n) -> states.read(row.getString(1))).list();
    }

    /** @param owners the owners in the reader's scope; null: every owner's */
    public List<ProfileState> outlets(String routeNo, String[] owners) {
        return jdbc.sql("SELECT state FROM profile WHERE merged_into IS NULL AND state->'route'->>'routeNo' = :route "
                        + "AND (CAST(:owners AS text[]) IS NULL OR owner_id = ANY(CAST(:owners AS text[]))) "
                        + "ORDER BY CAST(state->'route'->>'sequence' AS integer), customer_id")
                .param("route", routeNo).param("owners", owners)
                .query((row, n) -> states.read(row.getString(1))).list();
    }
}
