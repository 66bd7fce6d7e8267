package org.quidpro.gateway.routing.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.quidpro.gateway.routing.config.RouteResilience;
import org.quidpro.platform.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;

/**
 * A service that fails while its answer is being relayed (the connection drops, the read times out after the
 * headers) is unavailable, not a gateway error: 503, as when it fails before answering.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProxyProblems {

    @ExceptionHandler({ResourceAccessException.class, IOException.class, UncheckedIOException.class})
    ResponseEntity<Object> unavailable(Exception e) {
        return ProblemResponses.unavailable(RouteResilience.UNAVAILABLE,
                "the service failed while answering (" + e.getClass().getSimpleName() + ")",
                RouteResilience.RETRY_AFTER_SECONDS);
    }
}
