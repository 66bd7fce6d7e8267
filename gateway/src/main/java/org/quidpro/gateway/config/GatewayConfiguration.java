package org.quidpro.gateway.config;

import java.time.Clock;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.quidpro.gateway.auth.Tokens;
import org.quidpro.gateway.identity.ApiKeys;
import org.quidpro.gateway.identity.web.IdentityFilter;
import org.quidpro.gateway.ratelimit.RateLimits;
import org.quidpro.gateway.routing.CallDeadlines;
import org.quidpro.gateway.routing.web.WholeBodyProxyExchange;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

    @Bean
    Tokens tokens(GatewayProperties properties) {
        return new Tokens(properties.token().key(), properties.token().issuer(), properties.token().ttl());
    }

    @Bean
    ApiKeys apiKeys(GatewayProperties properties) {
        return new ApiKeys(properties.apiKeys().stream().map(k -> ApiKeys.entry(k.name(), k.role(), k.sha256())).toList());
    }

    /**
     * The proxy's connections (Apache HttpClient 5): as many kept-alive connections to a service as its route's
     * bulkhead lets calls through. HttpClient's default of 5 a route would queue calls behind the pool. Each is
     * kept for {@code connection-ttl} at most, then replaced, so that calls reach new replicas too. A proxy
     * passes bodies and encodings as they are and leaves retries to its routes ({@code RouteResilience}), so
     * HttpClient neither asks for compressed answers and inflates them nor retries on its own. Its sockets
     * have no read timeout: the route's limit is kept by {@link CallDeadlines}, which costs no timed park per read.
     */
    @Bean
    ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> proxyConnections(
            GatewayProperties properties) {
        int perService = properties.route().concurrentCalls();
        int total = perService * Math.max(1, properties.services().size());
        TimeValue ttl = TimeValue.ofMilliseconds(properties.route().connectionTtl().toMillis());
        return builder -> builder.withConnectionManagerCustomizer(pool -> pool.setMaxConnPerRoute(perService)
                        .setMaxConnTotal(total))
                .withConnectionConfigCustomizer(connection -> connection.setTimeToLive(ttl)
                        .setSocketTimeout(Timeout.DISABLED))
                .withHttpClientCustomizer(client -> client.disableContentCompression().disableAutomaticRetries());
    }

    /** The route timeout of every proxied call, kept by one watchdog thread. */
    @Bean
    CallDeadlines callDeadlines(GatewayProperties properties) {
        return new CallDeadlines(properties.route().timeout());
    }

    /** Replaces Spring Cloud Gateway's own exchange (it steps aside for any {@link ProxyExchange} bean). */
    @Bean
    ProxyExchange proxyExchange(RestClient.Builder client, GatewayMvcProperties properties, CallDeadlines deadlines) {
        return new WholeBodyProxyExchange(client.build(), properties, deadlines);
    }

    /** Early, before anything reads the identity headers or the body. */
    @Bean
    FilterRegistrationBean<IdentityFilter> identityFilter(Tokens tokens, ApiKeys apiKeys, GatewayProperties properties,
            CallDeadlines deadlines, Clock clock) {
        FilterRegistrationBean<IdentityFilter> registration = new FilterRegistrationBean<>(new IdentityFilter(tokens,
                apiKeys, new RateLimits(properties.rateLimit().peerPerSecond()),
                new RateLimits(properties.rateLimit().ipPerSecond()), properties.secret(), deadlines, clock));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/v1/*");
        return registration;
    }
}
