package com.customerarchive.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a failure caused by the database being out of reach, however deeply a framework wrapped it, so that
 * the caller hears 503 with Retry-After instead of 500 or, worse, a refusal by some rule.
 */
public final class DatabaseUnavailable {

    public static final int RETRY_AFTER_SECONDS = 5;
    /** What HikariCP answers (with no SQLSTATE) when a statement runs on a connection it evicted as broken. */
    private static final String CLOSED_BY_POOL = "Connection is closed";
    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

    private DatabaseUnavailable() {
    }

    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessResourceException || cause instanceof RecoverableDataAccessException
                    || cause instanceof QueryTimeoutException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLRecoverableException || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && (isConnectionState(sql.getSQLState())
                    || CLOSED_BY_POOL.equals(sql.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception), 57P01–57P03 (shut down, crashed, not accepting connections). */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    public static ResponseEntity<Object> answer(Throwable failure) {
        log.warn("database unreachable: {}", failure.getClass().getSimpleName());
        return ProblemResponses.unavailable("store-unavailable", "Store unavailable",
                "The database cannot be reached; nothing was written. Retry later.", RETRY_AFTER_SECONDS);
    }
}
