package com.customerarchive.query.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The folded profile as JSON: the profile table's {@code state} and the sealed checkpoints hold it this way. */
@Component
class ProfileStateJson {

    private final ObjectMapper json;

    ProfileStateJson(@Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.json = json;
    }

    String write(ProfileState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profile state not writable as JSON", e);
        }
    }

    ProfileState read(String state) {
        try {
            return json.readValue(state, ProfileState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile state is not readable", e);
        }
    }
}
