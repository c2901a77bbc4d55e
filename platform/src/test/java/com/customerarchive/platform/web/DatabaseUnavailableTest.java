package com.customerarchive.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {

    @Test
    void a_lost_or_refused_connection_is_recognised_however_deeply_it_is_wrapped() {
        assertThat(DatabaseUnavailable.causes(new CannotGetJdbcConnectionException("pool timed out"))).isTrue();
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("command failed",
                new RuntimeException("append failed", new SQLException("terminating connection due to administrator "
                        + "command", "57P01"))))).isTrue();
        assertThat(DatabaseUnavailable.causes(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseUnavailable.causes(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
        assertThat(DatabaseUnavailable.causes(new RuntimeException(new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void a_refusal_by_the_database_itself_is_not_an_outage() {
        assertThat(DatabaseUnavailable.causes(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.causes(new IllegalArgumentException("bad"))).isFalse();
    }
}
