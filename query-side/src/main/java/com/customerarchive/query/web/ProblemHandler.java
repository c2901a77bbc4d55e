package com.customerarchive.query.web;

import com.customerarchive.query.admin.Projections;
import com.customerarchive.platform.web.ProblemResponses;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.concurrent.RejectedExecutionException;

/** What only reads refuse becomes problem answers here; what every API shares is platform's. */
@RestControllerAdvice
@Order(0)
class ProblemHandler {

    @ExceptionHandler(Freshness.NotCaughtUpException.class)
    ResponseEntity<Object> notCaughtUp(Freshness.NotCaughtUpException ex) {
        return ProblemResponses.unavailable("not-caught-up", "Not caught up yet", ex.getMessage(), 1);
    }

    @ExceptionHandler(Projections.NotRebuildableException.class)
    ResponseEntity<Object> notRebuildable(Projections.NotRebuildableException ex) {
        return ProblemResponses.answer(ProblemResponses.problem(HttpStatus.CONFLICT, "feed-not-rebuildable",
                "The feed is never rebuilt", ex.getMessage()));
    }

    @ExceptionHandler(RejectedExecutionException.class)
    ResponseEntity<Object> tooManySubscribers(RejectedExecutionException ex) {
        return ProblemResponses.unavailable("too-many-subscribers", "Too many subscribers", "The live feed has as "
                + "many subscribers as it serves; retry later or page through GET /api/events.", 5);
    }
}
