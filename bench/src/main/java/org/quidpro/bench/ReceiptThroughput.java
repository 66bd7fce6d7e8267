package org.quidpro.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.quidpro.accounting.AccountingServiceApplication;
import org.quidpro.accounting.peer.Base64Field;
import org.quidpro.accounting.peer.PeerKey;
import org.quidpro.accounting.receipt.Receipt;
import org.quidpro.testkit.infra.PostgresEndpoint;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receipts per second accepted by the accounting service through its REST API (both Ed25519 signatures
 * verified, the ledger updated, the event written to the outbox and published to Kafka), beside the
 * baseline of a raw JDBC batch insert of the same rows into a copy of the receipt table, in the same run
 * on the same PostgreSQL. Real PostgreSQL and Kafka (embedded when there is no Docker).
 *
 * <p>Arguments: {@code receipts=20000 clients=32 peers=200 batch=250 batchClients=4 profile=false}.
 */
public final class ReceiptThroughput {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Member(KeyPair keys, String id) {}

    record Signed(Receipt receipt, String body) {}

    public static void main(String[] args) throws Exception {
        int receipts = BenchService.intArg(args, "receipts", 20_000);
        int clients = BenchService.intArg(args, "clients", 32);
        int peers = BenchService.intArg(args, "peers", 200);
        int batchSize = BenchService.intArg(args, "batch", 250);
        int batchClients = BenchService.intArg(args, "batchClients", 4);
        PostgresEndpoint postgres = RealInfrastructure.postgres();
        try (ConfigurableApplicationContext service = BenchService.start(AccountingServiceApplication.class, args)) {
            URI base = BenchService.base(service);
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            String community = "bench-" + System.currentTimeMillis();
            send(http, base, "PUT", "/v1/communities/" + community, """
                    {"unit":"BYTES","credits":{"enabled":true,"pricePerUnit":"0.000001","newcomerGrant":"1000000000",
                     "overdraftLimit":"0"},"rating":{"scheme":"eigentrust"},"allocation":{"policy":"proportional"}}""",
                    "operator", null, 200);
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < peers; i++) {
                members.add(register(http, base, community));
            }
            System.out.printf("%d peers registered; signing %d receipts%n", peers, receipts + receipts / 10);
            List<Signed> warmup = sign(community, members, receipts / 10, new Random(1));
            List<Signed> measured = sign(community, members, receipts, new Random(2));
            List<Signed> batched = sign(community, members, receipts, new Random(3));

            submitAll(http, base, warmup, clients);
            // profile=true records the measured phase only, for `jfr print` or JDK Mission Control.
            jdk.jfr.Recording recording = null;
            if (Boolean.parseBoolean(BenchService.stringArg(args, "profile", "false"))) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.start();
            }
            long begin = System.nanoTime();
            submitAll(http, base, measured, clients);
            double serviceSeconds = (System.nanoTime() - begin) / 1e9;
            if (recording != null) {
                recording.dump(BenchService.results().resolve("receipt-throughput.jfr"));
                recording.close();
            }
            double servicePerSecond = receipts / serviceSeconds;

            begin = System.nanoTime();
            submitBatches(http, base, batched, batchSize, batchClients);
            double batchPerSecond = receipts / ((System.nanoTime() - begin) / 1e9);

