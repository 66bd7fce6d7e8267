package org.quidpro.coalition.web;

import java.net.URI;
import java.util.List;
import org.quidpro.coalition.formation.FormationRefused;
import org.quidpro.coalition.client.UpstreamUnavailable;
import org.quidpro.platform.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A download no coalition can serve: 404 when nobody holds the file, 422 with the reason otherwise; a
 * dependency that is down: 503 with Retry-After. Nothing is stored in either case.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CoalitionProblems {

    static final URI REFUSED = URI.create("urn:quidpro:problem:coalition-refused");
    static final URI UNAVAILABLE = URI.create("urn:quidpro:problem:upstream-unavailable");

    @ExceptionHandler(FormationRefused.class)
    ResponseEntity<Object> refused(FormationRefused refused) {
        HttpStatus status = refused.reason() == FormationRefused.Reason.NO_HOLDERS ? HttpStatus.NOT_FOUND
                : HttpStatus.UNPROCESSABLE_CONTENT;
        return ProblemResponses.problem(status, REFUSED, "No coalition: " + refused.reason(), refused.getMessage(),
                List.of());
    }

    @ExceptionHandler(UpstreamUnavailable.class)
    ResponseEntity<Object> unavailable(UpstreamUnavailable unavailable) {
        return ProblemResponses.unavailable(UNAVAILABLE, unavailable.getMessage(), 5);
    }
}
