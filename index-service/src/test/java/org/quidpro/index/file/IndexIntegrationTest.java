package org.quidpro.index.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quidpro.contracts.EventCodec;
import org.quidpro.contracts.IntegrationEvent;
import org.quidpro.contracts.Topics;
import org.quidpro.contracts.accounting.CommunityConfigured;
import org.quidpro.contracts.accounting.ContributionUnit;
import org.quidpro.contracts.rating.RatingChanged;
import org.quidpro.index.file.application.Holdings;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.quidpro.testkit.peer.PeerIds;
import org.quidpro.testkit.kafka.TopicReader;
import org.quidpro.testkit.spring.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The supernode index through its REST API, on real PostgreSQL and Kafka. */
@ServiceIntegrationTest
@TestPropertySource(properties = {"quidpro.index.max-batch=1500", "quidpro.index.prune-interval=1h",
        "quidpro.index.order-cache-ttl=0s"})
class IndexIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}") int port;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired EventCodec codec;
    @Autowired JdbcClient jdbc;
    @Autowired Holdings holdings;
    final HttpClient http = HttpClient.newHttpClient();
    final Random random = new Random();
    String community;

    String peer() {
        return PeerIds.random(random);
    }

    static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    void publish(IntegrationEvent event) throws Exception {
        var encoded = codec.encode(event);
        kafka.send(encoded.type().topic().name(), encoded.key(), encoded.json()).get();
    }

    @BeforeEach
    void community() throws Exception {
        community = "index-" + UUID.randomUUID().toString().substring(0, 8);
        publish(new CommunityConfigured(UUID.randomUUID(), Instant.now(), community, 1, ContributionUnit.BYTES,
                new CommunityConfigured.CreditTerms(false, "0", "0", "0"), Map.of("scheme", "eigentrust"),
                Map.of("policy", "proportional")));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from community where id = :c")
                .param("c", community).query(Long.class).single() == 1);
    }

    HttpResponse<String> call(String method, String path, Object body, String asPeer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        if (asPeer != null) {
            request.header("X-Quidpro-Role", "peer").header("X-Quidpro-Peer", asPeer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Object> file(String hash, long size, String name, long bandwidth, String... tags) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("contentHash", hash);
        file.put("sizeBytes", size);
        file.put("name", name);
        file.put("tags", List.of(tags));
        file.put("uploadBytesPerSecond", bandwidth);
        return file;
    }

    static Map<String, Object> withField(Map<String, Object> file, String field, Object value) {
        Map<String, Object> changed = new java.util.HashMap<>(file);
        changed.put(field, value);
        return changed;
    }

    HttpResponse<String> announce(String peer, List<Map<String, Object>> files) throws Exception {
        return call("POST", "/v1/communities/" + community + "/peers/" + peer + "/files", Map.of("files", files), peer);
    }

    JsonNode holders(String hash, String asPeer, String query) throws Exception {
        HttpResponse<String> response = call("GET", "/v1/communities/" + community + "/files/" + hash + "/holders" + query,
                null, asPeer);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    JsonNode search(String q) throws Exception {
        HttpResponse<String> response = call("GET", "/v1/communities/" + community + "/files?q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8), null, peer());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void announcedHoldersAreFoundRankedByRatingThenBandwidthAndTheRequesterIsLeftOut() throws Exception {
        String hash = sha256("debian " + community);
        String seeder = peer();
        String fast = peer();
        String slow = peer();
        // The same file in three spellings: hex, upper-case hex, and a SHA-256 multihash.
        assertThat(announce(seeder, List.of(file(hash, 700_000_000, "debian-13.iso", 100_000, "linux"))).statusCode())
                .isEqualTo(200);
        JsonNode announced = JSON.readTree(announce(fast, List.of(file(hash.toUpperCase(), 700_000_000, "debian-13.iso",
                900_000))).body());
        assertThat(announced.path("newHoldings").asInt()).isEqualTo(1);
        assertThat(announce(slow, List.of(file("1220" + hash, 700_000_000, "debian-13.iso", 50_000))).statusCode())
                .isEqualTo(200);

        JsonNode bySeeder = holders(hash, seeder, "");
        assertThat(bySeeder.path("file").path("holders").asLong()).isEqualTo(3);
        assertThat(bySeeder.path("holders").findValuesAsString("peerId")).as("unrated: by bandwidth, the asker left out")
                .containsExactly(fast, slow);

        publish(new RatingChanged(UUID.randomUUID(), Instant.now(), community, slow, "eigentrust", 0.5, 2.0, 1));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                holders(hash, seeder, "").path("holders").get(0).path("peerId").asString().equals(slow));
        assertThat(holders(hash, seeder, "").path("holders").get(0).path("relativeScore").asDouble()).isEqualTo(2.0);

        JsonNode first = holders(hash, peer(), "?limit=2");
        JsonNode second = holders(hash, peer(), "?limit=2&cursor=" + first.path("next").asString());
        List<String> paged = new ArrayList<>(first.path("holders").findValuesAsString("peerId"));
        paged.addAll(second.path("holders").findValuesAsString("peerId"));
        assertThat(paged).containsExactly(slow, fast, seeder);
        assertThat(second.path("next").isNull() || second.path("next").isMissingNode()).isTrue();

        var events = new TopicReader(RealInfrastructure.kafka().bootstrapServers()).readUntil(Topics.FILES.name(),
                records -> records.stream().filter(r -> r.value().contains(hash)).count() >= 3, Duration.ofSeconds(20));
        assertThat(events).filteredOn(r -> r.value().contains(hash))
                .allSatisfy(r -> assertThat(r.value()).contains("\"type\":\"FilesAnnounced\""))
                .extracting(r -> r.key()).as("keyed by community and peer")
                .containsExactlyInAnyOrder(community + "/" + seeder, community + "/" + fast, community + "/" + slow);
    }

    @Test
    void aLargeAnnounceIsOneTransactionAndItsNewHoldingsArePublishedInEventsOfAtMostFiveHundredFiles()
            throws Exception {
        String peer = peer();
        List<Map<String, Object>> files = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            files.add(file(sha256(community + " bulk " + i), 1_000 + i, "bulk-" + i + ".bin", 10_000));
        }
        JsonNode announced = JSON.readTree(announce(peer, files).body());
        assertThat(announced.path("newHoldings").asInt()).isEqualTo(1_201);
        var events = new TopicReader(RealInfrastructure.kafka().bootstrapServers()).readUntil(Topics.FILES.name(),
                records -> records.stream().filter(r -> r.key().equals(community + "/" + peer)).count() >= 3,
                Duration.ofSeconds(20));
        List<JsonNode> announcedEvents = new ArrayList<>();
        for (var r : events) {
            if (r.key().equals(community + "/" + peer)) {
                announcedEvents.add(JSON.readTree(r.value()));
            }
        }
        assertThat(announcedEvents).extracting(e -> e.path("files").size()).containsExactly(500, 500, 201);
        assertThat(announcedEvents.stream().flatMap(e -> e.path("files").findValuesAsString("contentHash").stream())
                .distinct().count()).isEqualTo(1_201);
    }

    @Test
    void aCommunityChoosesItsOwnHolderOrderInItsConfiguration() throws Exception {
        String hash = sha256("order " + community);
        String early = peer();
        String fast = peer();
        String late = peer();
        announce(early, List.of(file(hash, 10, "o.bin", 500)));
        Thread.sleep(20);
        announce(fast, List.of(file(hash, 10, "o.bin", 900)));
        Thread.sleep(20);
        announce(late, List.of(file(hash, 10, "o.bin", 100)));
        assertThat(holders(hash, peer(), "").path("holders").findValuesAsString("peerId")).as("the default: bandwidth")
                .containsExactly(fast, early, late);

        publish(new CommunityConfigured(UUID.randomUUID(), Instant.now(), community, 2, ContributionUnit.BYTES,
                new CommunityConfigured.CreditTerms(false, "0", "0", "0"), Map.of("scheme", "eigentrust"),
                Map.of("policy", "proportional", "holderOrder", "freshness,bandwidth")));
        await().atMost(Duration.ofSeconds(30)).until(() -> holders(hash, peer(), "").path("holders")
                .findValuesAsString("peerId").equals(List.of(late, fast, early)));
        JsonNode order = holders(hash, peer(), "").path("order").path("keys");
        assertThat(List.of(order.get(0).asString(), order.get(1).asString(), order.get(2).asString()))
                .containsExactly("FRESHNESS", "BANDWIDTH", "RATING");
    }

    @Test
    void aRefreshKeepsAHolderAliveAndAnExpiredOrWithdrawnOneIsGone() throws Exception {
        String hash = sha256("refresh " + community);
        String stays = peer();
        String lapses = peer();
        String leaves = peer();
        for (String peer : List.of(stays, lapses, leaves)) {
            announce(peer, List.of(file(hash, 10, "notes.txt", 1_000)));
        }
        JsonNode refreshed = JSON.readTree(announce(stays, List.of(file(hash, 10, "notes.txt", 2_000))).body());
        assertThat(refreshed.path("newHoldings").asInt()).as("a refresh is not news").isZero();
        jdbc.sql("update holder set expires_at = now() - interval '1 second' where peer_id = :p").param("p", lapses).update();

        assertThat(holders(hash, peer(), "").path("holders").findValuesAsString("peerId"))
                .as("expired holders are never shown, pruned or not").containsExactlyInAnyOrder(stays, leaves);
        assertThat(holdings.pruneExpired()).isGreaterThanOrEqualTo(1);
        assertThat(call("DELETE", "/v1/communities/" + community + "/peers/" + leaves + "/files/" + hash, null, leaves)
                .statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/v1/communities/" + community + "/peers/" + leaves + "/files/" + hash, null, leaves)
                .statusCode()).isEqualTo(404);

        assertThat(holders(hash, peer(), "").path("holders").findValuesAsString("peerId")).containsExactly(stays);
        JsonNode all = JSON.readTree(call("DELETE", "/v1/communities/" + community + "/peers/" + stays + "/files", null,
                stays).body());
        assertThat(all.path("files").asInt()).isEqualTo(1);
        assertThat(call("GET", "/v1/communities/" + community + "/files/" + hash + "/holders", null, peer()).statusCode())
                .as("nobody holds it any more").isEqualTo(404);
        var events = new TopicReader(RealInfrastructure.kafka().bootstrapServers()).readUntil(Topics.FILES.name(),
                records -> records.stream().filter(r -> r.value().contains(hash)
                        && r.value().contains("FilesWithdrawn")).count() >= 3, Duration.ofSeconds(20));
        assertThat(events).filteredOn(r -> r.value().contains(hash) && r.value().contains("FilesWithdrawn"))
                .extracting(r -> r.key() + (r.value().contains("EXPIRED") ? " EXPIRED" : " WITHDRAWN"))
                .containsExactlyInAnyOrder(community + "/" + lapses + " EXPIRED", community + "/" + leaves + " WITHDRAWN",
                        community + "/" + stays + " WITHDRAWN");
    }

    @Test
    void textSearchFindsNamesAndTagsTakingMetacharactersLiterally() throws Exception {
        String peer = peer();
        List<String> names = List.of("100% pure_data.csv", "1000 files.zip", "it's \"quoted\".txt", "back\\slash.txt",
                "Debian Netinst.iso");
        List<Map<String, Object>> files = new ArrayList<>();
        for (String name : names) {
            files.add(file(sha256(name + community), 1, name, 1, name.startsWith("Debian") ? "linux" : "misc"));
        }
        assertThat(announce(peer, files).statusCode()).isEqualTo(200);

        assertThat(search("100%").path("files").findValuesAsString("name")).containsExactly("100% pure_data.csv");
        assertThat(search("pure_data").path("files").findValuesAsString("name")).containsExactly("100% pure_data.csv");
        assertThat(search("pure%data").path("files")).isEmpty();
        assertThat(search("pur_").path("files")).as("_ is no wildcard: pure does not match").isEmpty();
        assertThat(search("\"quoted\"").path("files").findValuesAsString("name")).containsExactly("it's \"quoted\".txt");
        assertThat(search("it's").path("files").findValuesAsString("name")).containsExactly("it's \"quoted\".txt");
        assertThat(search("back\\slash").path("files").findValuesAsString("name")).containsExactly("back\\slash.txt");
        assertThat(search("linux NETINST").path("files").findValuesAsString("name")).as("tags and names, any case")
                .containsExactly("Debian Netinst.iso");
        assertThat(search("'; drop table file; --").path("files")).isEmpty();
        // Every name but "1000 files.zip" has a t; two pages of two and one of none left hold exactly those four.
        List<String> paged = new ArrayList<>();
        String cursor = "";
        do {
            HttpResponse<String> response = call("GET", "/v1/communities/" + community + "/files?q=t&limit=2" + cursor,
                    null, peer);
            JsonNode page = JSON.readTree(response.body());
            paged.addAll(page.path("files").findValuesAsString("name"));
            cursor = page.path("next").isString() ? "&cursor=" + page.path("next").asString() : null;
        } while (cursor != null);
        assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrder("100% pure_data.csv", "it's \"quoted\".txt",
                "back\\slash.txt", "Debian Netinst.iso");
    }

    @Test
    void badInputIsAProblemAndStoresNothing() throws Exception {
        String peer = peer();
        String good = sha256("good " + community);
        Map<String, Object> valid = file(good, 5, "ok.bin", 1);
        List<Object[]> cases = List.of(
                new Object[] {file("abc", 5, "x", 1), 400, "contentHash"},
                new Object[] {file(sha256("neg"), -5, "x", 1), 400, "sizeBytes"},
                new Object[] {file(sha256("bw"), 5, "x", -1), 400, "uploadBytesPerSecond"},
                new Object[] {file(sha256("name"), 5, " ", 1), 400, "files[1].name"},
                new Object[] {file(sha256("tags"), 5, "x", 1, "ok", " "), 400, "tags"},
                new Object[] {withField(file(sha256("mime"), 5, "x", 1), "mimeType", "not a type"), 400, "mimeType"},
                new Object[] {withField(file(sha256("size"), 5, "x", 1), "sizeBytes", null), 400, "sizeBytes: required"},
                new Object[] {withField(file(sha256("hash"), 5, "x", 1), "contentHash", null), 400, "contentHash"});
        for (Object[] c : cases) {
            HttpResponse<String> response = announce(peer, List.of(valid, (Map<String, Object>) c[0]));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(c[1]);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
            assertThat(response.body()).contains((String) c[2]);
        }
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1_501; i++) {
            tooMany.add(file(sha256("many " + i), 1, "f" + i, 1));
        }
        assertThat(announce(peer, tooMany).statusCode()).isEqualTo(400);
        assertThat(announce(peer, List.of(valid, valid)).statusCode()).as("the same hash twice").isEqualTo(400);
        assertThat(announce(peer, List.of()).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/v1/communities/" + community + "/peers/" + peer + "/files", "{\"files\": [", peer)
                .statusCode()).isEqualTo(400);
        assertThat(call("POST", "/v1/communities/" + community + "/peers/" + peer + "/files",
                Map.of("files", List.of(valid)), peer()).statusCode()).as("announcing as another peer").isEqualTo(403);
        assertThat(call("POST", "/v1/communities/no-such-community/peers/" + peer + "/files",
                Map.of("files", List.of(valid)), peer).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from holder where peer_id = :p").param("p", peer).query(Long.class).single())
                .as("nothing stored").isZero();

        assertThat(announce(peer, List.of(valid)).statusCode()).isEqualTo(200);
        assertThat(announce(peer(), List.of(file(good, 6, "ok.bin", 1))).statusCode()).as("one hash, one size")
                .isEqualTo(409);
        for (String q : List.of("", "%20%20", "x".repeat(201))) {
            assertThat(call("GET", "/v1/communities/" + community + "/files?q=" + q, null, peer).statusCode()).isEqualTo(400);
        }
        assertThat(call("GET", "/v1/communities/" + community + "/files", null, peer).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/v1/communities/" + community + "/files/xyz/holders", null, peer).statusCode())
                .isEqualTo(400);
        assertThat(call("GET", "/v1/communities/" + community + "/files/" + good + "/holders?cursor=garbage", null, peer())
                .statusCode()).isEqualTo(400);
        assertThat(call("GET", "/v1/communities/" + community + "/files/" + good + "/holders", null, null).statusCode())
                .isEqualTo(401);
    }
}
