package com.customerarchive.query.profile;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.testsupport.Api;
import com.customerarchive.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Completeness weights changed between two starts: the stored scores (what the list filters and sorts on) are worked
 * out again with the new weights, and again when the old ones come back. On a database of its own, so that the
 * rebuilds touch no other test's profiles. By hand: with the default weights a card with a name (5) and a phone (8)
 * scores 13 and one with a name only 5; with weights {name 1, phones 1} they score 100 and 50.
 */
class CompletenessWeightsIT {

    private static final String DATABASE = "completeness_weights_it";
    private static TestDatabase database;
    private static AppProcess commandSide;

    @BeforeAll
    static void start() throws SQLException {
        TestDatabase server = TestDatabase.get();
        try (var connection = DriverManager.getConnection(server.url(), server.user(), server.password());
             var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        String url = server.url().replaceFirst("/[^/?]+(\\?.*)?$", "/" + DATABASE);
        database = TestDatabase.at(url, server.user(), server.password());
        commandSide = AppProcess.startOn("command-side", database, List.of("-Xmx384m"));
    }

    @AfterAll
    static void stop() {
        commandSide.stop();
    }

    @Test
    void new_weights_at_a_start_rescore_the_stored_cards_and_the_old_ones_back_score_them_as_before() {
        Api commands = new Api(commandSide.baseUrl());
        String owner = "weights-" + UUID.randomUUID().toString().substring(0, 8);
        UUID both = register(commands, owner, "{\"basic\": {\"name\": \"金华火腿一厂\", \"phones\": [\"0579-82101234\"]}}");
        UUID nameOnly = register(commands, owner, "{\"basic\": {\"name\": \"金华火腿二厂\"}}");
        String below60 = "/api/profiles?ownerId=" + owner + "&completenessBelow=60&sort=completeness";

        withQuerySide(List.of(), queries -> {
            await().atMost(Duration.ofSeconds(60)).until(() -> listed(queries, below60).size() == 2);
            assertThat(listed(queries, below60)).containsExactly(nameOnly + " 5", both + " 13");
        });
        withQuerySide(List.of("-Darchive.completeness.organization[basic.name]=1",
                "-Darchive.completeness.organization[basic.phones]=1"), queries -> {
            // the stored scores follow once the profiles are rebuilt: only the card with a name alone is below 60
            await().atMost(Duration.ofSeconds(90)).until(() -> listed(queries, below60).size() == 1);
            assertThat(listed(queries, below60)).containsExactly(nameOnly + " 50");
        });
        withQuerySide(List.of(), queries -> {
            await().atMost(Duration.ofSeconds(90)).until(() -> listed(queries, below60).size() == 2);
            assertThat(listed(queries, below60)).containsExactly(nameOnly + " 5", both + " 13");
        });
    }

    /** A query-side started on the test's database with these system properties, checked, then stopped. */
    private static void withQuerySide(List<String> properties, java.util.function.Consumer<Api> check) {
        List<String> options = new java.util.ArrayList<>(List.of("-Xmx384m"));
        options.addAll(properties);
        AppProcess querySide = AppProcess.startOn("query-side", database, options);
        try {
            check.accept(new Api(querySide.baseUrl()));
        } finally {
            querySide.stop();
        }
    }

    private static List<String> listed(Api queries, String path) {
        var answer = queries.get(path, "manager");
        if (answer.status() != 200) {
            return List.of();
        }
        return StreamSupport.stream(answer.json().get("items").spliterator(), false)
                .map(item -> item.get("customerId").asString() + " " + item.get("completeness").get("score").asInt())
                .toList();
    }

    private static UUID register(Api commands, String owner, String card) {
        var created = commands.post("/api/customers", "manager", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EXHIBITION", "grade": "C",
                 "ownerId": "%s", "card": %s}""".formatted(owner, card));
        assertThat(created.status()).isEqualTo(201);
        return UUID.fromString(created.json().get("customerId").asString());
    }
}
