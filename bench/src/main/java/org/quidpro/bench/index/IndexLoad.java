package org.quidpro.bench.index;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.quidpro.bench.BenchService;
import org.quidpro.index.IndexServiceApplication;
import org.quidpro.testkit.infra.PostgresEndpoint;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.quidpro.testkit.peer.PeerIds;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The index under load, through its REST API on real PostgreSQL and Kafka: {@code peers} peers announce
 * {@code files} distinct files in batches (one request per peer and batch), then concurrent clients look
 * files up by hash. Baselines in the same run: a raw JDBC insert of the same holder rows into a copy of
 * the table (announces), and the service's own holder query over JDBC without HTTP (lookups).
 *
 * <p>Arguments: {@code files=1000000 peers=10000 batch=100 clients=4 lookups=20000 lookupClients=1,2,4,8}.
 */
public final class IndexLoad {

    public static void main(String[] args) throws Exception {
        int files = BenchService.intArg(args, "files", 1_000_000);
        int peers = BenchService.intArg(args, "peers", 10_000);
        int batch = BenchService.intArg(args, "batch", 100);
        int clients = BenchService.intArg(args, "clients", 4);
        int lookups = BenchService.intArg(args, "lookups", 20_000);
        int[] lookupClients = java.util.Arrays.stream(BenchService.stringArg(args, "lookupClients", "1,2,4,8").split(","))
                .mapToInt(Integer::parseInt).toArray();
        PostgresEndpoint postgres = RealInfrastructure.postgres();
        try (ConfigurableApplicationContext service = BenchService.start(IndexServiceApplication.class, args);
                Connection sql = connect(postgres)) {
            URI base = BenchService.base(service);
            String community = "bench-" + System.currentTimeMillis();
            sql.createStatement().execute("insert into index.community (id, revision, updated_at) values ('" + community
                    + "', 1, now())");
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            String[] peerIds = new String[peers];
            SplittableRandom random = new SplittableRandom(1);
            for (int p = 0; p < peers; p++) {
                peerIds[p] = PeerIds.random(random);
            }
            String[] hashes = new String[files];
            for (int f = 0; f < files; f++) {
                byte[] h = new byte[32];
                random.nextBytes(h);
                hashes[f] = HexFormat.of().formatHex(h);
            }
            // Requests are built beforehand: the clients' work is not measured.
            List<Request> requests = new ArrayList<>();
            int perPeer = Math.max(1, files / peers);
            for (int from = 0; from < files; from += batch) {
                int to = Math.min(files, from + batch);
                String peer = peerIds[Math.min(peers - 1, from / perPeer)];
                StringBuilder body = new StringBuilder("{\"files\":[");
                for (int f = from; f < to; f++) {
                    body.append(f > from ? "," : "").append("{\"contentHash\":\"").append(hashes[f])
                            .append("\",\"sizeBytes\":").append(1_000_000 + f).append(",\"name\":\"file-").append(f)
                            .append(".bin\",\"tags\":[\"bench\"],\"uploadBytesPerSecond\":").append(100_000 + f % 1000)
                            .append('}');
                }
                requests.add(new Request(peer, body.append("]}").toString(), to - from));
            }
            System.out.printf("announcing %d files from %d peers in %d requests%n", files, peers, requests.size());
            long begin = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    done.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                            Request r = requests.get(i);
                            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(
                                    "/v1/communities/" + community + "/peers/" + r.peer() + "/files"))
                                    .header("Content-Type", "application/json").header("X-Quidpro-Role", "peer")
                                    .header("X-Quidpro-Peer", r.peer()).POST(HttpRequest.BodyPublishers.ofString(r.body()))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) {
                                throw new IllegalStateException(response.statusCode() + " " + response.body());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            double announceSeconds = (System.nanoTime() - begin) / 1e9;
            double announcesPerSecond = files / announceSeconds;
            // Lookups are measured once the relay has published every FilesAnnounced, so they do not share the
            // two cores with it; the drain time is reported as well.
            long unpublished;
            do {
                Thread.sleep(200);
                try (ResultSet rs = sql.createStatement().executeQuery(
                        "select count(*) from index.outbox_event where published_at is null")) {
                    rs.next();
                    unpublished = rs.getLong(1);
                }
            } while (unpublished > 0);
            double publishedPerSecond = files / ((System.nanoTime() - begin) / 1e9);
            double rawPerSecond = rawInsert(sql, community, hashes, peerIds, perPeer, batch);

            String query = "select h.peer_id, h.upload_bps, coalesce(r.relative_score, 0), h.announced_at, h.expires_at "
                    + "from index.holder h left join index.peer_rating r on r.community_id = h.community_id "
                    + "and r.peer_id = h.peer_id where h.community_id = ? and h.content_hash = ? and h.expires_at > now() "
                    + "order by 3 desc, 2 desc, 4 desc, 1 desc limit 51";
            StringBuilder lookupRows = new StringBuilder();
            for (int clientCount : lookupClients) {
                List<Connection> connections = new ArrayList<>();
                Latencies raw = lookups(clientCount, lookups, i -> {
                    Connection c = connect(postgres); // one per client, closed below
                    synchronized (connections) {
                        connections.add(c);
                    }
                    PreparedStatement s = c.prepareStatement(query);
                    return () -> {
                        s.setString(1, community);
                        s.setString(2, hashes[(int) ((i.getAsInt() * 2654435761L) % files)]);
                        try (ResultSet rs = s.executeQuery()) {
                            if (!rs.next()) {
                                throw new IllegalStateException("no holder");
                            }
                        }
                    };
                });
                for (Connection c : connections) {
                    c.close();
                }
                Latencies rest = lookups(clientCount, lookups, i -> () -> {
                    String hash = hashes[(int) ((i.getAsInt() * 2654435761L) % files)];
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/communities/"
                            + community + "/files/" + hash + "/holders")).header("X-Quidpro-Role", "peer")
                            .header("X-Quidpro-Peer", peerIds[0]).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200 && response.statusCode() != 404) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                });
                lookupRows.append("| %d | %.2f / %.2f ms | %,.0f/s | %.2f / %.2f ms | %,.0f/s | %.2f |%n".formatted(
                        clientCount, ms(raw.sorted(), 50), ms(raw.sorted(), 99), raw.perSecond(), ms(rest.sorted(), 50),
                        ms(rest.sorted(), 99), rest.perSecond(), ms(rest.sorted(), 99) / ms(raw.sorted(), 99)));
            }
            String report = """
                    # Index load

                    Run %s on %d cores: %,d files from %,d peers, %d files a request, %d concurrent clients; then
                    %,d hash lookups at each client count, clients in closed loops (each sends its next lookup when
                    the last is answered). Service, load driver, PostgreSQL and Kafka (%s) share the machine. Command:
                    `./mvnw -q -pl bench spring-boot:run -Dspring-boot.run.main-class=org.quidpro.bench.index.IndexLoad`.

                    | announce | files/s | ratio to baseline |
                    |---|---:|---:|
                    | raw JDBC insert of the same holder rows, unnested arrays (baseline) | %,.0f | 1 |
                    | `POST /v1/communities/{c}/peers/{p}/files` (files indexed, holders, events in the outbox) | %,.0f | %.2f |
                    | the same, until every `FilesAnnounced` is published to Kafka | %,.0f | %.2f |

                    | lookup clients | raw SQL p50 / p99 (baseline) | raw SQL rate | `GET …/files/{hash}/holders` p50 / p99 | REST rate | p99 ratio |
                    |---:|---:|---:|---:|---:|---:|
                    %s""".formatted(Instant.now(), Runtime.getRuntime().availableProcessors(), files, peers, batch, clients,
                    lookups, RealInfrastructure.mode(), rawPerSecond, announcesPerSecond,
                    announcesPerSecond / rawPerSecond, publishedPerSecond, publishedPerSecond / rawPerSecond, lookupRows);
            Path results = BenchService.results();
            Files.writeString(results.resolve("index-load.md"), report);
            System.out.println(report);
        }
        System.exit(0); // the embedded broker's threads would keep the JVM alive
    }

    record Latencies(long[] sorted, double perSecond) {}

    record Request(String peer, String body, int files) {}

    interface Lookup {
        void run() throws Exception;
    }

    interface Client {
        Lookup open(java.util.function.IntSupplier index) throws Exception;
    }

    /** Latencies in nanoseconds of {@code count} lookups spread over {@code clients} threads, after a warm-up. */
    static Latencies lookups(int clients, int count, Client client) throws Exception {
        long[] latencies = new long[count];
        long[] measuredFrom = new long[1];
        AtomicInteger next = new AtomicInteger(-count / 5); // the first fifth warms up and is not recorded
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    int[] current = new int[1];
                    Lookup lookup = client.open(() -> current[0] + count);
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        current[0] = i;
                        long begin = System.nanoTime();
                        if (i == 0) {
                            measuredFrom[0] = begin;
                        }
                        lookup.run();
                        if (i >= 0) {
                            latencies[i] = System.nanoTime() - begin;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        double perSecond = count / ((System.nanoTime() - measuredFrom[0]) / 1e9);
        Arrays.sort(latencies);
        return new Latencies(latencies, perSecond);
    }

    static double ms(long[] sorted, double percentile) {
        return BenchService.percentileMs(sorted, percentile);
    }

    /** The baseline: the same holder rows into a copy of the table, one unnest insert per batch. */
    static double rawInsert(Connection sql, String community, String[] hashes, String[] peers, int perPeer, int batch)
            throws Exception {
        sql.createStatement().execute("drop table if exists index.bench_holder");
        sql.createStatement().execute("create table index.bench_holder (like index.holder including defaults including indexes)");
        long begin = System.nanoTime();
        try (PreparedStatement insert = sql.prepareStatement("""
                insert into index.bench_holder (community_id, content_hash, peer_id, upload_bps, announced_at, expires_at)
                select ?, h, ?, b, now(), now() + interval '30 minutes' from unnest(?, ?) as f(h, b)""")) {
            for (int from = 0; from < hashes.length; from += batch) {
                int to = Math.min(hashes.length, from + batch);
                Long[] bandwidths = new Long[to - from];
                Arrays.fill(bandwidths, 100_000L);
                insert.setString(1, community);
                insert.setString(2, peers[Math.min(peers.length - 1, from / perPeer)]);
                insert.setArray(3, sql.createArrayOf("text", Arrays.copyOfRange(hashes, from, to)));
                insert.setArray(4, sql.createArrayOf("bigint", bandwidths));
                insert.executeUpdate();
            }
        }
        double perSecond = hashes.length / ((System.nanoTime() - begin) / 1e9);
        sql.createStatement().execute("drop table index.bench_holder");
        return perSecond;
    }

    static Connection connect(PostgresEndpoint postgres) throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }
}
