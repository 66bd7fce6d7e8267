package org.quidpro.coalition.client;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.quidpro.coalition.config.CoalitionProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

/**
 * One dependency (index-service, rating-service) behind a circuit breaker, a retry and a time limiter.
 * Only idempotent reads go through here, so retrying is safe. A 4xx answer is the caller's problem, not
 * the dependency's: it is neither retried nor counted against the circuit. Everything else that fails
 * becomes {@link UpstreamUnavailable}, a 503 within attempts x timeout.
 */
public final class Upstream implements AutoCloseable {

    private final String name;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final TimeLimiter limiter;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    public Upstream(String name, CoalitionProperties.Upstream settings, MeterRegistry meters) {
        this.name = name;
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(10).minimumNumberOfCalls(5)
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .ignoreExceptions(HttpClientErrorException.class)
                .build());
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.attempts())
                .waitDuration(java.time.Duration.ofMillis(100))
                .ignoreExceptions(HttpClientErrorException.class, io.github.resilience4j.circuitbreaker.CallNotPermittedException.class)
                .build());
        this.breaker = breakers.circuitBreaker(name);
        this.retry = retries.retry(name);
        this.limiter = TimeLimiter.of(name, TimeLimiterConfig.custom().timeoutDuration(settings.timeout())
                .cancelRunningFuture(true).build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    /** The read, retried and timed; its 4xx answers pass through as they are. */
    public <T> T read(Supplier<T> call) {
        Supplier<T> timed = () -> {
            try {
                return limiter.executeFutureSupplier(() -> calls.submit(call::get));
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) { // TimeoutException, InterruptedException
                throw new IllegalStateException(name + " did not answer within " + limiter.getTimeLimiterConfig()
                        .getTimeoutDuration().toMillis() + " ms", e);
            }
        };
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, timed)).get();
        } catch (HttpClientErrorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UpstreamUnavailable(name, e);
        }
    }

    /** {@link #read}, with the dependency's 404 as empty (it knows no such thing). */
    public <T> Optional<T> readUnlessNotFound(Supplier<T> call) {
        return read(() -> {
            try {
                return Optional.ofNullable(call.get());
            } catch (HttpClientErrorException e) {
                if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                    return Optional.<T>empty();
                }
                throw e;
            }
        });
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
