package org.quidpro.gateway.openapi.web;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.quidpro.gateway.config.GatewayProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One OpenAPI description of the whole {@code /v1} API, as clients see it through the gateway: the gateway's
 * own sign-in paths and every service's {@code /v1} paths, with their schemas (a schema two services name
 * alike but describe differently is renamed after its service, and the references follow; so is an
 * operation id taken already), and the two ways to authenticate. Built from the running services' own descriptions and cached a minute; Swagger UI shows it.
 * The generated Java client ({@code client/}) is generated from a copy checked against this one.
 */
@RestController
class OpenApiController {

    static final String PATH = "/v3/api-docs/quidpro";

    private record Cached(JsonNode spec, Instant until) {}

    private final Map<String, RestClient> services = new LinkedHashMap<>();
    private final RestClient.Builder builder;
    private final Clock clock;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    OpenApiController(RestClient.Builder builder, GatewayProperties properties, Clock clock) {
        // Not the proxy's client settings: a service builds its description on first request, which may take
        // longer than a route's timeout.
        var factory = new org.springframework.http.client.JdkClientHttpRequestFactory();
        factory.setReadTimeout(java.time.Duration.ofSeconds(30));
        this.builder = builder.clone().requestFactory(factory);
        properties.services().forEach((name, uri) -> services.put(name, this.builder.clone().baseUrl(uri.toString()).build()));
        this.clock = clock;
    }

    @GetMapping(value = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode merged(jakarta.servlet.http.HttpServletRequest request) {
        Cached cached = cache.get();
        Instant now = clock.instant();
        if (cached != null && cached.until().isAfter(now)) {
            return cached.spec();
        }
        Map<String, JsonNode> specs = new LinkedHashMap<>();
        // The gateway's own description (its sign-in paths), from springdoc on this very server.
        specs.put("gateway", builder.clone().baseUrl("http://localhost:" + request.getLocalPort()).build().get()
                .uri("/v3/api-docs").retrieve().body(JsonNode.class));
        services.forEach((name, client) -> specs.put(name, client.get().uri("/v3/api-docs").retrieve().body(JsonNode.class)));
        JsonNode spec = merge(specs);
        cache.set(new Cached(spec, now.plusSeconds(60)));
        return spec;
    }

    static JsonNode merge(Map<String, JsonNode> specs) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode merged = f.objectNode();
        merged.put("openapi", "3.1.0");
        merged.putObject("info").put("title", "quidpro API").put("version", "v1")
                .put("description", "The /v1 API of quidpro through its gateway. Peers: Authorization: Bearer <token> "
                        + "from /v1/auth/tokens. Analysts and operators: X-Api-Key.");
        merged.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode security = components.putObject("securitySchemes");
        security.putObject("bearer").put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        security.putObject("apiKey").put("type", "apiKey").put("in", "header").put("name", "X-Api-Key");
        merged.putArray("security").add(f.objectNode().set("bearer", f.arrayNode()))
                .add(f.objectNode().set("apiKey", f.arrayNode()));
        java.util.Set<String> operationIds = new java.util.HashSet<>();
        specs.forEach((service, spec) -> {
            Map<String, String> renamed = new HashMap<>();
            JsonNode own = spec.path("components").path("schemas");
            for (Iterator<Map.Entry<String, JsonNode>> it = own.properties().iterator(); it.hasNext(); ) {
                var schema = it.next();
                JsonNode existing = schemas.get(schema.getKey());
                if (existing != null && !existing.equals(schema.getValue())) {
                    renamed.put(schema.getKey(), Character.toUpperCase(service.charAt(0)) + service.substring(1)
                            + schema.getKey());
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = own.properties().iterator(); it.hasNext(); ) {
                var schema = it.next();
                schemas.set(renamed.getOrDefault(schema.getKey(), schema.getKey()), references(schema.getValue(), renamed));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("paths").properties().iterator(); it.hasNext(); ) {
                var path = it.next();
                if (path.getKey().startsWith("/v1/")) {
                    JsonNode operations = references(path.getValue(), renamed).deepCopy();
                    // Operation ids name the client's methods: one taken already gets its service's name in front.
                    operations.values().forEach(operation -> {
                        if (operation instanceof ObjectNode op && op.has("operationId")) {
                            String id = op.get("operationId").asString();
                            String unique = operationIds.contains(id)
                                    ? service + Character.toUpperCase(id.charAt(0)) + id.substring(1) : id;
                            operationIds.add(unique);
                            op.put("operationId", unique);
                        }
                    });
                    paths.set(path.getKey(), operations);
                }
            }
        });
        prune(schemas, paths);
        return merged;
    }

    /** Keeps only the schemas the {@code /v1} paths reach (through references, transitively). */
    private static void prune(ObjectNode schemas, JsonNode paths) {
        java.util.Set<String> reached = new java.util.HashSet<>();
        java.util.Deque<JsonNode> pending = new java.util.ArrayDeque<>(List.of(paths));
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isObject() && node.has("$ref") && node.get("$ref").asString().startsWith("#/components/schemas/")) {
                String name = node.get("$ref").asString().substring("#/components/schemas/".length());
                if (reached.add(name) && schemas.has(name)) {
                    pending.push(schemas.get(name));
                }
            }
            node.values().forEach(pending::push);
        }
        List<String> unreached = new java.util.ArrayList<>();
        schemas.propertyNames().forEach(name -> {
            if (!reached.contains(name)) {
                unreached.add(name);
            }
        });
        unreached.forEach(schemas::remove);
    }

    /** A copy with every {@code $ref} to a renamed schema pointing at its new name. */
    private static JsonNode references(JsonNode node, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        rewrite(copy, renamed);
        return copy;
    }

    private static void rewrite(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith("#/components/schemas/")) {
                String name = ref.asString().substring("#/components/schemas/".length());
                if (renamed.containsKey(name)) {
                    object.put("$ref", "#/components/schemas/" + renamed.get(name));
                }
            }
            object.values().forEach(child -> rewrite(child, renamed));
        } else if (node.isArray()) {
            node.values().forEach(child -> rewrite(child, renamed));
        }
    }
}
