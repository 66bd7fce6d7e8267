package org.quidpro.gateway.config;

import java.time.Clock;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.quidpro.gateway.auth.Tokens;
import org.quidpro.gateway.identity.ApiKeys;
import org.quidpro.gateway.identity.web.IdentityFilter;
import org.quidpro.gateway.ratelimit.RateLimits;
import org.quidpro.gateway.routing.CallDeadlines;
import org.quidpro.gateway.routing.web.HttpClientProxyExchange;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

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
     * The proxy's client (Apache HttpClient 5, classic): as many kept-alive connections to a service as its route's
     * bulkhead lets calls through, where HttpClient's default of 5 a route would queue calls behind the pool. Each
     * is kept for {@code connection-ttl} at most, then replaced, so that calls reach new replicas too. A proxy
     * passes bodies, encodings, redirects and cookies as they are, keeps no state of a caller's, and leaves
     * retries to its routes ({@code RouteResilience}). Its sockets have no read timeout: the route's limit is kept
     * by {@link CallDeadlines}, which costs no timed park per read.
     */
    @Bean(destroyMethod = "close")
    CloseableHttpClient proxyClient(GatewayProperties properties) {
        GatewayProperties.Route route = properties.route();
        int perService = route.concurrentCalls();
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(route.connectTimeout().toMillis()))
                .setSocketTimeout(Timeout.DISABLED)
                .setTimeToLive(TimeValue.ofMilliseconds(route.connectionTtl().toMillis())).build();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnPerRoute(perService)
                        .setMaxConnTotal(perService * Math.max(1, properties.services().size()))
                        .setDefaultConnectionConfig(connections).build())
                .disableContentCompression().disableAutomaticRetries().disableRedirectHandling()
                .disableCookieManagement().disableAuthCaching().disableConnectionState().build();
    }

    /** The route timeout of every proxied call, kept by one watchdog thread. */
    @Bean
    CallDeadlines callDeadlines(GatewayProperties properties) {
        return new CallDeadlines(properties.route().timeout());
    }

    /** Replaces Spring Cloud Gateway's own exchange (it steps aside for any {@link ProxyExchange} bean). */
    @Bean
    ProxyExchange proxyExchange(CloseableHttpClient proxyClient, GatewayMvcProperties properties, CallDeadlines deadlines) {
        return new HttpClientProxyExchange(proxyClient, deadlines, properties.getStreamingMediaTypes());
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
