package org.quidpro.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets (Bucket4j) per key: {@code perSecond} requests a second, the bucket refilled whole each second. In memory, per
 * gateway replica: with n replicas behind a load balancer a client gets up to n times the rate, which the
 * operator sizes for (a shared store would put a network round trip on every request).
 */
public final class RateLimits {

    private final long perSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(long perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("a rate limit allows at least one request a second");
        }
        this.perSecond = perSecond;
    }

    /** Takes one token for {@code key}; empty if allowed, else how many seconds to wait (at least 1). */
    public OptionalLong take(String key) {
        if (buckets.size() > 1_000_000) {
            buckets.clear(); // bounds memory against a flood of distinct keys; costs at most one burst each
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillIntervally(perSecond, Duration.ofSeconds(1))
                        .build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
