package org.quidpro.coalition.formation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quidpro.contracts.EventCodec;
import org.quidpro.contracts.IntegrationEvent;
import org.quidpro.contracts.Topics;
import org.quidpro.contracts.accounting.CommunityConfigured;
import org.quidpro.contracts.accounting.ContributionRecorded;
import org.quidpro.contracts.accounting.ContributionUnit;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.quidpro.testkit.kafka.TopicReader;
import org.quidpro.testkit.peer.PeerIds;
import org.quidpro.testkit.spring.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coalitions through the REST API on real PostgreSQL and Kafka. index-service and rating-service are
 * stood in for by a small HTTP server whose answers (and failures) each test sets: what is tested here is
 * this service's use of them, including when they are down.
 */
@ServiceIntegrationTest
class CoalitionIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpServer UPSTREAM;
    /** What GET …/holders answers: status and body. */
    static final AtomicReference<Object[]> HOLDERS = new AtomicReference<>();
    static final AtomicReference<Duration> INDEX_DELAY = new AtomicReference<>(Duration.ZERO);
    static final AtomicInteger INDEX_CALLS = new AtomicInteger();
    static final AtomicReference<Double> BONUS = new AtomicReference<>(1.0);

    static {
        try {
            UPSTREAM = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        UPSTREAM.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        UPSTREAM.createContext("/v1/communities/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Object[] answer;
            if (path.endsWith("/responsiveness")) {
                answer = new Object[] {200, "{\"bonus\": " + BONUS.get() + "}"};
            } else {
                INDEX_CALLS.incrementAndGet();
                try {
                    Thread.sleep(INDEX_DELAY.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer = HOLDERS.get();
            }
            byte[] body = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders((int) answer[0], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        UPSTREAM.start();
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        String base = "http://127.0.0.1:" + UPSTREAM.getAddress().getPort();
        registry.add("quidpro.coalition.index-url", () -> base);
        registry.add("quidpro.coalition.rating-url", () -> base);
        registry.add("quidpro.coalition.upstream.timeout", () -> "300ms");
        registry.add("quidpro.coalition.upstream.attempts", () -> "2");
        registry.add("quidpro.coalition.upstream.open-for", () -> "1s");
        registry.add("quidpro.coalition.expiry-poll", () -> "200ms");
    }

    @AfterAll
    static void stop() {
        UPSTREAM.stop(0);
    }

    @Value("${local.server.port}") int port;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired EventCodec codec;
    @Autowired JdbcClient jdbc;
    final HttpClient http = HttpClient.newHttpClient();
    final Random random = new Random();
    String community;
    String hash;
    String p0;
    String p1;
    String p2;
    String requester;

    @BeforeEach
    void community() throws Exception {
        INDEX_DELAY.set(Duration.ZERO);
        BONUS.set(1.0);
        community = "co-" + UUID.randomUUID().toString().substring(0, 8);
        configure(community, "PT1H");
        byte[] h = new byte[32];
        random.nextBytes(h);
        hash = HexFormat.of().formatHex(h);
        p0 = PeerIds.random(random);
        p1 = PeerIds.random(random);
        p2 = PeerIds.random(random);
        requester = PeerIds.random(random);
        // The worked example of the game tests: T = 1200, p0 100 B/s (best rated), helpers 300 and 200 B/s.
        holders(1200, Map.of(p0, new double[] {100, 2.0}, p1, new double[] {300, 1.5}, p2, new double[] {200, 1.0}));
    }

    void configure(String id, String settleWithin) throws Exception {
        publish(new CommunityConfigured(UUID.randomUUID(), Instant.now(), id, 1, ContributionUnit.BYTES,
                new CommunityConfigured.CreditTerms(false, "0", "0", "0"), Map.of("scheme", "responsiveness"),
                Map.of("policy", "proportional", "coalition", Map.of("maxMembers", 3, "settleWithin", settleWithin))));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from community where id = :c")
                .param("c", id).query(Long.class).single() == 1);
    }

    static void holders(long size, Map<String, double[]> holders) {
        StringBuilder body = new StringBuilder("{\"file\": {\"sizeBytes\": " + size + "}, \"holders\": [");
        holders.forEach((peer, h) -> body.append(body.charAt(body.length() - 1) == '[' ? "" : ",")
                .append("{\"peerId\": \"").append(peer).append("\", \"uploadBytesPerSecond\": ").append((long) h[0])
                .append(", \"relativeScore\": ").append(h[1]).append('}'));
        HOLDERS.set(new Object[] {200, body.append("]}").toString()});
    }

    void publish(IntegrationEvent event) throws Exception {
        var encoded = codec.encode(event);
        kafka.send(encoded.type().topic().name(), encoded.key(), encoded.json()).get();
    }

    void receipt(String provider, long bytes) throws Exception {
        Instant now = Instant.now();
        publish(new ContributionRecorded(UUID.randomUUID(), now, HexFormat.of().formatHex(new byte[32]).replace("00", "ab")
                .substring(0, 56) + Long.toHexString(random.nextLong() & 0xffffffL | 0x10000000L), community,
                ContributionUnit.BYTES, provider, requester, bytes, hash, now.minusSeconds(1), now.plusSeconds(1), true,
                null, null));
    }

    HttpResponse<String> form(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/communities/" + community
                        + "/coalitions")).header("Content-Type", "application/json").header("X-Quidpro-Role", "peer")
                .header("X-Quidpro-Peer", requester).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String ask(long downloadBps) {
        return "{\"requester\": \"" + requester + "\", \"contentHash\": \"" + hash + "\", \"downloadBytesPerSecond\": "
                + downloadBps + "}";
    }

    JsonNode coalition(String id) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/communities/" + community + "/coalitions/" + id)).header("X-Quidpro-Role", "peer")
                .header("X-Quidpro-Peer", requester).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    long storedCoalitions() {
        return jdbc.sql("select count(*) from coalition where community_id = :c").param("c", community)
                .query(Long.class).single();
    }

    @Test
    void aCoalitionIsPlannedPublishedAndSettledWhenEveryMembersReceiptsArrive() throws Exception {
        HttpResponse<String> response = form(ask(1_000));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode formed = JSON.readTree(response.body());
        JsonNode plan = formed.path("plan");
        assertThat(plan.path("members").findValuesAsString("peerId")).containsExactly(p0, p1, p2);
        assertThat(plan.path("soloSeconds").asDouble()).isEqualTo(12.0);
        assertThat(plan.path("coalitionSeconds").asDouble()).isEqualTo(2.0);
        assertThat(plan.path("valueSeconds").asDouble()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(plan.path("members").get(1).path("bytes").path("first").asLong()).isEqualTo(200);
        assertThat(plan.path("members").get(2).path("bytes").path("last").asLong()).isEqualTo(1199);
        String id = formed.path("id").asString();

        receipt(p0, 200);
        receipt(p1, 250);
        receipt(p1, 350); // a part may arrive in several receipts
        receipt(p2, 400);
        await().atMost(Duration.ofSeconds(20)).until(() -> coalition(id).path("status").asString().equals("COMPLETE"));
        JsonNode settled = coalition(id);
        assertThat(settled.path("realisedValueSeconds").asDouble()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(settled.path("members").get(1).path("receivedBytes").asLong()).isEqualTo(600);

        var events = new TopicReader(RealInfrastructure.kafka().bootstrapServers()).readUntil(Topics.COALITIONS.name(),
                records -> records.stream().filter(r -> r.key().equals(id)).count() >= 2, Duration.ofSeconds(20));
        assertThat(events).filteredOn(r -> r.key().equals(id)).extracting(r -> JSON.readTree(r.value()).path("type")
                .asString()).containsExactly("CoalitionFormed", "CoalitionSettled");
        JsonNode outcome = JSON.readTree(events.stream().filter(r -> r.key().equals(id)).toList().get(1).value());
        assertThat(outcome.path("outcome").asString()).isEqualTo("COMPLETE");
        assertClose(outcome.path("members"), "payoffSeconds", 25.0 / 3, 1.0, 2.0 / 3);
    }

    @Test
    void anOverdueCoalitionExpiresAndPaysOnlyTheMembersThatDelivered() throws Exception {
        community = "co-" + UUID.randomUUID().toString().substring(0, 8);
        configure(community, "PT1S");
        String id = JSON.readTree(form(ask(1_000)).body()).path("id").asString();
        receipt(p0, 200);
        receipt(p2, 400); // p1 (600 bytes at 300 B/s) never delivers
        await().atMost(Duration.ofSeconds(20)).until(() -> coalition(id).path("status").asString().equals("EXPIRED"));
        JsonNode expired = coalition(id);
        // {p0, p2} played: t0 = 12, B = 200, V = 8; x0 = 16/3, x2 = 8/3; p1 nothing.
        assertClose(expired.path("members"), "realisedPayoffSeconds", 16.0 / 3, 0.0, 8.0 / 3);
        assertThat(expired.path("realisedValueSeconds").asDouble()).isCloseTo(8.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aRequesterWithoutBonusIsServedByTheInitialUploaderAloneAndNothingIsStored() throws Exception {
        BONUS.set(0.0);
        HttpResponse<String> response = form(ask(1_000));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("kind").asString()).isEqualTo("SINGLE_SOURCE");
        assertThat(answer.path("plan").path("members").findValuesAsString("peerId")).containsExactly(p0);
        assertThat(storedCoalitions()).isZero();
    }

    @Test
    void badInputIsAProblemWithTheReasonAndStoresNothing() throws Exception {
        Object[][] cases = {
            {ask(0), 400, "downloadBytesPerSecond"},
            {ask(-5), 400, "downloadBytesPerSecond"},
            {ask(50), 422, "below every holder"},
            {"{\"requester\": \"" + requester + "\", \"contentHash\": \"xyz\", \"downloadBytesPerSecond\": 1000}", 400,
                    "contentHash"},
            {"{\"requester\": \"" + requester + "\", \"contentHash\": \"" + hash + "\", \"downloadBytesPerSecond\": 1000,"
                    + " \"initialUploader\": \"" + PeerIds.random(random) + "\"}", 422, "UPLOADER_NOT_A_HOLDER"},
            {"{\"requester\": \"" + requester + "\", \"contentHash\": \"" + hash + "\", \"downloadBytesPerSecond\": 1000,"
                    + " \"range\": {\"first\": 100, \"last\": 5000}}", 422, "not within the file"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> response = form((String) c[0]);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(c[1]);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
            assertThat(response.body()).contains((String) c[2]);
        }
        holders(0, Map.of(p0, new double[] {100, 1.0}));
        HttpResponse<String> empty = form(ask(1_000));
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(422);
        assertThat(empty.body()).contains("the file is empty");
        HOLDERS.set(new Object[] {404, "{\"title\": \"Not Found\"}"});
        HttpResponse<String> unknown = form(ask(1_000));
        assertThat(unknown.statusCode()).as("unknown file").isEqualTo(404);
        assertThat(unknown.body()).contains("NO_HOLDERS");
        holders(1200, Map.of(p0, new double[] {0, 1.0}));
        assertThat(form(ask(1_000)).statusCode()).as("holders that upload nothing").isEqualTo(404);
        community = "nowhere-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(form(ask(1_000)).statusCode()).as("unknown community").isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from coalition where requester = :r").param("r", requester)
                .query(Long.class).single()).isZero();
    }

    @Test
    void whenTheIndexIsDownTheAnswerIs503WithinTheTimeoutTheCircuitOpensAndRecovers() throws Exception {
        INDEX_DELAY.set(Duration.ofSeconds(3));
        try {
            for (int i = 0; i < 5; i++) {
                long begin = System.nanoTime();
                HttpResponse<String> response = form(ask(1_000));
                Duration took = Duration.ofNanos(System.nanoTime() - begin);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(took).as("2 attempts x 300 ms, not the index's 3 s").isLessThan(Duration.ofMillis(1_500));
            }
            int callsWhenOpen = INDEX_CALLS.get();
            HttpResponse<String> refused = form(ask(1_000));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("OPEN");
            assertThat(INDEX_CALLS.get()).as("an open circuit does not call the index").isEqualTo(callsWhenOpen);
            assertThat(metrics()).contains(
                    "resilience4j_circuitbreaker_state{name=\"index-service\",service=\"coalition-service\",state=\"open\"} 1.0");
        } finally {
            INDEX_DELAY.set(Duration.ZERO);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                    .until(() -> form(ask(1_000)).statusCode() == 201);
        }
        assertThat(form(ask(1_000)).statusCode()).as("the second trial call in half-open closes it").isEqualTo(201);
        assertThat(metrics()).as("recovered").contains(
                "resilience4j_circuitbreaker_state{name=\"index-service\",service=\"coalition-service\",state=\"closed\"} 1.0");
    }

    static void assertClose(JsonNode node, String field, double... expected) {
        List<JsonNode> values = node.findValues(field);
        assertThat(values).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(values.get(i).asDouble()).as(field + "[" + i + "]").isCloseTo(expected[i],
                    org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void analystsCompareEq5TheCoreAndTheShapleyValueOfAHypotheticalCoalition() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/coalition-games")).header("Content-Type", "application/json")
                .header("X-Quidpro-Role", "analyst").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"fileSizeBytes\": 1200, \"initialUploadBytesPerSecond\": 100,"
                                + " \"helperUploadBytesPerSecond\": [200, 300]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode game = JSON.readTree(response.body());
        assertThat(game.path("valueSeconds").asDouble()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(game.path("payoffsInCore").asBoolean()).isTrue();
        assertThat(game.path("bruteForceCore").asBoolean()).isTrue();
        assertThat(game.path("shapleyInCore").asBoolean()).as("the worked example's Shapley value leaves the core").isFalse();
        assertClose(game.path("players"), "shapleySeconds", 37.0 / 6, 10.0 / 6, 13.0 / 6);
        assertClose(game.path("players"), "coreUpperSeconds", 10.0, 1.0, 2.0);

        StringBuilder many = new StringBuilder("{\"fileSizeBytes\": 1200, \"initialUploadBytesPerSecond\": 100,"
                + " \"helperUploadBytesPerSecond\": [1");
        many.append(",1".repeat(10_000)).append("]}");
        HttpResponse<String> tooMany = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/coalition-games")).header("Content-Type", "application/json")
                .header("X-Quidpro-Role", "analyst").POST(HttpRequest.BodyPublishers.ofString(many.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("too many candidates");
        HttpResponse<String> negative = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/coalition-games")).header("Content-Type", "application/json")
                .header("X-Quidpro-Role", "analyst").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"fileSizeBytes\": 1200, \"initialUploadBytesPerSecond\": 100,"
                                + " \"helperUploadBytesPerSecond\": [-2]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(negative.statusCode()).isEqualTo(400);
    }
}