            double rawPerSecond = rawBatchInsert(postgres, measured);
            double ratio = servicePerSecond / rawPerSecond;
            String report = String.format("""
                    # Receipt intake throughput (%s)
                    machine: %d cores, JDK %s; real PostgreSQL and Kafka (%s)
                    receipts: %d measured after %d warm-up, %d concurrent clients, %d peers, credits on

                    | what | receipts/s | ratio to raw |
                    |---|---|---|
                    | POST /v1/receipts, one receipt a request, %d clients | %.0f | %.3f |
                    | POST /v1/receipts/batch, %d receipts a request, %d clients | %.0f | %.3f |
                    | baseline: raw JDBC batch insert of the same rows (batches of 500, one connection, rewritten inserts) | %.0f | 1 |

                    Every receipt accepted by the service had both Ed25519 signatures verified, was recorded in a
                    transaction (one per request: the receipt, both accounts, two ledger entries, pair totals, an
                    outbox row) and had its event published to Kafka; the load driver, the service, the broker and
                    PostgreSQL share the machine.
                    """, Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), RealInfrastructure.mode(), receipts, warmup.size(), clients, peers,
                    clients, servicePerSecond, ratio, batchSize, batchClients, batchPerSecond, batchPerSecond / rawPerSecond,
                    rawPerSecond);
            System.out.println(report);
            Path results = BenchService.results();
            Files.writeString(results.resolve("receipt-throughput.md"), report);
        }
        System.exit(0);
    }

    static Member register(HttpClient http, URI base, String community) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] raw = PeerKey.rawOf(keys.getPublic());
        var challenge = JSON.readTree(send(http, base, "POST", "/v1/peers/challenges", "", null, null, 201));
        String signature = Base64Field.encode(sign(keys, challenge.path("message").asString().getBytes()));
        send(http, base, "POST", "/v1/peers", JSON.writeValueAsString(java.util.Map.of("publicKey", Base64Field.encode(raw),
                "challengeId", challenge.path("challengeId").asString(), "signature", signature,
                "uploadBytesPerSecond", 1 << 17, "downloadBytesPerSecond", 1 << 20)), null, null, 201);
        String id = PeerKey.peerIdOf(raw);
        send(http, base, "POST", "/v1/communities/" + community + "/members", "{\"peerId\":\"" + id + "\"}", "peer", id, 201);
        return new Member(keys, id);
    }

    /** Receipts between random members, signed by both (in parallel: signing is the clients' work, not measured). */
    static List<Signed> sign(String community, List<Member> members, int count, Random random) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Receipt> receipts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Member provider = members.get(random.nextInt(members.size()));
            Member consumer;
            do {
                consumer = members.get(random.nextInt(members.size()));
            } while (consumer == provider);
            receipts.add(new Receipt(community, provider.id(), consumer.id(), 1 + random.nextInt(10_000_000), null,
                    end.minusSeconds(60), end, true, 1 + random.nextInt(5), "bench-" + random.nextLong(Long.MAX_VALUE)));
        }
        java.util.Map<String, Member> byId = new java.util.HashMap<>();
        members.forEach(m -> byId.put(m.id(), m));
        return receipts.parallelStream().map(receipt -> {
            byte[] canonical = receipt.canonicalBytes();
            var body = new java.util.LinkedHashMap<String, Object>();
            body.put("receipt", java.util.Map.of("community", community, "provider", receipt.provider(), "consumer",
                    receipt.consumer(), "amount", receipt.amount(), "startedAt", receipt.startedAt().toString(), "endedAt",
                    receipt.endedAt().toString(), "satisfied", true, "score", receipt.score(), "nonce", receipt.nonce()));
            body.put("providerSignature", Base64Field.encode(sign(byId.get(receipt.provider()).keys(), canonical)));
            body.put("consumerSignature", Base64Field.encode(sign(byId.get(receipt.consumer()).keys(), canonical)));
            return new Signed(receipt, JSON.writeValueAsString(body));
        }).toList();
    }

    static void submitAll(HttpClient http, URI base, List<Signed> receipts, int clients) throws InterruptedException {
        Semaphore inFlight = new Semaphore(clients);
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Signed signed : receipts) {
                inFlight.acquire();
                pool.submit(() -> {
                    try {
                        send(http, base, "POST", "/v1/receipts", signed.body(), "peer", signed.receipt().provider(), 201);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " receipts were not accepted");
        }
    }

    static void submitBatches(HttpClient http, URI base, List<Signed> receipts, int size, int clients) throws Exception {
        Semaphore inFlight = new Semaphore(clients);
        AtomicInteger refused = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < receipts.size(); from += size) {
                List<Signed> chunk = receipts.subList(from, Math.min(receipts.size(), from + size));
                // A batch is reported by one peer: the provider of its first receipt, as operator here for simplicity.
                String body = "{\"receipts\":[" + String.join(",", chunk.stream().map(Signed::body).toList()) + "]}";
                inFlight.acquire();
                pool.submit(() -> {
                    try {
                        var answer = JSON.readTree(send(http, base, "POST", "/v1/receipts/batch", body, "operator", null, 200));
                        refused.addAndGet(answer.path("refused").asInt());
                    } catch (Exception e) {
                        refused.addAndGet(chunk.size());
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " batched receipts were not accepted");
        }
    }

    /** The baseline: the same rows into a copy of the receipt table, by JDBC batches on one connection. */
    static double rawBatchInsert(PostgresEndpoint postgres, List<Signed> receipts) throws Exception {
        // The same driver optimisation the services use: batches rewritten into multi-row inserts.
        var properties = new java.util.Properties();
        properties.setProperty("user", postgres.username());
        properties.setProperty("password", postgres.password());
        properties.setProperty("reWriteBatchedInserts", "true");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), properties)) {
            connection.createStatement().execute("drop table if exists accounting.bench_receipt");
            connection.createStatement().execute(
                    "create table accounting.bench_receipt (like accounting.receipt including defaults including indexes)");
            connection.setAutoCommit(false);
            long begin = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into accounting.bench_receipt (id, community_id, provider_id, consumer_id, amount, started_at,
                      ended_at, satisfied, score, nonce, provider_signature, consumer_signature, credits, submitted_by,
                      recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int batched = 0;
                byte[] signature = new byte[64];
                for (Signed signed : receipts) {
                    Receipt r = signed.receipt();
                    insert.setString(1, r.id());
                    insert.setString(2, r.community());
                    insert.setString(3, r.provider());
                    insert.setString(4, r.consumer());
                    insert.setLong(5, r.amount());
                    insert.setTimestamp(6, Timestamp.from(r.startedAt()));
                    insert.setTimestamp(7, Timestamp.from(r.endedAt()));
                    insert.setBoolean(8, r.satisfied());
                    insert.setInt(9, r.score());
                    insert.setString(10, r.nonce());
                    insert.setBytes(11, signature);
                    insert.setBytes(12, signature);
                    insert.setBigDecimal(13, java.math.BigDecimal.ONE);
                    insert.setString(14, r.provider());
                    insert.setTimestamp(15, Timestamp.from(Instant.now()));
                    insert.addBatch();
                    if (++batched % 500 == 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            connection.createStatement().execute("drop table accounting.bench_receipt");
            connection.commit();
            return receipts.size() / seconds;
        }
    }

    static byte[] sign(KeyPair keys, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String send(HttpClient http, URI base, String method, String path, String body, String role, String peer,
            int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (role != null) {
            request.header("X-Quidpro-Role", role);
        }
        if (peer != null) {
            request.header("X-Quidpro-Peer", peer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
