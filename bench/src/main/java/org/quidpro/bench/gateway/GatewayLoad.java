package org.quidpro.bench.gateway;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.quidpro.bench.BenchService;
import org.quidpro.gateway.GatewayApplication;
import org.quidpro.gateway.auth.Tokens;
import org.quidpro.rating.RatingServiceApplication;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.quidpro.testkit.peer.PeerIds;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Allocation decisions through the gateway against the same decisions asked of rating-service directly,
 * in the same run, at a fixed arrival rate (open loop: a request is sent on schedule whether or not the
 * earlier ones are answered, and its latency counts from its scheduled time, so a stall is not hidden).
 * Through the gateway the peer presents an ES256 bearer token, which the gateway verifies, rate-limits and
 * turns into identity headers before its circuit breaker and bulkhead forward the call.
 *
 * <p>Arguments: {@code rate=2000 seconds=20 warmup=5 requesters=20}.
 */
public final class GatewayLoad {

    public static void main(String[] args) throws Exception {
        int rate = BenchService.intArg(args, "rate", 2_000);
        int seconds = BenchService.intArg(args, "seconds", 20);
        int warmup = BenchService.intArg(args, "warmup", 5);
        int requesters = BenchService.intArg(args, "requesters", 20);
        String jwk = new ECKeyGenerator(Curve.P_256).generate().toJSONString();
        try (ConfigurableApplicationContext rating = BenchService.start(RatingServiceApplication.class);
                ConfigurableApplicationContext gateway = BenchService.start(GatewayApplication.class,
                        "--quidpro.gateway.services.rating=" + BenchService.base(rating),
                        "--quidpro.gateway.token.key=" + jwk, "--quidpro.gateway.rate-limit.peer-per-second=1000000",
                        "--quidpro.gateway.rate-limit.ip-per-second=1000000")) {
            String community = "gwbench-" + System.currentTimeMillis();
            var pg = RealInfrastructure.postgres();
            try (var sql = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
                sql.createStatement().execute("insert into rating.community_settings (id, revision, unit, rating, allocation,"
                        + " updated_at) values ('" + community + "', 1, 'BYTES', '{\"scheme\": \"eigentrust\"}',"
                        + " '{\"policy\": \"proportional\"}', now())");
            }
            SplittableRandom random = new SplittableRandom(7);
            String asker = PeerIds.random(random);
            StringBuilder body = new StringBuilder("{\"capacityBytesPerSecond\": 10000000, \"requesters\": [");
            for (int i = 0; i < requesters; i++) {
                body.append(i == 0 ? "" : ",").append("{\"peerId\": \"").append(PeerIds.random(random))
                        .append("\", \"downloadBytesPerSecond\": ").append(100_000 + i * 10_000).append('}');
            }
            String json = body.append("]}").toString();
            String path = "/v1/communities/" + community + "/allocations";
            String token = "Bearer " + new Tokens(jwk, "quidpro-gateway", Duration.ofHours(1)).issue(asker, Instant.now())
                    .token();
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            HttpRequest direct = HttpRequest.newBuilder(BenchService.base(rating).resolve(path))
                    .header("Content-Type", "application/json").header("X-Quidpro-Role", "peer")
                    .header("X-Quidpro-Peer", asker).POST(HttpRequest.BodyPublishers.ofString(json)).build();
            HttpRequest viaGateway = HttpRequest.newBuilder(BenchService.base(gateway).resolve(path))
                    .header("Content-Type", "application/json").header("Authorization", token)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();

            // Both paths warm up first (JIT, pools, caches), so neither is measured colder than the other.
            run(http, direct, Math.max(1, rate / 4), warmup, 1);
            run(http, viaGateway, Math.max(1, rate / 4), warmup, 1);
            Result directResult = run(http, direct, rate, 2, seconds);
            Result gatewayResult = run(http, viaGateway, rate, 2, seconds);
            String report = """
                    # Gateway load

                    Run %s on %d cores: allocation decisions (%d requesters each) at %,d requests/s for %d s, after %d s
                    of warm-up of both paths at a quarter of the rate and 2 s at the full rate, open loop (latency from each request's scheduled time), rating-service and the gateway
                    in one JVM on real PostgreSQL and Kafka (%s), the load driver beside them. Command:
                    `./mvnw -q -pl bench spring-boot:run -Dspring-boot.run.main-class=org.quidpro.bench.gateway.GatewayLoad`.

                    | path | p50 | p99 | p99.9 | errors | ratio p99 to direct |
                    |---|---:|---:|---:|---:|---:|
                    | direct to rating-service (baseline) | %.2f ms | %.2f ms | %.2f ms | %d | 1 |
                    | through the gateway (token verified, rate-limited, circuit breaker, bulkhead) | %.2f ms | %.2f ms | %.2f ms | %d | %.2f |
                    """.formatted(Instant.now(), Runtime.getRuntime().availableProcessors(), requesters, rate, seconds,
                    warmup, RealInfrastructure.mode(), directResult.ms(50), directResult.ms(99), directResult.ms(99.9),
                    directResult.errors(), gatewayResult.ms(50), gatewayResult.ms(99), gatewayResult.ms(99.9),
                    gatewayResult.errors(), gatewayResult.ms(99) / directResult.ms(99));
            Path results = Path.of(System.getProperty("quidpro.bench.results", "bench/results"));
            Files.createDirectories(results);
            Files.writeString(results.resolve("gateway-load.md"), report);
            System.out.println(report);
        }
        System.exit(0); // the embedded broker's threads would keep the JVM alive
    }

    record Result(long[] sorted, int errors) {
        double ms(double percentile) {
            return BenchService.percentileMs(sorted, percentile);
        }
    }

    /** Sends at {@code rate} a second; records the latencies after the warm-up. */
    static Result run(HttpClient http, HttpRequest request, int rate, int warmup, int seconds) throws Exception {
        int total = rate * (warmup + seconds);
        int skip = rate * warmup;
        long[] latencies = new long[total - skip];
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000;
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < scheduled) {
                LockSupport.parkNanos(Math.min(scheduled - now, 200_000));
            }
            int index = i;
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                long latency = System.nanoTime() - scheduled;
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                if (index >= skip) {
                    latencies[index - skip] = latency;
                }
                return null;
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        Arrays.sort(latencies);
        return new Result(latencies, errors.get());
    }
}
