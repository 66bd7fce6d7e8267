package org.quidpro.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param services where each service answers, by name (accounting, rating, index, coalition)
 * @param secret what the gateway adds to every request it forwards (the services accept identity headers
 *     only with it, when they are given one too)
 * @param apiKeys analysts' and operators' keys, by their SHA-256
 */
@ConfigurationProperties("quidpro.gateway")
public record GatewayProperties(Map<String, URI> services, String secret, Token token, Duration challengeTtl,
        List<ApiKey> apiKeys, RateLimit rateLimit, Route route) {

    public GatewayProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /** @param key an EC P-256 private key as a JWK (JSON); null: one generated at start-up */
    public record Token(Duration ttl, String issuer, String key) {}

    /** @param role analyst or operator */
    public record ApiKey(String name, String role, String sha256) {}

    public record RateLimit(long peerPerSecond, long ipPerSecond) {}

    /**
     * @param timeout per attempt
     * @param connectTimeout for a new connection to a service
     * @param readAttempts attempts for GET and HEAD that get no answer; other methods, and any call the service
     *     answered (a 5xx too), are tried once
     * @param concurrentCalls bulkhead: calls in flight per route at most
     * @param connectionTtl a kept-alive connection to a service is replaced after this long, so that calls
     *     spread onto replicas that started since (the services never close a busy connection themselves)
     */
    public record Route(Duration timeout, Duration connectTimeout, int readAttempts, int concurrentCalls, float failureRateThreshold,
            Duration openFor, Duration connectionTtl) {}
}
