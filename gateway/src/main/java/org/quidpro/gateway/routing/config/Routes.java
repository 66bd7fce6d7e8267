package org.quidpro.gateway.routing.config;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quidpro.gateway.config.GatewayProperties;
import org.quidpro.gateway.routing.CallDeadlines;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The one {@code /v1} API onto the services. Each service is a route with its own circuit breaker,
 * bulkhead and retry ({@link RouteResilience}); paths are matched most specific first, since several
 * services answer under {@code /v1/communities/{c}/...}. The gateway forwards bodies as they are and keeps
 * no DTOs of the services (it composes nothing yet).
 */
@Configuration(proxyBeanMethods = false)
class Routes {

    /** Which paths each service answers, in matching order. */
    static final Map<String, List<String>> PATHS = paths();

    private static Map<String, List<String>> paths() {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        paths.put("index", List.of("/v1/communities/*/peers/*/files", "/v1/communities/*/peers/*/files/**",
                "/v1/communities/*/files", "/v1/communities/*/files/**"));
        paths.put("rating", List.of("/v1/communities/*/peers/*/responsiveness", "/v1/communities/*/ratings",
                "/v1/communities/*/ratings/**", "/v1/communities/*/allocations", "/v1/communities/*/provider-picks",
                "/v1/communities/*/rating-history/**"));
        paths.put("coalition", List.of("/v1/communities/*/coalitions", "/v1/communities/*/coalitions/**",
                "/v1/coalition-games"));
        paths.put("accounting", List.of("/v1/peers", "/v1/peers/**", "/v1/receipts", "/v1/receipts/**",
                "/v1/communities", "/v1/communities/*", "/v1/communities/*/members", "/v1/communities/*/accounts/**",
                "/v1/communities/*/pairs/**"));
        return paths;
    }

    @Bean
    RouterFunction<ServerResponse> quidproRoutes(GatewayProperties properties, CallDeadlines deadlines,
            MeterRegistry meters) {
        RouterFunction<ServerResponse> all = null;
        for (var service : PATHS.entrySet()) {
            String name = service.getKey();
            RequestPredicate matches = service.getValue().stream().map(p -> path(p)).reduce(RequestPredicate::or)
                    .orElseThrow();
            RouterFunction<ServerResponse> one = route(name).route(matches, http())
                    .before(uri(properties.services().get(name)))
                    .filter(new RouteResilience(name + "-service", properties.route(), deadlines, meters))
                    .build();
            all = all == null ? one : all.and(one);
        }
        return all;
    }
}
