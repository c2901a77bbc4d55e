package com.customerarchive.query.support;

import com.customerarchive.testsupport.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organisation the tests build through command-side's API as ADMIN. The tests that share a database share one
 * company ({@link #COMPANY}): an archive has one, and opening it again with the same name is a repeat.
 */
public final class Organisations {

    public static final String COMPANY = "ORG-HQ";

    private Organisations() {
    }

    /** Opens the company if it is not yet, then each unit given as {code, name, parentCode}. */
    public static void open(Api commands, String[]... units) {
        opened(commands, "{\"code\": \"" + COMPANY + "\", \"name\": \"总公司\"}");
        for (String[] unit : units) {
            opened(commands, "{\"code\": \"" + unit[0] + "\", \"name\": \"" + unit[1] + "\", \"parentCode\": \""
                    + unit[2] + "\"}");
        }
    }

    /** Places a user in a unit with a position (REP, TEAM_LEAD, BRANCH_MANAGER, HEAD, CLERK, FINANCE). */
    public static void place(Api commands, String user, String unit, String position) {
        Api.Response placed = commands.put("/api/org/members/" + user, "admin",
                "{\"unitCode\": \"" + unit + "\", \"position\": \"" + position + "\"}");
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(200);
    }

    private static void opened(Api commands, String unit) {
        Api.Response opened = commands.post("/api/org/units", "admin", unit);
        assertThat(opened.status()).as(opened.raw().body()).isEqualTo(201);
    }
}
