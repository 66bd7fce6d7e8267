package org.quidpro.bench.gateway;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.quidpro.bench.BenchService;
import org.quidpro.bench.ServiceProcess;
import org.quidpro.gateway.auth.Tokens;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.quidpro.testkit.infra.ServiceJar;
import org.quidpro.testkit.peer.PeerIds;

/**
 * Allocation decisions through the gateway against the same decisions asked of rating-service directly,
 * in the same run, at fixed arrival rates. Each part runs as deployed, in a JVM of its own: rating-service
 * and the gateway from their executable jars ({@link ServiceProcess}) with the deployment's JVM options, the
 * open-loop {@link LoadDriver} in a third; this JVM only holds the embedded PostgreSQL's supervisor and the
 * embedded Kafka broker. Through the gateway the peer presents an ES256 bearer token, which the gateway
 * verifies, rate-limits and turns into identity headers before its circuit breaker and bulkhead forward
 * the call.
 *
 * <p>Arguments: {@code rates=500,1000,2000 seconds=15 warmup=40 requesters=20},
 * {@code jvm="<options of both services>"} (default the Dockerfile's, {@link #DEPLOYED_JVM}),
 * {@code gateway-jvm="<more options of the gateway only>"}, and any
 * {@code --property=value} for the gateway (to compare its settings in one command).
 */
public final class GatewayLoad {

    /** The JVM options of docker/Dockerfile and the Helm chart's javaToolOptions. */
    static final String DEPLOYED_JVM = "-XX:+UseParallelGC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError";
    /** The driver is the measuring instrument, not the system measured: a collector that pauses under 1 ms. */
    static final List<String> DRIVER_JVM = List.of("-XX:+UseZGC", "-Xms1g", "-Xmx1g");

    public static void main(String[] args) throws Exception {
        List<Integer> rates = Arrays.stream(BenchService.stringArg(args, "rates", "2000").split(","))
                .map(Integer::valueOf).toList();
        int seconds = BenchService.intArg(args, "seconds", 15);
        int warmup = BenchService.intArg(args, "warmup", 40);
        int requesters = BenchService.intArg(args, "requesters", 20);
        String jvm = BenchService.stringArg(args, "jvm", DEPLOYED_JVM);
        List<String> jvmOptions = List.of(jvm.strip().split("\\s+"));
        List<String> gatewayJvm = new ArrayList<>(jvmOptions);
        String gatewayExtra = BenchService.stringArg(args, "gateway-jvm", "");
        if (!gatewayExtra.isBlank()) {
            gatewayJvm.addAll(List.of(gatewayExtra.strip().split("\\s+")));
        }
        String jwk = new ECKeyGenerator(Curve.P_256).generate().toJSONString();
        Map<Integer, Map<String, long[]>> results = new LinkedHashMap<>();
        try (ServiceProcess rating = ServiceProcess.start("rating-service", jvmOptions);
                ServiceProcess gateway = ServiceProcess.start("gateway", gatewayJvm, gatewayArgs(args, rating, jwk))) {
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
            String path = "/v1/communities/" + community + "/allocations";
            String token = new Tokens(jwk, "quidpro-gateway", Duration.ofHours(1)).issue(asker, Instant.now()).token();
            Properties plan = new Properties();
            plan.setProperty("seconds", Integer.toString(seconds));
            plan.setProperty("warmup", Integer.toString(warmup));
            plan.setProperty("body", body.append("]}").toString());
            plan.setProperty("targets", "direct,gateway");
            plan.setProperty("direct.url", rating.base().resolve(path).toString());
            plan.setProperty("direct.headers", "Content-Type: application/json|X-Quidpro-Role: peer|X-Quidpro-Peer: " + asker);
            plan.setProperty("gateway.url", gateway.base().resolve(path).toString());
            plan.setProperty("gateway.headers", "Content-Type: application/json|Authorization: Bearer " + token);
            for (int rate : rates) {
                plan.setProperty("rate", Integer.toString(rate));
                results.put(rate, drive(plan));
            }
        }
        String report = report(rates, seconds, warmup, requesters, jvm, results);
        Path out = BenchService.results();
        Files.writeString(out.resolve("gateway-load.md"), report);
        System.out.println(report);
        System.exit(0); // the embedded broker's threads would keep the JVM alive
    }

    private static String[] gatewayArgs(String[] args, ServiceProcess rating, String jwk) {
        List<String> gateway = new ArrayList<>(List.of("--quidpro.gateway.services.rating=" + rating.base(),
                "--quidpro.gateway.token.key=" + jwk, "--quidpro.gateway.rate-limit.peer-per-second=1000000",
                "--quidpro.gateway.rate-limit.ip-per-second=1000000"));
        Arrays.stream(args).filter(a -> a.startsWith("--")).forEach(gateway::add);
        return gateway.toArray(String[]::new);
    }

    /** Runs the driver in its own JVM on the plan; its figures by target. */
    private static Map<String, long[]> drive(Properties plan) throws Exception {
        Path file = Files.createTempFile("gateway-load-", ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            plan.store(out, null);
        }
        List<String> command = new ArrayList<>();
        command.add(ServiceJar.java());
        command.addAll(DRIVER_JVM);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadDriver.class.getName(), file.toString()));
        Process driver = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, long[]> figures = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(driver.getInputStream()))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.split(" ");
                    figures.put(parts[1], Arrays.stream(parts, 2, parts.length).mapToLong(Long::parseLong).toArray());
                } else {
                    System.out.println("driver: " + line);
                }
            }
        }
        if (driver.waitFor() != 0 || figures.size() != 2) {
            throw new IllegalStateException("the load driver failed (exit " + driver.exitValue() + ")");
        }
        return figures;
    }

    private static String report(List<Integer> rates, int seconds, int warmup, int requesters, String jvm,
            Map<Integer, Map<String, long[]>> results) {
        StringBuilder table = new StringBuilder();
        for (var entry : results.entrySet()) {
            long[] direct = entry.getValue().get("direct");
            long[] gateway = entry.getValue().get("gateway");
            table.append("| %,d/s | %.2f / %.2f / %.2f ms | %d | %.2f / %.2f / %.2f ms | %d | %.2f |%n".formatted(
                    entry.getKey(), ms(direct[0]), ms(direct[1]), ms(direct[2]), direct[4], ms(gateway[0]), ms(gateway[1]),
                    ms(gateway[2]), gateway[4], (double) gateway[1] / direct[1]));
        }
        return """
                # Gateway load

                Run %s on %d cores: allocation decisions (%d requesters each), open loop (latency from each
                request's scheduled time), %d s measured per path and rate right after %d s of warm-up of that path at
                that rate, in one unbroken stream. rating-service and the gateway each in its own JVM from
                its executable jar with `%s`, the load driver in a third JVM, on real PostgreSQL and Kafka (%s); all
                of it on the same cores. Command:
                `./mvnw -q -pl bench spring-boot:run -Dspring-boot.run.main-class=org.quidpro.bench.gateway.GatewayLoad -Dspring-boot.run.arguments="rates=%s"`.

                | rate | direct to rating-service (baseline) p50 / p99 / p99.9 | errors | through the gateway (token verified, rate-limited, circuit breaker, bulkhead) p50 / p99 / p99.9 | errors | p99 gateway / direct |
                |---:|---:|---:|---:|---:|---:|
                %s""".formatted(Instant.now(), Runtime.getRuntime().availableProcessors(), requesters, seconds, warmup, jvm,
                RealInfrastructure.mode(), rates.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow(),
                table);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
