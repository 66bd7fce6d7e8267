package org.quidpro.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quidpro.gateway.auth.Tokens;
import org.quidpro.testkit.peer.PeerIds;
import org.quidpro.testkit.spring.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway on its own, against a stand-in for the services that answers with the identity it was
 * given: sign-in by key, the auth matrix, identity stripping, rate limits, and a service that stops
 * answering. (The services' own refusals, behind a real gateway, are in the devstack end-to-end test.)
 */
@ServiceIntegrationTest
class GatewayIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String JWK = jwk();
    static final HttpServer SERVICES;
    static final Map<String, String> KEYS = new ConcurrentHashMap<>();
    static final AtomicReference<Duration> DELAY = new AtomicReference<>(Duration.ZERO);
    static final AtomicInteger CALLS = new AtomicInteger();
    static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

    static String jwk() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate().toJSONString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static {
        try {
            SERVICES = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        SERVICES.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        SERVICES.createContext("/v3/api-docs", exchange -> {
            byte[] spec = ("{\"openapi\": \"3.1.0\", \"paths\": {\"/v1/things\": {\"get\": {\"responses\": {\"200\":"
                    + " {\"content\": {\"application/json\": {\"schema\": {\"$ref\": \"#/components/schemas/Thing\"}}}}}}},"
                    + " \"/actuator/health\": {}}, \"components\": {\"schemas\": {\"Thing\": {\"type\": \"object\"}}}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, spec.length);
            exchange.getResponseBody().write(spec);
            exchange.close();
        });
        // An answer that stops after its first 10 bytes, and one that keeps coming for longer than the route's
        // time limit (1 s) but never pauses that long.
        SERVICES.createContext("/v1/communities/c1/coalitions/stalled", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write(new byte[10]);
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        SERVICES.createContext("/v1/communities/c1/coalitions/trickled", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no declared length
            try {
                for (int i = 0; i < 8; i++) {
                    exchange.getResponseBody().write(("piece " + i + ";").repeat(100).getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                    Thread.sleep(Duration.ofMillis(300));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        // Every first call of a method is dropped without an answer; a broken one always answers 500.
        SERVICES.createContext("/v1/communities/c1/files/flaky", exchange -> {
            String method = exchange.getRequestMethod();
            if (HITS.computeIfAbsent("flaky " + method, k -> new AtomicInteger()).incrementAndGet() == 1) {
                throw new IllegalStateException("the connection closes without an answer"); // the server closes it
            }
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        SERVICES.createContext("/v1/communities/c1/files/broken", exchange -> {
            HITS.computeIfAbsent("broken", k -> new AtomicInteger()).incrementAndGet();
            byte[] problem = "{\"title\": \"broken\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(500, problem.length);
            exchange.getResponseBody().write(problem);
            exchange.close();
        });
        // Takes a while to answer once it has the whole upload, so that the gateway waits on it afterwards.
        SERVICES.createContext("/v1/communities/c1/files/upload", exchange -> {
            byte[] answer = Integer.toString(exchange.getRequestBody().readAllBytes().length)
                    .getBytes(StandardCharsets.UTF_8);
            try {
                Thread.sleep(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        // A service's redirect and cookie are for the client: the proxy neither follows the one nor keeps the other.
        SERVICES.createContext("/v1/communities/c1/files/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/v1/communities/c1/files/elsewhere");
            exchange.getResponseHeaders().add("Set-Cookie", "session=first-callers; Path=/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        SERVICES.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            int status = 200;
            if (path.startsWith("/v1/peers/") && exchange.getRequestMethod().equals("GET")) {
                String key = KEYS.get(path.substring("/v1/peers/".length()));
                status = key == null ? 404 : 200;
                body = key == null ? "{}" : "{\"peerId\": \"x\", \"publicKey\": \"" + key + "\"}";
            } else {
                boolean slow = path.startsWith("/v1/coalition-games"); // the route the outage test stops
                CALLS.addAndGet(slow ? 1 : 0);
                try {
                    Thread.sleep(slow ? DELAY.get() : Duration.ZERO);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                var h = exchange.getRequestHeaders();
                body = JSON.writeValueAsString(Map.of("path", path,
                        "role", String.valueOf(h.getFirst("X-Quidpro-Role")),
                        "peer", String.valueOf(h.getFirst("X-Quidpro-Peer")),
                        "secret", String.valueOf(h.getFirst("X-Quidpro-Gateway-Secret")),
                        "authorization", String.valueOf(h.getFirst("Authorization")),
                        "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        "contentLength", String.valueOf(h.getFirst("Content-Length")),
                        "transferEncoding", String.valueOf(h.getFirst("Transfer-Encoding")),
                        "acceptEncoding", String.valueOf(h.getFirst("Accept-Encoding")),
                        "cookie", String.valueOf(h.getFirst("Cookie"))));
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        SERVICES.start();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String base = "http://127.0.0.1:" + SERVICES.getAddress().getPort();
        for (String s : new String[] {"accounting", "rating", "index", "coalition"}) {
            registry.add("quidpro.gateway.services." + s, () -> base);
        }
        registry.add("quidpro.gateway.secret", () -> "gateway-secret");
        registry.add("quidpro.gateway.token.key", () -> JWK);
        registry.add("quidpro.gateway.rate-limit.peer-per-second", () -> "5");
        registry.add("quidpro.gateway.route.timeout", () -> "1s");
        registry.add("quidpro.gateway.route.open-for", () -> "1s");
    }

    @AfterAll
    static void stop() {
        SERVICES.stop(0);
    }

    @Value("${local.server.port}") int port;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        DELAY.set(Duration.ZERO);
    }

    /** A registered peer: its key pair, known to the stand-in accounting by its id. */
    record Peer(String id, KeyPair keys) {
        String sign(String message) throws Exception {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        }
    }

    Peer registered() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = keys.getPublic().getEncoded();
        byte[] raw = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        Peer peer = new Peer(PeerIds.random(new java.util.Random()), keys);
        KEYS.put(peer.id(), Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        return peer;
    }

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String signIn(Peer peer) throws Exception {
        JsonNode challenge = JSON.readTree(send("POST", "/v1/auth/challenges", "{\"peerId\": \"" + peer.id() + "\"}",
                Map.of()).body());
        HttpResponse<String> token = send("POST", "/v1/auth/tokens", JSON.writeValueAsString(Map.of("peerId", peer.id(),
                "challengeId", challenge.path("challengeId").asString(),
                "signature", peer.sign(challenge.path("message").asString()))), Map.of());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).path("token").asString();
    }

    JsonNode seen(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void aPeerSignsInWithItsKeyAndTheServiceSeesOnlyTheVerifiedIdentity() throws Exception {
        Peer peer = registered();
        String token = signIn(peer);
        JsonNode seen = seen(send("GET", "/v1/communities/c1/ratings/" + peer.id(), null, Map.of(
                "Authorization", "Bearer " + token, "X-Quidpro-Peer", PeerIds.random(new java.util.Random()),
                "X-Quidpro-Role", "operator")));
        assertThat(seen.path("role").asString()).isEqualTo("peer");
        assertThat(seen.path("peer").asString()).as("the forged peer header is replaced").isEqualTo(peer.id());
        assertThat(seen.path("secret").asString()).isEqualTo("gateway-secret");
        assertThat(seen.path("authorization").asString()).as("the token stays at the gateway").isEqualTo("null");
        assertThat(seen.path("path").asString()).isEqualTo("/v1/communities/c1/ratings/" + peer.id());
    }

    /** Bodies up to 64 KiB are relayed whole, larger ones streamed: both ways arrive intact, both directions. */
    @ParameterizedTest
    @ValueSource(ints = {1, 5_000})
    void aBodyGoesOnAsItCameWithItsLengthAndNoEncodingTheClientDidNotAskFor(int requesters) throws Exception {
        String token = signIn(registered());
        String body = "{\"capacityBytesPerSecond\": 1000, \"requesters\": ["
                + String.join(", ", java.util.Collections.nCopies(requesters, "{\"peerId\": \"é\"}")) + "]}";
        HttpResponse<String> answer = send("POST", "/v1/communities/c1/allocations", body, Map.of("Authorization",
                "Bearer " + token));
        JsonNode seen = seen(answer);
        assertThat(seen.path("body").asString()).isEqualTo(body);
        assertThat(seen.path("contentLength").asString()).as("sent in one piece, not chunked")
                .isEqualTo(Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        assertThat(seen.path("transferEncoding").asString()).isEqualTo("null");
        assertThat(seen.path("acceptEncoding").asString()).as("the proxy asks for no compression of its own")
                .isEqualTo("null");
        assertThat(answer.headers().firstValueAsLong("Content-Length").orElseThrow())
                .isEqualTo(answer.body().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void oneOpenApiDescribesTheWholeV1ApiAndSwaggerUiShowsIt() throws Exception {
        JsonNode spec = seen(send("GET", "/v3/api-docs/quidpro", null, Map.of()));
        assertThat(spec.path("paths").has("/v1/auth/tokens")).as("the gateway's own sign-in").isTrue();
        assertThat(spec.path("paths").has("/v1/things")).as("the services' /v1 paths").isTrue();
        assertThat(spec.path("paths").has("/actuator/health")).as("not their actuators").isFalse();
        assertThat(spec.path("components").path("schemas").has("Thing")).isTrue();
        assertThat(spec.path("components").path("securitySchemes").has("bearer")).isTrue();
        assertThat(send("GET", "/swagger-ui/swagger-initializer.js", null, Map.of()).body()).contains("/v3/api-docs/quidpro");
    }

    @Test
    void theAuthMatrix() throws Exception {
        Peer peer = registered();
        Peer other = registered();
        // no token: forwarded as anonymous, whatever identity headers the client made up
        JsonNode anonymous = seen(send("GET", "/v1/communities/c1/ratings", null, Map.of("X-Quidpro-Role", "operator",
                "X-Quidpro-Gateway-Secret", "guess")));
        assertThat(anonymous.path("role").asString()).isEqualTo("null");
        assertThat(anonymous.path("secret").asString()).isEqualTo("null");
        // expired token, signed with the gateway's own key
        String expired = new Tokens(JWK, "quidpro-gateway", Duration.ofSeconds(-5)).issue(peer.id(), Instant.now()).token();
        assertThat(send("GET", "/v1/communities/c1/ratings", null, Map.of("Authorization", "Bearer " + expired))
                .statusCode()).isEqualTo(401);
        // a token from some other issuer's key
        String foreign = new Tokens(jwk(), "quidpro-gateway", Duration.ofMinutes(5)).issue(peer.id(), Instant.now()).token();
        HttpResponse<String> refused = send("GET", "/v1/communities/c1/ratings", null,
                Map.of("Authorization", "Bearer " + foreign));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        assertThat(send("GET", "/v1/communities/c1/ratings", null, Map.of("Authorization", "Basic abc")).statusCode())
                .isEqualTo(401);
        // the token of another peer acts as that peer, never as the one named in a header
        JsonNode asOther = seen(send("GET", "/v1/communities/c1/accounts/" + peer.id(), null,
                Map.of("Authorization", "Bearer " + signIn(other), "X-Quidpro-Peer", peer.id())));
        assertThat(asOther.path("peer").asString()).isEqualTo(other.id());
        // API keys: analyst and operator by their hash; unknown keys refused
        assertThat(seen(send("GET", "/v1/communities/c1/rating-history/top", null,
                Map.of("X-Api-Key", "local-analyst-key"))).path("role").asString()).isEqualTo("analyst");
        assertThat(seen(send("PUT", "/v1/communities/c1", "{}", Map.of("X-Api-Key", "local-operator-key")))
                .path("role").asString()).isEqualTo("operator");
        assertThat(send("GET", "/v1/communities/c1/ratings", null, Map.of("X-Api-Key", "nope")).statusCode())
                .isEqualTo(401);
        // sign-in refusals: a signature by another key, a reused challenge
        JsonNode challenge = JSON.readTree(send("POST", "/v1/auth/challenges", "{\"peerId\": \"" + peer.id() + "\"}",
                Map.of()).body());
        String forged = JSON.writeValueAsString(Map.of("peerId", peer.id(), "challengeId",
                challenge.path("challengeId").asString(), "signature", other.sign(challenge.path("message").asString())));
        assertThat(send("POST", "/v1/auth/tokens", forged, Map.of()).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/v1/auth/tokens", forged, Map.of()).statusCode()).as("a challenge is used once")
                .isEqualTo(401);
        assertThat(send("POST", "/v1/auth/challenges", "{\"peerId\": \"not-an-id\"}", Map.of()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void theRequestAfterAPeersLimitInTheSecondIs429WithRetryAfter() throws Exception {
        Peer peer = registered();
        String token = signIn(peer);
        int ok = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 6; i++) {
            last = send("GET", "/v1/communities/c1/ratings", null, Map.of("Authorization", "Bearer " + token));
            ok += last.statusCode() == 200 ? 1 : 0;
        }
        assertThat(ok).as("the limit is 5 a second").isEqualTo(5);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v))
                .isBetween(1L, 2L));
        assertThat(seen(send("GET", "/v1/communities/c1/ratings", null, Map.of())).path("role").asString())
                .as("another caller from the same address is not held back by that peer's limit").isEqualTo("null");
        await().atMost(Duration.ofSeconds(3)).until(() -> send("GET", "/v1/communities/c1/ratings", null,
                Map.of("Authorization", "Bearer " + token)).statusCode() == 200);
    }

    @Test
    void aServiceThatStopsAnsweringIs503WithinTheTimeoutThenItsCircuitOpensAndRecovers() throws Exception {
        DELAY.set(Duration.ofSeconds(5));
        try {
            for (int i = 0; i < 5; i++) {
                long begin = System.nanoTime();
                HttpResponse<String> response = send("POST", "/v1/coalition-games", "{}", Map.of());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("one attempt of 1 s, not the 5 s")
                        .isLessThan(Duration.ofMillis(2_500));
                assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
            }
            int calls = CALLS.get();
            HttpResponse<String> open = send("POST", "/v1/coalition-games", "{}", Map.of());
            assertThat(open.statusCode()).isEqualTo(503);
            assertThat(open.body()).contains("circuit is open");
            assertThat(CALLS.get()).as("an open circuit does not call the service").isEqualTo(calls);
            assertThat(seen(send("GET", "/v1/communities/c1/files?q=x", null, Map.of())).path("path").asString())
                    .as("other routes have their own circuits").isEqualTo("/v1/communities/c1/files");
        } finally {
            DELAY.set(Duration.ZERO);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                send("POST", "/v1/coalition-games", "{}", Map.of()).statusCode() == 200);
        HttpResponse<String> metrics = send("GET", "/actuator/prometheus", null, Map.of());
        assertThat(metrics.body()).contains("resilience4j_circuitbreaker_state{name=\"coalition-service\"");
    }

    @Test
    void anAnswerThatStopsHalfwayIsCutAtTheTimeLimitAndOneThatKeepsComingIsNot() throws Exception {
        long begin = System.nanoTime();
        HttpResponse<String> stalled = send("GET", "/v1/communities/c1/coalitions/stalled", null, Map.of());
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("cut at the 1 s limit, not after the service's 5 s")
                .isLessThan(Duration.ofMillis(2_500));
        assertThat(stalled.statusCode()).as(stalled.body()).isEqualTo(503);
        assertThat(stalled.body()).contains("stopped answering halfway");

        begin = System.nanoTime();
        HttpResponse<String> trickled = send("GET", "/v1/communities/c1/coalitions/trickled", null, Map.of());
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("the answer took longer than the limit")
                .isGreaterThan(Duration.ofMillis(2_000));
        assertThat(trickled.statusCode()).isEqualTo(200);
        assertThat(trickled.body()).startsWith("piece 0;").endsWith("piece 7;").hasSize(8 * 800);
    }

    @Test
    void aReadThatGotNoAnswerIsTriedOnceMoreButAWriteAndAServicesOwn5xxAreNot() throws Exception {
        for (int i = 0; i < 4; i++) { // answered calls first, so that the index route's circuit stays closed
            assertThat(send("GET", "/v1/communities/c1/files", null, Map.of()).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> read = send("GET", "/v1/communities/c1/files/flaky", null, Map.of());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("ok");
        assertThat(HITS.get("flaky GET")).as("dropped once, then answered").hasValue(2);

        HttpResponse<String> write = send("POST", "/v1/communities/c1/files/flaky", "{}", Map.of());
        assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
        assertThat(HITS.get("flaky POST")).as("a write is not repeated").hasValue(1);

        HttpResponse<String> broken = send("GET", "/v1/communities/c1/files/broken", null, Map.of());
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).isEqualTo("{\"title\": \"broken\"}");
        assertThat(HITS.get("broken")).as("the service's own answer, asked for once").hasValue(1);
    }

    @Test
    void anUploadThatKeepsComingIsNotCutAtTheTimeLimit() throws Exception {
        int pieces = 10;
        byte[] piece = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8); // 100,000 bytes: streamed, not whole
        try (SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>()) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (body.getNumberOfSubscribers() == 0) {
                        Thread.sleep(10);
                    }
                    for (int i = 0; i < pieces; i++) {
                        Thread.sleep(200); // 2 s in all, twice the route's limit, never 1 s without a piece
                        body.submit(ByteBuffer.wrap(piece));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                body.close();
            });
            long begin = System.nanoTime();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/v1/communities/c1/files/upload")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(body, (long) pieces * piece.length)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThan(Duration.ofMillis(1_800));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).as("the service got the whole upload").isEqualTo(Integer.toString(pieces * piece.length));
        }
    }

    @Test
    void aServicesRedirectAndCookieGoToTheClientAndTheProxyKeepsNeither() throws Exception {
        HttpResponse<String> moved = send("GET", "/v1/communities/c1/files/moved", null, Map.of());
        assertThat(moved.statusCode()).as("passed on, not followed").isEqualTo(302);
        assertThat(moved.headers().firstValue("Location")).hasValue("/v1/communities/c1/files/elsewhere");
        assertThat(moved.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("session="));

        JsonNode next = seen(send("GET", "/v1/communities/c1/files/next", null, Map.of()));
        assertThat(next.path("cookie").asString()).as("another caller's request carries no cookie of the first's")
                .isEqualTo("null");
    }
}
