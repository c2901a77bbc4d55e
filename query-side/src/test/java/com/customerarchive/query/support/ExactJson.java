package com.customerarchive.query.support;

import com.customerarchive.testsupport.Api;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;

/** An answer's JSON with its decimals as written (100.00 stays 100.00), for money compared as text. */
public final class ExactJson {

    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    private ExactJson() {
    }

    public static JsonNode of(Api.Response answer) {
        return EXACT.readTree(answer.raw().body());
    }
}
