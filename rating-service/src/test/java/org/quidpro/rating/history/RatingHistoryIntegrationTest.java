package org.quidpro.rating.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quidpro.rating.history.application.HistoryRetention;
import org.quidpro.rating.history.persistence.RatingHistory;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.quidpro.testkit.peer.PeerIds;
import org.quidpro.testkit.spring.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analysts' rating history through the REST API, on real PostgreSQL: series raw and downsampled, top k
 * and distribution at an instant, CSV, access, retention by partition, and the read-only SQL views. The
 * snapshots are appended through the same store a recompute uses, at chosen times, so every figure is known.
 */
@ServiceIntegrationTest
class RatingHistoryIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}") int port;
    @Autowired RatingHistory history;
    @Autowired HistoryRetention retention;
    @Autowired JdbcClient jdbc;
    final HttpClient http = HttpClient.newHttpClient();
    final Random random = new Random();

    String community;
    Instant base;

    String peer() {
        return PeerIds.random(random);
    }

    @BeforeEach
    void community() {
        community = "history-" + UUID.randomUUID().toString().substring(0, 8);
        base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        history.ensurePartitions(base, 2);
    }

    void snapshot(Instant at, String peer, double score, int rank) {
        history.append(community, List.of(new Standing(peer, "ratio", score, score / 2, rank, false, at)));
    }

    HttpResponse<String> get(String path, String accept, String role, String asPeer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept);
        if (role != null) {
            request.header("X-Quidpro-Role", role);
        }
        if (asPeer != null) {
            request.header("X-Quidpro-Peer", asPeer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode analyst(String path) throws Exception {
        HttpResponse<String> response = get(path, "application/json", "analyst", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    String seriesPath(String peer, String query) {
        return "/v1/communities/" + community + "/rating-history/peers/" + peer + "?from=" + base + "&to="
                + base.plus(Duration.ofHours(2)) + query;
    }

    @Test
    void aPeersSeriesRawAndDownsampledToMinMaxLastPerBucket() throws Exception {
        String peer = peer();
        snapshot(base, peer, 1, 4);
        snapshot(base.plus(Duration.ofMinutes(20)), peer, 3, 2);
        snapshot(base.plus(Duration.ofMinutes(40)), peer, 2, 3);
        snapshot(base.plus(Duration.ofMinutes(70)), peer, 5, 1);
        snapshot(base.plus(Duration.ofHours(3)), peer, 9, 1); // outside [from, to)

        JsonNode raw = analyst(seriesPath(peer, ""));
        JsonNode hourly = analyst(seriesPath(peer, "&interval=1h"));

        assertThat(raw.path("points")).hasSize(4);
        assertThat(raw.path("points").get(1).path("lastScore").asDouble()).isEqualTo(3);
        assertThat(raw.path("truncated").asBoolean()).isFalse();
        assertThat(hourly.path("points")).hasSize(2);
        JsonNode first = hourly.path("points").get(0);
        assertThat(Instant.parse(first.path("at").asString())).isEqualTo(Downsampling.parse("1h").bucketOf(base));
        assertThat(first.path("minScore").asDouble()).isEqualTo(1);
        assertThat(first.path("maxScore").asDouble()).isEqualTo(3);
        assertThat(first.path("lastScore").asDouble()).as("the bucket's latest").isEqualTo(2);
        assertThat(first.path("lastRank").asInt()).isEqualTo(3);
        assertThat(first.path("samples").asLong()).isEqualTo(3);
        assertThat(hourly.path("points").get(1).path("lastScore").asDouble()).isEqualTo(5);
        assertThat(analyst(seriesPath(peer, "&limit=2")).path("truncated").asBoolean()).isTrue();
    }

    @Test
    void theTopKAndTheDistributionOfTheSnapshotAtAnInstant() throws Exception {
        Instant first = base.plus(Duration.ofMinutes(5));
        Instant second = base.plus(Duration.ofMinutes(10));
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            peers.add(peer());
        }
        for (int i = 0; i < 10; i++) {
            snapshot(first, peers.get(i), 10 - i, i + 1); // scores 10..1, peer 0 first
            snapshot(second, peers.get(i), i + 1, 10 - i); // reversed: peer 9 first
        }
        String at = "/v1/communities/" + community + "/rating-history/";

        JsonNode topThen = analyst(at + "top?limit=3&at=" + first.plusSeconds(1));
        JsonNode topNow = analyst(at + "top?limit=3");
        JsonNode spread = analyst(at + "distribution?buckets=3&at=" + second);

        assertThat(Instant.parse(topThen.path("snapshotAt").asString())).isEqualTo(first);
        assertThat(topThen.path("peers").findValuesAsString("peerId")).containsExactly(peers.get(0), peers.get(1), peers.get(2));
        assertThat(topNow.path("peers").findValuesAsString("peerId")).containsExactly(peers.get(9), peers.get(8), peers.get(7));
        assertThat(spread.path("peers").asLong()).isEqualTo(10);
        assertThat(spread.path("min").asDouble()).isEqualTo(1);
        assertThat(spread.path("max").asDouble()).isEqualTo(10);
        assertThat(spread.path("mean").asDouble()).isEqualTo(5.5);
        assertThat(spread.path("percentiles").path("p50").asDouble()).isEqualTo(5.5);
        assertThat(spread.path("percentiles").path("p90").asDouble()).isCloseTo(9.1, within(1e-9));
        // [1, 4), [4, 7), [7, 10]: 3, 3 and 4 peers.
        assertThat(spread.path("histogram").findValues("peers").stream().map(JsonNode::asLong).toList())
                .containsExactly(3L, 3L, 4L);
        assertThat(get(at + "top?at=" + first.minusSeconds(60), "application/json", "analyst", null).statusCode())
                .as("no snapshot before the first").isEqualTo(404);
    }

    @Test
    void csvIsStreamedForSeriesTopAndDistribution() throws Exception {
        String peer = peer();
        for (int m = 0; m < 100; m++) {
            snapshot(base.plus(Duration.ofMinutes(m)), peer, m, 1);
        }

        HttpResponse<String> series = get(seriesPath(peer, ""), "text/csv", "analyst", null);
        HttpResponse<String> top = get("/v1/communities/" + community + "/rating-history/top", "text/csv", "analyst", null);
        HttpResponse<String> spread = get("/v1/communities/" + community + "/rating-history/distribution", "text/csv",
                "analyst", null);

        assertThat(series.statusCode()).isEqualTo(200);
        assertThat(series.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(series.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        List<String> lines = series.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("at,min_score,max_score,last_score,last_relative_score,last_rank,samples");
        assertThat(lines).hasSize(101);
        assertThat(lines.get(100)).startsWith(base.plus(Duration.ofMinutes(99)) + ",99.0,99.0,99.0,49.5,1,1");
        assertThat(top.body().lines().toList()).hasSize(2).last().asString().startsWith("1," + peer + ",ratio,99.0,");
        assertThat(spread.body()).contains("peers,,,1", "p50,,,99.0", "bucket,99.0,99.0,1");
    }

    @Test
    void analystsReadEverythingAPeerOnlyItsOwnSeriesAndBadQueriesAreProblems() throws Exception {
        String peer = peer();
        snapshot(base, peer, 1, 1);
        String path = seriesPath(peer, "");

        assertThat(get(path, "application/json", null, null).statusCode()).isEqualTo(401);
        assertThat(get(path, "application/json", "peer", peer).statusCode()).isEqualTo(200);
        assertThat(get(path, "application/json", "peer", peer()).statusCode()).isEqualTo(403);
        assertThat(get("/v1/communities/" + community + "/rating-history/top", "application/json", "peer", peer)
                .statusCode()).isEqualTo(403);
        String bare = "/v1/communities/" + community + "/rating-history/peers/" + peer;
        for (String bad : List.of("?interval=hourly", "?interval=1s&from=2020-01-01T00:00:00Z", "?limit=0",
                "?from=yesterday", "?limit=10001")) {
            HttpResponse<String> response = get(bare + bad, "application/json", "analyst", null);
            assertThat(response.statusCode()).as(bad + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        }
        HttpResponse<String> backwards = get("/v1/communities/" + community + "/rating-history/peers/" + peer + "?from="
                + base + "&to=" + base.minusSeconds(1), "text/csv", "analyst", null);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("must be before");
        assertThat(get("/v1/communities/" + community + "/rating-history/distribution?buckets=0", "application/json",
                "analyst", null).statusCode()).isEqualTo(400);
    }

    @Test
    void retentionDropsWholeExpiredDaysAndKeepsTheRest() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(500));
        history.ensurePartitions(old, 1);
        String peer = peer();
        snapshot(old, peer, 1, 1);
        snapshot(base, peer, 2, 1);
        String partition = "rating_history_p" + java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(
                old.atOffset(java.time.ZoneOffset.UTC));

        retention.maintain();

        assertThat(jdbc.sql("select count(*) from pg_class where relname = :p").param("p", partition)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select score from rating_history where community_id = :c and peer_id = :p")
                .param("c", community).param("p", peer).query(Double.class).list()).containsExactly(2.0);
    }

    @Test
    void analystsMayQueryTheDocumentedViewsInSqlAndNothingElse() throws Exception {
        String peer = peer();
        snapshot(base, peer, 7, 1);
        String login = "analyst_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("create role " + login + " login password 'secret' in role quidpro_analyst").update();
        var pg = RealInfrastructure.postgres();

        // The endpoint's URL may name its own user (zonky's does): connect as the analyst.
        try (var connection = DriverManager.getConnection(pg.jdbcUrl().replaceAll("\\?.*", ""), login, "secret");
                var statement = connection.createStatement()) {
            var rows = statement.executeQuery("select last_score, snapshots from rating.analyst_rating_daily "
                    + "where community_id = '" + community + "' and peer_id = '" + peer + "'");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getDouble(1)).isEqualTo(7);
            assertThat(rows.getLong(2)).isEqualTo(1);
            assertThatThrownBy(() -> statement.executeQuery("select * from rating.rating_history"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.executeUpdate("delete from rating.analyst_rating_history"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }
}
