package com.customerarchive.command.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answer to an accepted write: the version in the body and as {@code ETag}, plus what the write adds. */
public final class Written {

    private Written() {
    }

    public static ResponseEntity<Map<String, Object>> ok(long version) {
        return answer(HttpStatus.OK, version, Map.of());
    }

    public static ResponseEntity<Map<String, Object>> answer(HttpStatus status, long version, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>(more);
        body.put("version", version);
        return ResponseEntity.status(status).eTag(Long.toString(version)).body(body);
    }
}
