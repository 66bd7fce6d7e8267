package org.quidpro.gateway.routing.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.quidpro.platform.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

    @ExceptionHandler({ResourceAccessException.class, IOException.class})
    ResponseEntity<Object> unavailable(Exception e) {
        ResponseEntity<Object> problem = ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE,
                URI.create("urn:quidpro:problem:service-unavailable"), "Service unavailable",
                "the service failed while answering (" + e.getClass().getSimpleName() + ")", List.of());
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, "5").body(problem.getBody());
    }
}
