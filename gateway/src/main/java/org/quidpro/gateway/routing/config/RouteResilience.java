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
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.quidpro.gateway.config.GatewayProperties;
import org.quidpro.gateway.routing.CallDeadlines;
import org.quidpro.platform.web.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One route's protection (Resilience4j): a bulkhead (at most {@code concurrent-calls} in flight, so a slow
 * service cannot hold every gateway thread), a circuit breaker (a 5xx or a failed call counts; open, it
 * answers at once), and for GET and HEAD only a second attempt after one that got no answer. Each attempt,
 * and then the relay of the answer's body, is limited by the route timeout ({@link CallDeadlines}: no progress
 * for that long and the call is cut). Whatever fails before the answer begins becomes a 503 problem with
 * {@code Retry-After}, within attempts x timeout.
 */
public final class RouteResilience implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    public static final URI UNAVAILABLE = URI.create("urn:quidpro:problem:service-unavailable");
    public static final long RETRY_AFTER_SECONDS = 5;

    private final String service;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final int readAttempts;
    private final CallDeadlines deadlines;

    RouteResilience(String service, GatewayProperties.Route settings, CallDeadlines deadlines, MeterRegistry meters) {
        this.service = service;
        this.deadlines = deadlines;
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
            // Only a call that got no answer is tried again. A 5xx is the service's own answer and goes to the
            // client as it is: repeating it at once would add load to a service that is struggling, and the
            // unread answer would hold its pooled connection until written.
            for (int attempt = 1; attempt <= attempts; attempt++) {
                if (!breaker.tryAcquirePermission()) {
                    return unavailable(service + " is failing; its circuit is open");
                }
                long begin = System.nanoTime();
                CallDeadlines.Call call = deadlines.start();
                try {
                    ServerResponse response = next.handle(request);
                    long took = System.nanoTime() - begin;
                    if (response.statusCode().is5xxServerError()) {
                        breaker.onError(took, TimeUnit.NANOSECONDS, new IllegalStateException(
                                service + " answered " + response.statusCode().value()));
                    } else {
                        breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                    }
                    return relayedInTime(response);
                } catch (Exception e) {
                    breaker.onError(System.nanoTime() - begin, TimeUnit.NANOSECONDS, e);
                    failure = service + " did not answer " + (call.expired()
                            ? "within " + deadlines.timeout().toMillis() + " ms" : "(" + e.getClass().getSimpleName() + ")");
                } finally {
                    call.close();
                }
            }
            return unavailable(failure);
        } finally {
            bulkhead.onComplete();
        }
    }

    /**
     * The answer, whose body is read from the service only when it is written to the client: that relay is a
     * call of its own under the same limit. A service that stops halfway is cut: if nothing went to the client
     * yet, it gets a 503 problem; otherwise its connection is closed, so that it sees the answer incomplete.
     */
    private ServerResponse relayedInTime(ServerResponse answer) {
        return new ServerResponse() {
            @Override
            public HttpStatusCode statusCode() {
                return answer.statusCode();
            }

            @Override
            public HttpHeaders headers() {
                return answer.headers();
            }

            @Override
            public MultiValueMap<String, Cookie> cookies() {
                return answer.cookies();
            }

            @Override
            public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response, Context context)
                    throws ServletException, IOException {
                try (CallDeadlines.Call call = deadlines.start()) {
                    return answer.writeTo(request, response, context);
                } catch (IOException e) {
                    if (response.isCommitted()) {
                        throw e;
                    }
                    response.reset();
                    return unavailable(service + " stopped answering halfway (" + e.getClass().getSimpleName() + ")")
                            .writeTo(request, response, context);
                }
            }
        };
    }

    private static ServerResponse unavailable(String detail) {
        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(ProblemResponses.detail(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, "Service unavailable", detail,
                        List.of()));
    }
}
