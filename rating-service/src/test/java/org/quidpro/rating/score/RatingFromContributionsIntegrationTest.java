package org.quidpro.rating.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quidpro.contracts.EventCodec;
import org.quidpro.contracts.IntegrationEvent;
import org.quidpro.contracts.Topics;
import org.quidpro.contracts.accounting.CommunityConfigured;
import org.quidpro.contracts.accounting.ContributionRecorded;
import org.quidpro.contracts.coalition.CoalitionSettled;
import org.quidpro.contracts.index.FilesAnnounced;
import org.quidpro.contracts.accounting.ContributionUnit;
import org.quidpro.contracts.accounting.PeerJoinedCommunity;
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

/** Accounting's events, on the real broker, move ratings; the rating service publishes the changes. */
@ServiceIntegrationTest
// Read caches that would hold stale entries for an hour unless a change on this replica drops them.
@TestPropertySource(properties = {"quidpro.rating.recompute-poll=200ms", "quidpro.rating.read-freshness=1h"})
class RatingFromContributionsIntegrationTest {

    @Value("${local.server.port}") int port;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired EventCodec codec;
    @Autowired JdbcClient jdbc;
    final HttpClient http = HttpClient.newHttpClient();
    final Random random = new Random();

    String peer() {
        return PeerIds.random(random);
    }

    void publish(IntegrationEvent event) throws Exception {
        var encoded = codec.encode(event);
        kafka.send(encoded.type().topic().name(), encoded.key(), encoded.json()).get();
    }

    /** A community without credits, as accounting would announce it, revision 1. */
    void configure(String community, Map<String, Object> rating, Map<String, Object> allocation) throws Exception {
        publish(new CommunityConfigured(UUID.randomUUID(), Instant.now(), community, 1, ContributionUnit.BYTES,
                new CommunityConfigured.CreditTerms(false, "0", "0", "0"), rating, allocation));
    }

