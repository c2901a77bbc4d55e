package com.customerarchive.query.support;

import com.customerarchive.testsupport.Api;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle report read for one customer. */
public final class LifecycleStages {

    private LifecycleStages() {
    }

    /** The lifecycle stage of the one customer of {@code ownerId} at {@code asOf}, from the lifecycle report. */
    public static String stageAt(Api queries, String asOf, String ownerId) {
        JsonNode stages = queries.get("/api/reports/lifecycle?asOf=" + asOf + "&ownerId=" + ownerId, "manager").json()
                .get("stages");
        List<String> judged = new ArrayList<>();
        stages.properties().forEach(stage -> {
            for (int i = 0; i < stage.getValue().asInt(); i++) {
                judged.add(stage.getKey());
            }
        });
        assertThat(judged).as(stages.toString()).hasSize(1);
        return judged.get(0);
    }
}
