package org.quidpro.gateway.routing.config;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.quidpro.gateway.config.GatewayProperties;
import org.quidpro.platform.web.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One route's protection (Resilience4j): a bulkhead (at most {@code concurrent-calls} in flight, so a slow
 * service cannot hold every gateway thread), a circuit breaker (a 5xx or a failed call counts; open, it
 * answers at once), and for GET and HEAD only a second attempt after a failed one. The time limit is the
 * proxy client's read timeout ({@code spring.http.clients.read-timeout}, the route timeout). Whatever fails
 * becomes a 503 problem with {@code Retry-After}, within attempts x timeout.
 */
public final class RouteResilience implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    public static final URI UNAVAILABLE = URI.create("urn:quidpro:problem:service-unavailable");
    public static final long RETRY_AFTER_SECONDS = 5;

    private final String service;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final int readAttempts;

    RouteResilience(String service, GatewayProperties.Route settings, MeterRegistry meters) {
        this.service = service;
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(settings.concurrentCalls()).maxWaitDuration(Duration.ZERO).build());
        this.bulkhead = bulkheads.bulkhead(service);
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold()).slidingWindowSize(10).minimumNumberOfCalls(5)
                .waitDurationInOpenState(settings.openFor()).permittedNumberOfCallsInHalfOpenState(2).build());
        this.breaker = breakers.circuitBreaker(service);
        this.readAttempts = Math.max(1, settings.readAttempts());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        if (!bulkhead.tryAcquirePermission()) {
            return unavailable(service + " has too many calls in flight");
        }
        try {
            boolean idempotent = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
            int attempts = idempotent ? readAttempts : 1;
            String failure = null;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                if (!breaker.tryAcquirePermission()) {
                    return unavailable(service + " is failing; its circuit is open");
                }
                long begin = System.nanoTime();
                try {
                    ServerResponse response = next.handle(request);
                    long took = System.nanoTime() - begin;
                    if (response.statusCode().is5xxServerError()) {
                        breaker.onError(took, TimeUnit.NANOSECONDS, new IllegalStateException(
                                service + " answered " + response.statusCode().value()));
                        failure = service + " answered " + response.statusCode().value();
                        if (attempt == attempts) {
                            return response; // the service's own problem answer, as it gave it
                        }
                    } else {
                        breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                        return response;
                    }
                } catch (Exception e) {
                    breaker.onError(System.nanoTime() - begin, TimeUnit.NANOSECONDS, e);
                    failure = service + " did not answer (" + e.getClass().getSimpleName() + ")";
                }
            }
            return unavailable(failure);
        } finally {
            bulkhead.onComplete();
        }
    }

    private static ServerResponse unavailable(String detail) {
        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(ProblemResponses.detail(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, "Service unavailable", detail,
                        List.of()));
    }
}