    /** Configures the community and waits until rating-service has stored its settings. */
    void configureAndAwait(String community, Map<String, Object> rating, Map<String, Object> allocation) throws Exception {
        configure(community, rating, allocation);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from community_settings where id = :c")
                .param("c", community).query(Long.class).single() == 1);
    }

    ContributionRecorded contribution(String community, String provider, String consumer, long amount, boolean satisfied) {
        Instant now = Instant.now();
        return new ContributionRecorded(UUID.randomUUID(), now, HexFormat.of().formatHex(new byte[32]).replace('0',
                "0123456789abcdef".charAt(random.nextInt(16))), community, ContributionUnit.BYTES, provider, consumer,
                amount, null, now.minusSeconds(10), now, satisfied, null, null);
    }

    JsonNode rating(String community, String peer) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v1/communities/" + community + "/ratings/" + peer)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JsonMapper.builder().build().readTree(response.body()) : null;
    }

    @Test
    void contributionsMoveTheProvidersEigenTrustRatingOnceAndAreAnnounced() throws Exception {
        String community = "rated-" + UUID.randomUUID().toString().substring(0, 8);
        String seeder = peer();
        String leecher = peer();
        String other = peer();
        configure(community, Map.of("scheme", "eigentrust", "damping", 0.15, "halfLife", "P30D"),
                Map.of("policy", "proportional"));
        for (String peer : List.of(seeder, leecher, other)) {
            publish(new PeerJoinedCommunity(UUID.randomUUID(), Instant.now(), community, peer, "0"));
        }
        ContributionRecorded big = contribution(community, seeder, leecher, 50_000_000, true);
        publish(big);
        publish(big); // redelivered: applied once
        publish(contribution(community, seeder, other, 30_000_000, true));
        publish(contribution(community, other, leecher, 1_000_000, true));
        // leecher trusts seeder (50/51) and other (1/51); other trusts seeder; seeder trusts nobody yet.

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode rating = rating(community, seeder);
            return rating != null && rating.path("rank").asInt() == 1;
        });
        JsonNode seederRating = rating(community, seeder);
        JsonNode otherRating = rating(community, other);
        assertThat(seederRating.path("scheme").asString()).isEqualTo("eigentrust");
        assertThat(seederRating.path("relativeScore").asDouble()).isGreaterThan(otherRating.path("relativeScore").asDouble());
        assertThat(jdbc.sql("select value from local_trust where community_id = :c and truster = :l and trustee = :s")
                .param("c", community).param("l", leecher).param("s", seeder).query(Double.class).single())
                .as("the redelivered contribution counted once").isCloseTo(50_000_000, org.assertj.core.data.Offset.offset(10.0));
        HttpResponse<String> series = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/v1/communities/" + community + "/rating-history/peers/" + seeder)).header("X-Quidpro-Role", "analyst")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(series.statusCode()).isEqualTo(200);
        assertThat(JsonMapper.builder().build().readTree(series.body()).path("points").findValuesAsString("at"))
                .as("every recompute appended to the history").contains(seederRating.path("computedAt").asString());
        var announced = new TopicReader(RealInfrastructure.kafka().bootstrapServers()).readUntil(Topics.RATINGS.name(),
                records -> records.stream().anyMatch(r -> r.key().equals(community + "/" + seeder)), Duration.ofSeconds(20));
        assertThat(announced).filteredOn(r -> r.key().equals(community + "/" + seeder)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.value()).contains("\"type\":\"RatingChanged\"", "\"scheme\":\"eigentrust\""));
    }

    HttpResponse<String> allocate(String community, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/communities/" + community
                + "/allocations")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String requesters(long capacity, String... peers) {
        return "{\"capacityBytesPerSecond\": " + capacity + ", \"requesters\": ["
                + String.join(",", java.util.Arrays.stream(peers)
                        .map(p -> "{\"peerId\": \"" + p + "\", \"downloadBytesPerSecond\": 400000}").toList()) + "]}";
    }

    @Test
    void allocationServesTheContributorFirstQueuesTheFreeRiderAndExplainsItself() throws Exception {
        String community = "alloc-" + UUID.randomUUID().toString().substring(0, 8);
        String contributor = peer();
        String freeRider = peer();
        String newcomer = peer();
        configure(community, Map.of("scheme", "ratio"),
                Map.of("policy", "proportional", "newcomerShare", 0.1, "freeRiderFloor", 0.6, "belowFloor", "queue"));
        publish(contribution(community, contributor, freeRider, 7L << 20, true)); // ratio 3 vs 1: relative 1.5 vs 0.5
        await().atMost(Duration.ofSeconds(30)).until(() -> rating(community, freeRider) != null);

        HttpResponse<String> response = allocate(community, requesters(1_000_000, freeRider, contributor, newcomer));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> grants = new java.util.HashMap<>();
        JsonMapper.builder().build().readTree(response.body()).path("grants")
                .forEach(g -> grants.put(g.path("peerId").asString(), g));
        assertThat(grants.get(contributor).path("rank").asInt()).isEqualTo(1);
        assertThat(grants.get(contributor).path("bytesPerSecond").asLong()).isEqualTo(400_000);
        assertThat(grants.get(newcomer).path("rule").asString()).contains("newcomer share");
        assertThat(grants.get(freeRider).path("decision").asString()).isEqualTo("QUEUE");
        assertThat(grants.get(freeRider).path("rule").asString()).contains("below the free-rider floor");
        assertThat(grants.get(freeRider).path("bytesPerSecond").asLong())
                .isLessThan(grants.get(contributor).path("bytesPerSecond").asLong());
        assertThat(allocate("no-such-community", requesters(1, contributor)).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = allocate(community, "{\"capacityBytesPerSecond\": -1, \"requesters\": []}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("capacityBytesPerSecond", "requesters");
        assertThat(allocate(community, requesters(5, "Nope")).statusCode()).isEqualTo(400);
        assertThat(allocate(community, requesters(5, contributor, contributor)).statusCode()).isEqualTo(400);
    }

    static String firstGranted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode grant : JsonMapper.builder().build().readTree(response.body()).path("grants")) {
            if (grant.path("rank").asInt() == 1) {
                return grant.path("peerId").asString();
            }
        }
        throw new AssertionError("no rank 1 in " + response.body());
    }

    @Test
    void decisionsReadSettingsAndRatingsFromMemoryYetSeeEveryChangeOnceItIsStored() throws Exception {
        String community = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        String first = peer();
        String second = peer();
        // Asked before the community exists: unknown, and that answer is held in memory...
        assertThat(allocate(community, requesters(1_000_000, first, second)).statusCode()).isEqualTo(404);
        configureAndAwait(community, Map.of("scheme", "ratio"), Map.of("policy", "proportional"));
        // ...until the settings are stored here.
        await().atMost(Duration.ofSeconds(5)).until(() -> allocate(community, requesters(1, first)).statusCode() == 200);

        publish(contribution(community, first, second, 7L << 20, true));
        await().atMost(Duration.ofSeconds(30)).until(() -> rating(community, second) != null);
        assertThat(firstGranted(allocate(community, requesters(1_000_000, first, second)))).isEqualTo(first);

        // The second peer now gives ten times as much back: a recompute reverses the order, and the decision,
        // whose ratings are held in memory for up to an hour in this test, follows at once.
        publish(contribution(community, second, first, 70L << 20, true));
        await().atMost(Duration.ofSeconds(30)).until(() -> rating(community, second).path("rank").asInt() == 1);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> firstGranted(allocate(community, requesters(1_000_000, first, second))).equals(second));
    }

    @Test
    void aRatioCommunityRatesByEmulesCreditModifier() throws Exception {
        String community = "ratio-" + UUID.randomUUID().toString().substring(0, 8);
        String giver = peer();
        String taker = peer();
        configure(community, Map.of("scheme", "ratio"),
                Map.of("policy", "proportional"));
        publish(contribution(community, giver, taker, 7L << 20, true)); // 7 MiB given, nothing taken: sqrt(9) = 3

        await().atMost(Duration.ofSeconds(30)).until(() -> rating(community, giver) != null);

        assertThat(rating(community, giver).path("score").asDouble()).isEqualTo(3.0);
        assertThat(rating(community, taker).path("score").asDouble()).isEqualTo(1.0);
    }

    JsonNode responsiveness(String community, String peer) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/v1/communities/" + community + "/peers/" + peer + "/responsiveness"))
                .header("X-Quidpro-Role", "analyst").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }

    @Test
    void coalitionSettlementsAndSharedFilesDriveTheResponsivenessSchemeOnce() throws Exception {
        String community = "resp-" + UUID.randomUUID().toString().substring(0, 8);
        String uploader = peer();
        String helper = peer();
        String requester = peer();
        String freeRider = peer();
        configureAndAwait(community, Map.of("scheme", "responsiveness", "responsivenessGamma", 0.5, "recomputeEvery",
                "PT1S"), Map.of("policy", "proportional"));
        String hash = "ab".repeat(32);
        publish(new FilesAnnounced(UUID.randomUUID(), Instant.now(), community, uploader,
                List.of(new FilesAnnounced.File(hash, 1200, "f.bin", 100))));
        // The worked example: V = 10 s, x_0 = 25/3, x_1 = 2/3 (+ 1 for a third member left out here).
        CoalitionSettled settled = new CoalitionSettled(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), community,
                requester, hash, CoalitionSettled.Outcome.COMPLETE, 9.0, List.of(
                        new CoalitionSettled.Member(uploader, true, 200, 25.0 / 3),
                        new CoalitionSettled.Member(helper, true, 400, 2.0 / 3)));
        publish(settled);
        publish(settled); // redelivered: counted once
        // A free-rider that consumed and shares nothing.
        publish(new CoalitionSettled(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), community, freeRider, hash,
                CoalitionSettled.Outcome.COMPLETE, 4.0, List.of(new CoalitionSettled.Member(uploader, true, 1, 4.0))));

        await().atMost(Duration.ofSeconds(30)).until(() -> responsiveness(community, freeRider).path("consumedSeconds")
                .asDouble() > 0 && responsiveness(community, requester).path("consumedSeconds").asDouble() > 0);
        JsonNode up = responsiveness(community, uploader);
        assertThat(up.path("earnedSeconds").asDouble()).isCloseTo(25.0 / 3 + 4.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(up.path("filesShared").asLong()).isEqualTo(1);
        assertThat(up.path("bonus").asDouble()).isEqualTo(1.0);
        JsonNode req = responsiveness(community, requester);
        assertThat(req.path("consumedSeconds").asDouble()).as("Dp += V, once").isCloseTo(9.0,
                org.assertj.core.data.Offset.offset(1e-3));
        assertThat(req.path("bonus").asDouble()).as("consumed, earned nothing, shares nothing: a free-rider").isZero();
        JsonNode helped = responsiveness(community, helper);
        assertThat(helped.path("bonus").asDouble()).isEqualTo(1.0);

        await().atMost(Duration.ofSeconds(30)).until(() -> rating(community, uploader) != null
                && rating(community, uploader).path("rank").asInt() == 1 && rating(community, requester) != null);
        assertThat(rating(community, uploader).path("scheme").asString()).isEqualTo("responsiveness");
        assertThat(rating(community, helper).path("relativeScore").asDouble())
                .isGreaterThan(rating(community, requester).path("relativeScore").asDouble());
        assertThat(rating(community, requester).path("score").asDouble()).isZero();
    }

    /** The scheme none switches the incentive off: a peer that only consumed keeps Rb = 1, and so gets coalitions. */
    @Test
    void underTheSchemeNoneAFreeRiderKeepsTheFullBonus() throws Exception {
        String community = "none-" + UUID.randomUUID().toString().substring(0, 8);
        String uploader = peer();
        String freeRider = peer();
        configureAndAwait(community, Map.of("scheme", "none", "responsivenessNewcomerBonus", 0),
                Map.of("policy", "proportional"));
        publish(new CoalitionSettled(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), community, freeRider,
                "cd".repeat(32), CoalitionSettled.Outcome.COMPLETE, 4.0,
                List.of(new CoalitionSettled.Member(uploader, true, 1, 4.0))));

        await().atMost(Duration.ofSeconds(30)).until(() -> responsiveness(community, freeRider).path("consumedSeconds")
                .asDouble() > 0);
        assertThat(responsiveness(community, freeRider).path("bonus").asDouble()).isEqualTo(1.0);
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pickKProvidersSampledByScoreAmongTheAvailableOnes() throws Exception {
        String community = "pick-" + UUID.randomUUID().toString().substring(0, 8);
        String best = peer();
        String good = peer();
        String away = peer();
        String taker = peer();
        configure(community, Map.of("scheme", "ratio"),
                Map.of("policy", "pick-k"));
        publish(contribution(community, best, taker, 98L << 20, true)); // sqrt(100) = 10
        publish(contribution(community, good, taker, 2L << 20, true)); // sqrt(4) = 2
        publish(contribution(community, away, taker, 98L << 20, true));
        await().atMost(Duration.ofSeconds(30)).until(() -> rating(community, away) != null && rating(community, best) != null
                && rating(community, good) != null);
        String candidates = "[{\"peerId\": \"%s\"}, {\"peerId\": \"%s\"}, {\"peerId\": \"%s\", \"available\": false}]"
                .formatted(best, good, away);

        Map<String, Integer> firstPicks = new java.util.HashMap<>();
        for (long seed = 0; seed < 200; seed++) {
            HttpResponse<String> response = post("/v1/communities/" + community + "/provider-picks",
                    "{\"k\": 2, \"seed\": " + seed + ", \"candidates\": " + candidates + "}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = JsonMapper.builder().build().readTree(response.body());
            assertThat(answer.path("picks").findValuesAsString("peerId")).as("the unavailable one never")
                    .containsExactlyInAnyOrder(best, good);
            assertThat(answer.path("available").asInt()).isEqualTo(2);
            firstPicks.merge(answer.path("picks").get(0).path("peerId").asString(), 1, Integer::sum);
        }
        // best is picked first with probability 10/12: about 167 of 200; good still gets some of the load.
        assertThat(firstPicks.get(best)).isBetween(140, 190);
        assertThat(firstPicks.get(good)).isPositive();
        HttpResponse<String> fromTheTop = post("/v1/communities/" + community + "/provider-picks",
                "{\"k\": 3, \"exclude\": [\"" + taker + "\"]}");
        assertThat(JsonMapper.builder().build().readTree(fromTheTop.body()).path("picks").findValuesAsString("peerId"))
                .as("without candidates: the best-rated peers").containsExactlyInAnyOrder(best, good, away);
        HttpResponse<String> same = post("/v1/communities/" + community + "/provider-picks",
                "{\"k\": 1, \"seed\": 7, \"candidates\": " + candidates + "}");
        assertThat(same.body()).as("a seed makes the draw repeatable").isEqualTo(post("/v1/communities/" + community
                + "/provider-picks", "{\"k\": 1, \"seed\": 7, \"candidates\": " + candidates + "}").body());

        Map<String, Integer> bad = Map.of(
                "{\"k\": 0}", 400,
                "{\"k\": 101}", 400,
                "{\"k\": 1, \"candidates\": []}", 400,
                "{\"k\": 1, \"candidates\": [{\"peerId\": \"not-a-peer\"}]}", 400,
                "{\"k\": 1, \"candidates\": [{\"peerId\": \"" + best + "\"}, {\"peerId\": \"" + best + "\"}]}", 400,
                "{\"k\": \"two\"}", 400,
                "not json", 400);
        bad.forEach((body, status) -> {
            try {
                HttpResponse<String> response = post("/v1/communities/" + community + "/provider-picks", body);
                assertThat(response.statusCode()).as(body + ": " + response.body()).isEqualTo(status);
                assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(post("/v1/communities/no-such-community/provider-picks", "{\"k\": 1}").statusCode()).isEqualTo(404);
        assertThat(post("/v1/communities/Not_A_Community/provider-picks", "{\"k\": 1}").statusCode()).isEqualTo(400);
        String huge = "{\"k\": 1, \"candidates\": [" + String.join(",", java.util.Collections.nCopies(10_001,
                "{\"peerId\": \"" + best + "\"}")) + "]}";
        assertThat(post("/v1/communities/" + community + "/provider-picks", huge).statusCode()).isEqualTo(400);
        String tooManyRequesters = requesters(1000, java.util.stream.Stream.generate(this::peer).limit(1001)
                .toArray(String[]::new));
        assertThat(allocate(community, tooManyRequesters).statusCode()).isEqualTo(400);
    }
}
