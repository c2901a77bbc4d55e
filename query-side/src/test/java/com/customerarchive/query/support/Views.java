package com.customerarchive.query.support;

import com.customerarchive.testsupport.Api;

import static org.assertj.core.api.Assertions.assertThat;

/** Views searched for what they must not show: first shown to be the view, since an error's body shows nothing. */
public final class Views {

    private Views() {
    }

    /** The body of {@code path} as {@code user}, which must be answered 200. */
    public static String read(Api app, String path, String user) {
        Api.Response answer = app.get(path, user);
        assertThat(answer.status()).as(path + " as " + user + ": " + answer.raw().body()).isEqualTo(200);
        return answer.raw().body();
    }
}
