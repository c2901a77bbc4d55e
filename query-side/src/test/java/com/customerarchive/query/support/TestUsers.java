package com.customerarchive.query.support;

/** Users of a test's apps beside the development ones, each logging in as {@code <name>/<name>-pw}. */
public final class TestUsers {

    private TestUsers() {
    }

    /**
     * The apps' {@code SPRING_APPLICATION_JSON} for these users.
     *
     * @param roles each a user's name and its role, e.g. {@code {"rep-1", "SALES"}}
     */
    public static String json(String[][] roles) {
        StringBuilder users = new StringBuilder("{\"archive\": {\"security\": {\"users\": {");
        for (int i = 0; i < roles.length; i++) {
            users.append(i == 0 ? "" : ", ").append("\"").append(roles[i][0]).append("\": {\"password\": \"{noop}")
                    .append(roles[i][0]).append("-pw\", \"roles\": [\"").append(roles[i][1]).append("\"]}");
        }
        return users.append("}}}}").toString();
    }
}
