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
import org.quidpro.testkit.infra.ServiceJar;
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
        urls.forEach((module, url) -> assertThat(ServiceJar.ready(http, url)).as(module + " ready").isTrue());

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
        return expect(expected, method, path, send(service, method, path, body, role, peer));
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

    /** Both parties sign the receipt's canonical bytes; the provider reports it to accounting. */
    static void submitReceipt(String community, Client provider, Client consumer, long amount, String contentHash)
            throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Receipt receipt = new Receipt(community, provider.id(), consumer.id(), amount, contentHash, end.minusSeconds(60),
                end, true, 5, UUID.randomUUID().toString().replace("-", ""));
        byte[] canonical = receipt.canonicalBytes();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("community", community);
        body.put("provider", provider.id());
        body.put("consumer", consumer.id());
        body.put("amount", receipt.amount());
        if (contentHash != null) {
            body.put("contentHash", contentHash);
        }
        body.put("startedAt", receipt.startedAt().toString());
        body.put("endedAt", receipt.endedAt().toString());
        body.put("satisfied", true);
        body.put("score", 5);
        body.put("nonce", receipt.nonce());
        call("accounting-service", "POST", "/v1/receipts", Map.of("receipt", body, "providerSignature",
                provider.sign(canonical), "consumerSignature", consumer.sign(canonical)), "peer", provider.id(), 201);
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
        submitReceipt(community, provider, consumer, 50_000_000, null);

        String rating = "/v1/communities/" + community + "/ratings/";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> response = send("rating-service", "GET", rating + provider.id(), null, null, null);
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

    /**
     * The coalition mechanism across all services: two holders announce a file to the index, a requester
     * asks for a coalition (coalition-service asks rating for its bonus and index for the holders), each
     * member reports a co-signed receipt for its part to accounting, the coalition settles, rating records
     * what the members earned and the requester consumed, and accounting moves the payoffs in credits.
     */
    @Test
    void aCoalitionFormedServedByItsMembersAndSettledRaisesTheirResponsivenessAndChargesTheRequester()
            throws Exception {
        String community = "coal-" + UUID.randomUUID().toString().substring(0, 8);
        call("accounting-service", "PUT", "/v1/communities/" + community, Map.of("unit", "BYTES",
                "credits", Map.of("enabled", true, "pricePerUnit", "0", "newcomerGrant", "1000", "overdraftLimit", "0"),
                "rating", Map.of("scheme", "responsiveness", "recomputeEvery", "PT1S"),
                "allocation", Map.of("policy", "proportional",
                        "coalition", Map.of("maxMembers", 4, "creditsPerSecondSaved", "0.5"))), "operator", null, 200);
        Client requester = member(community);
        Client seeder = member(community);
        Client helper = member(community);
        String hash = "5e".repeat(32);
        long size = 3_000_000;
        // The seeder is better rated when the coalition forms: it announced first and rating ranks it.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                send("index-service", "POST", "/v1/communities/" + community + "/peers/" + seeder.id() + "/files",
                        Map.of("files", List.of(Map.of("contentHash", hash, "sizeBytes", size, "name", "paper.pdf",
                                "uploadBytesPerSecond", 100_000))), "peer", seeder.id()).statusCode() == 200);
        call("index-service", "POST", "/v1/communities/" + community + "/peers/" + helper.id() + "/files",
                Map.of("files", List.of(Map.of("contentHash", hash, "sizeBytes", size, "name", "paper.pdf",
                        "uploadBytesPerSecond", 50_000))), "peer", helper.id(), 200);

        Map<String, Object> ask = Map.of("requester", requester.id(), "contentHash", hash, "downloadBytesPerSecond",
                1_000_000, "initialUploader", seeder.id());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                send("coalition-service", "POST", "/v1/communities/" + community + "/coalitions", ask, "peer",
                        requester.id()).statusCode() == 201);
        // The first 201 above formed one coalition; its plan is read back from the list of the requester's one.
        String id = coalitionOf(community, requester);
        JsonNode plan = call("coalition-service", "GET", "/v1/communities/" + community + "/coalitions/" + id, null,
                "peer", requester.id(), 200);
        assertThat(plan.path("members").findValuesAsString("peerId")).containsExactly(seeder.id(), helper.id());
        // T = 3,000,000 at 100,000 + 50,000 B/s: t0 = 30 s, t_S = 20 s, V = 10 s; x0 = 30*50k^2/150k^2 = 3.33 s,
        // x1 = 30*100k*50k/150k^2 = 6.67 s; parts 2,000,000 and 1,000,000 bytes.
        assertThat(plan.path("valueSeconds").asDouble()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        for (JsonNode member : plan.path("members")) {
            Client provider = member.path("peerId").asString().equals(seeder.id()) ? seeder : helper;
            long bytes = member.path("bytes").path("last").asLong() - member.path("bytes").path("first").asLong() + 1;
            submitReceipt(community, provider, requester, bytes, hash);
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                call("coalition-service", "GET", "/v1/communities/" + community + "/coalitions/" + id, null, "peer",
                        requester.id(), 200).path("status").asString().equals("COMPLETE"));
        String responsiveness = "/v1/communities/" + community + "/peers/%s/responsiveness";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                call("rating-service", "GET", responsiveness.formatted(requester.id()), null, "analyst", null, 200)
                        .path("consumedSeconds").asDouble() > 0);
        assertThat(call("rating-service", "GET", responsiveness.formatted(requester.id()), null, "analyst", null, 200)
                .path("consumedSeconds").asDouble()).as("the requester's consumption, Dp += V")
                .isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-3)); // decayed by seconds of a 30-day half-life
        assertThat(call("rating-service", "GET", responsiveness.formatted(helper.id()), null, "analyst", null, 200)
                .path("earnedSeconds").asDouble()).isCloseTo(20.0 / 3, org.assertj.core.data.Offset.offset(1e-3));

        String ratings = "/v1/communities/" + community + "/ratings/";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> r = send("rating-service", "GET", ratings + helper.id(), null, null, null);
            return r.statusCode() == 200 && JSON.readTree(r.body()).path("relativeScore").asDouble() > 1;
        });
        double helperScore = call("rating-service", "GET", ratings + helper.id(), null, null, null, 200)
                .path("relativeScore").asDouble();
        double requesterScore = call("rating-service", "GET", ratings + requester.id(), null, null, null, 200)
                .path("relativeScore").asDouble();
        assertThat(helperScore).as("a member's responsiveness rating rose above the average").isGreaterThan(1)
                .isGreaterThan(requesterScore);

        JsonNode helperAccount = call("accounting-service", "GET", "/v1/communities/" + community + "/accounts/"
                + helper.id(), null, "peer", helper.id(), 200);
        assertThat(new java.math.BigDecimal(helperAccount.path("balance").asString()))
                .as("20/3 s at 0.5 credits a second").isEqualByComparingTo("1003.333333");
    }

    /** A call through the gateway, with headers as a client sends them (a token, an API key, anything). */
    static HttpResponse<String> viaGateway(String method, String path, Object body, String... headers) throws Exception {
        return exchange("gateway", method, path, body, headers);
    }

    static JsonNode viaGateway(int expected, String method, String path, Object body, String... headers) throws Exception {
        return expect(expected, method, path, viaGateway(method, path, body, headers));
    }

    /**
     * Registers through the gateway and signs in with the same key, with the generated client (as the
     * simulator will): the peer's bearer token.
     */
    static String registerAndSignIn(Client client) throws Exception {
        var api = new org.quidpro.client.ApiClient();
        api.updateBaseUri(urls.get("gateway").toString());
        var peers = new org.quidpro.client.api.PeerControllerApi(api);
        var auth = new org.quidpro.client.api.AuthControllerApi(api);
        var challenge = peers.accountingChallenge();
        peers.register(new org.quidpro.client.model.RegisterRequest()
                .publicKey(Base64Field.encode(PeerKey.rawOf(client.keys().getPublic())))
                .challengeId(challenge.getChallengeId())
                .signature(client.sign(challenge.getMessage().getBytes(StandardCharsets.UTF_8)))
                .uploadBytesPerSecond(1L << 17).downloadBytesPerSecond(1L << 20));
        var signIn = auth.challenge(new org.quidpro.client.model.ChallengeRequest().peerId(client.id()));
        return "Bearer " + auth.token(new org.quidpro.client.model.TokenRequest().peerId(client.id())
                .challengeId(signIn.getChallengeId())
                .signature(client.sign(signIn.getMessage().getBytes(StandardCharsets.UTF_8)))).getToken();
    }

    /**
     * The gateway serves one OpenAPI for /v1, merged from the running services; the client is generated from
     * the copy in {@code client/src/main/openapi}, which must be this one. After an API change, run this test
     * with {@code -Dquidpro.openapi.write=true} to refresh the copy, then rebuild the client.
     */
    @Test
    void theGatewaysOneOpenApiIsTheOneTheClientIsGeneratedFrom() throws Exception {
        JsonNode live = viaGateway(200, "GET", "/v3/api-docs/quidpro", null);
        assertThat(live.path("paths").size()).as("every service's /v1 paths").isGreaterThan(25);
        Path committed = Path.of(System.getProperty("quidpro.devstack.root"), "client", "src", "main", "openapi",
                "quidpro-v1.json");
        if (Boolean.getBoolean("quidpro.openapi.write")) {
            Files.writeString(committed, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(live));
        }
        assertThat(JSON.readTree(Files.readString(committed)))
                .as("client/src/main/openapi/quidpro-v1.json is out of date: run DevStackIT with -Dquidpro.openapi.write=true")
                .isEqualTo(live);
    }

    /**
     * The gateway's acceptance path on the running services: peers register and sign in with their keys, two
     * co-sign and report a receipt, the provider's rating moves, and a third peer's allocation decision ranks the
     * provider first. On the way, the services refuse what the gateway's identity does not allow.
     */
    @Test
    void throughTheGatewayPeersSignInReportAReceiptAndTheProviderIsServedFirst() throws Exception {
        String community = "gw-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = Map.of("unit", "BYTES", "credits", Map.of("enabled", false),
                "rating", Map.of("scheme", "eigentrust", "recomputeAfterContributions", 1),
                "allocation", Map.of("policy", "proportional"));
        viaGateway(403, "PUT", "/v1/communities/" + community, config, "X-Api-Key", "local-analyst-key");
        viaGateway(401, "PUT", "/v1/communities/" + community, config, "X-Api-Key", "wrong-key");
        viaGateway(200, "PUT", "/v1/communities/" + community, config, "X-Api-Key", "local-operator-key");
        Client provider = Client.generate();
        Client consumer = Client.generate();
        Client third = Client.generate();
        String providerToken = registerAndSignIn(provider);
        String consumerToken = registerAndSignIn(consumer);
        String thirdToken = registerAndSignIn(third);
        viaGateway(403, "POST", "/v1/communities/" + community + "/members", Map.of("peerId", provider.id()),
                "Authorization", consumerToken); // a peer acts only as itself
        viaGateway(401, "POST", "/v1/communities/" + community + "/members", Map.of("peerId", provider.id()),
                "X-Quidpro-Role", "peer", "X-Quidpro-Peer", provider.id()); // forged identity: anonymous
        for (var member : List.of(Map.entry(provider, providerToken), Map.entry(consumer, consumerToken),
                Map.entry(third, thirdToken))) {
            viaGateway(201, "POST", "/v1/communities/" + community + "/members", Map.of("peerId", member.getKey().id()),
                    "Authorization", member.getValue());
        }
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Receipt receipt = new Receipt(community, provider.id(), consumer.id(), 40_000_000, null, end.minusSeconds(60),
                end, true, 5, UUID.randomUUID().toString().replace("-", ""));
        byte[] canonical = receipt.canonicalBytes();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("community", community, "provider", provider.id(),
                "consumer", consumer.id(), "amount", receipt.amount(), "startedAt", receipt.startedAt().toString(),
                "endedAt", receipt.endedAt().toString(), "satisfied", true, "score", 5, "nonce", receipt.nonce()));
        viaGateway(201, "POST", "/v1/receipts", Map.of("receipt", body, "providerSignature", provider.sign(canonical),
                "consumerSignature", consumer.sign(canonical)), "Authorization", providerToken);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> r = viaGateway("GET", "/v1/communities/" + community + "/ratings/" + provider.id(), null,
                    "Authorization", thirdToken);
            return r.statusCode() == 200 && JSON.readTree(r.body()).path("rank").asInt() == 1;
        });
        JsonNode decision = viaGateway(200, "POST", "/v1/communities/" + community + "/allocations", Map.of(
                "capacityBytesPerSecond", 1_000_000, "requesters", List.of(
                        Map.of("peerId", consumer.id(), "downloadBytesPerSecond", 800_000),
                        Map.of("peerId", provider.id(), "downloadBytesPerSecond", 800_000))),
                "Authorization", thirdToken);
        Map<String, JsonNode> grants = new LinkedHashMap<>();
        decision.path("grants").forEach(g -> grants.put(g.path("peerId").asString(), g));
        assertThat(grants.get(provider.id()).path("rank").asInt()).as(decision.toString()).isEqualTo(1);
        assertThat(grants.get(provider.id()).path("bytesPerSecond").asLong())
                .isGreaterThan(grants.get(consumer.id()).path("bytesPerSecond").asLong());
    }

    static HttpResponse<String> send(String service, String method, String path, Object body, String role, String peer)
            throws Exception {
        List<String> headers = new java.util.ArrayList<>();
        if (role != null) {
            headers.addAll(List.of("X-Quidpro-Role", role));
        }
        if (peer != null) {
            headers.addAll(List.of("X-Quidpro-Peer", peer));
        }
        return exchange(service, method, path, body, headers.toArray(String[]::new));
    }

    /** A JSON request to a service, with the given headers (name, value, name, value, …). */
    static HttpResponse<String> exchange(String service, String method, String path, Object body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(urls.get(service).resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode expect(int expected, String method, String path, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** The one coalition the requester has in the community, straight from the coalition schema. */
    static String coalitionOf(String community, Client requester) throws Exception {
        var pg = stack.postgres();
        try (var connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                var statement = connection.prepareStatement(
                        "select id from coalition.coalition where community_id = ? and requester = ?")) {
            statement.setString(1, community);
            statement.setString(2, requester.id());
            try (var rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String id = rs.getString(1);
                assertThat(rs.next()).as("exactly one coalition formed").isFalse();
                return id;
            }
        }
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
