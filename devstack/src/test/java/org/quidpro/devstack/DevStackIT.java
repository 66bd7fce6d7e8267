package org.quidpro.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quidpro.accounting.peer.Base64Field;
import org.quidpro.accounting.peer.PeerKey;
import org.quidpro.accounting.receipt.Receipt;
import org.quidpro.contracts.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's run command, end to end: real PostgreSQL and Kafka embedded, the five services from
 * their jars, all ready within 90 s, and everything gone after the stop. Ports are shifted so the
 * test can run beside a developer's own stack. On the running stack, a receipt flows across services.
 */
class DevStackIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static Path data;
    static DevStack stack;
    static Map<String, URI> urls;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("quidpro-devstack-it");
        Path root = Path.of(System.getProperty("quidpro.devstack.root"));
        var options = DevStackOptions.parse(root, System.getProperty("quidpro.devstack.version"),
                "--data-dir=" + data, "--postgres-port=" + freePort(), "--port-offset=" + freePortOffset(),
                "--ready-timeout=90");
        stack = DevStack.start(options);
        urls = stack.urls();
    }

    @AfterAll
    static void stopsCleanly() throws Exception {
        List<ProcessHandle> processes = stack.serviceProcesses();
        stack.close();
        assertThat(processes).as("every service stopped").noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void startsEverythingRealAndReady() throws Exception {
        assertThat(urls.keySet()).containsExactly(
                "gateway", "accounting-service", "rating-service", "index-service", "coalition-service");
        urls.forEach((module, url) -> assertThat(DevStack.ready(http, url)).as(module + " ready").isTrue());

        var pg = stack.postgres();
        try (var connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                var schemas = connection.createStatement().executeQuery(
                        "select count(*) from information_schema.schemata where schema_name in "
                                + "('gateway', 'accounting', 'rating', 'index', 'coalition')")) {
            schemas.next();
            assertThat(schemas.getInt(1)).as("one schema per service, migrated").isEqualTo(5);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).as("topics created by the services")
                    .containsAll(Topics.ALL.stream().map(t -> t.name()).toList());
        }
        assertThat(stack.serviceProcesses()).hasSize(5).allMatch(ProcessHandle::isAlive);
    }

    /** A client's key pair. */
    record Client(KeyPair keys) {
        static Client generate() throws Exception {
            return new Client(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        }

        String id() {
            return PeerKey.peerIdOf(PeerKey.rawOf(keys.getPublic()));
        }

        String sign(byte[] message) throws Exception {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(message);
            return Base64Field.encode(signer.sign());
        }
    }

    static JsonNode call(String service, String method, String path, Object body, String role, String peer, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(urls.get(service).resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (role != null) {
            request.header("X-Quidpro-Role", role);
        }
        if (peer != null) {
            request.header("X-Quidpro-Peer", peer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    static Client member(String community) throws Exception {
        Client client = Client.generate();
        JsonNode challenge = call("accounting-service", "POST", "/v1/peers/challenges", "", null, null, 201);
        call("accounting-service", "POST", "/v1/peers", Map.of("publicKey",
                Base64Field.encode(PeerKey.rawOf(client.keys().getPublic())), "challengeId",
                challenge.path("challengeId").asString(), "signature", client.sign(challenge.path("message").asString()
                        .getBytes(StandardCharsets.UTF_8)), "uploadBytesPerSecond", 1 << 17,
                "downloadBytesPerSecond", 1 << 20), null, null, 201);
        call("accounting-service", "POST", "/v1/communities/" + community + "/members", Map.of("peerId", client.id()),
                "peer", client.id(), 201);
        return client;
    }

    @Test
    void aReceiptAcceptedByAccountingMovesTheProvidersRatingAndShowsUpInItsHistory() throws Exception {
        String community = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        call("accounting-service", "PUT", "/v1/communities/" + community, Map.of("unit", "BYTES",
                "credits", Map.of("enabled", false),
                "rating", Map.of("scheme", "eigentrust", "recomputeAfterContributions", 1),
                "allocation", Map.of("policy", "proportional")), "operator", null, 200);
        Client provider = member(community);
        Client consumer = member(community);
        Client bystander = member(community);
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Receipt receipt = new Receipt(community, provider.id(), consumer.id(), 50_000_000, null, end.minusSeconds(60), end,
                true, 5, UUID.randomUUID().toString().replace("-", ""));
        byte[] canonical = receipt.canonicalBytes();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("community", community);
        body.put("provider", provider.id());
        body.put("consumer", consumer.id());
        body.put("amount", receipt.amount());
        body.put("startedAt", receipt.startedAt().toString());
        body.put("endedAt", receipt.endedAt().toString());
        body.put("satisfied", true);
        body.put("score", 5);
        body.put("nonce", receipt.nonce());

        call("accounting-service", "POST", "/v1/receipts", Map.of("receipt", body, "providerSignature",
                provider.sign(canonical), "consumerSignature", consumer.sign(canonical)), "peer", provider.id(), 201);

        String rating = "/v1/communities/" + community + "/ratings/";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(urls.get("rating-service")
                    .resolve(rating + provider.id())).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && JSON.readTree(response.body()).path("rank").asInt() == 1;
        });
        JsonNode providerRating = call("rating-service", "GET", rating + provider.id(), null, null, null, 200);
        JsonNode bystanderRating = call("rating-service", "GET", rating + bystander.id(), null, null, null, 200);
        assertThat(providerRating.path("relativeScore").asDouble()).isGreaterThan(1)
                .isGreaterThan(bystanderRating.path("relativeScore").asDouble());
        assertThat(bystanderRating.path("newcomer").asBoolean()).isTrue();
        JsonNode series = call("rating-service", "GET", "/v1/communities/" + community + "/rating-history/peers/"
                + provider.id(), null, "analyst", null, 200);
        assertThat(series.path("points").findValuesAsString("at")).contains(providerRating.path("computedAt").asString());
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** An offset that moves 8080..8084 onto five free ports. */
    static int freePortOffset() throws IOException {
        for (int offset = 20000; offset < 40000; offset += 7) {
            if (allFree(offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no five free ports");
    }

    private static boolean allFree(int offset) {
        for (ServiceModule service : ServiceModule.ALL) {
            try (var socket = new ServerSocket(service.port() + offset)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
