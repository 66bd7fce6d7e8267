package org.quidpro.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.quidpro.testkit.infra.EmbeddedKafkaServer;
import org.quidpro.testkit.infra.EmbeddedPostgresServer;
import org.quidpro.testkit.infra.KafkaEndpoint;
import org.quidpro.testkit.infra.PostgresEndpoint;
import org.quidpro.testkit.infra.ServiceJar;
import sun.misc.Signal;

/**
 * The local run, no Docker: a real PostgreSQL from packaged binaries and a real KRaft broker start
 * embedded in this JVM, then every service runs from its executable jar as a child JVM on the same
 * JDK, on fixed ports. Ctrl-C stops the services gracefully, then the broker and the database.
 */
public final class DevStack implements AutoCloseable {

    private final DevStackOptions options;
    private final List<Running> services = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaServer kafka;

    record Running(ServiceModule service, Process process, Path log, URI url) {}

    private DevStack(DevStackOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("quidpro.devstack.root", ".")).toAbsolutePath().normalize();
        String version = System.getProperty("quidpro.devstack.version", "0.1.0-SNAPSHOT");
        DevStackOptions options;
        try {
            options = DevStackOptions.parse(root, version, args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        DevStack stack = new DevStack(options);
        // Stop in order on Ctrl-C or SIGTERM, before the JVM's exit hooks run: the broker's own hook
        // deletes its log directory and must not race a broker that is still running.
        for (String signal : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(signal), received -> {
                System.out.println("\n[devstack] stopping");
                stack.close();
                System.exit(0);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("devstack: " + e.getMessage());
            stack.close();
            System.exit(1);
        }
        stack.printUrls();
        if (options.simulate() != null) {
            try {
                stack.simulate(options.simulate());
            } catch (RuntimeException | LinkageError e) {
                System.err.println("devstack: the simulation failed: " + e);
                stack.close();
                System.exit(1);
            }
        }
        if (options.exitWhenReady()) {
            stack.close();
            System.exit(0);
        }
        System.out.println("Press Ctrl-C to stop.");
        new CountDownLatch(1).await();
    }

    /** Starts everything and waits until every service reports ready; throws if one does not. */
    public static DevStack start(DevStackOptions options) {
        DevStack stack = new DevStack(options);
        try {
            stack.start();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void start() {
        long begin = System.nanoTime();
        for (ServiceModule service : ServiceModule.ALL) {
            if (!Files.isRegularFile(options.jar(service))) {
                throw new IllegalStateException("no jar at " + options.jar(service)
                        + "; build first: ./mvnw -q install -DskipTests");
            }
        }
        Path logs = options.dataDirectory().resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log("PostgreSQL  starting on port %d, data in %s%s", options.postgresPort(),
                options.dataDirectory().resolve("postgres"), options.fresh() ? " (fresh)" : " (kept)");
        postgres = EmbeddedPostgresServer.start(options.postgresPort(), options.dataDirectory().resolve("postgres"),
                options.fresh(), true);
        log("Kafka       starting a KRaft broker");
        kafka = EmbeddedKafkaServer.start(0);
        log("Kafka       ready at %s", kafka.endpoint().bootstrapServers());
        for (ServiceModule service : ServiceModule.ALL) {
            services.add(launch(service, postgres.endpoint(), kafka.endpoint(), logs.resolve(service.module() + ".log")));
        }
        awaitReady();
        log("All %d services ready in %.1f s", services.size(), (System.nanoTime() - begin) / 1e9);
    }

    private Running launch(ServiceModule service, PostgresEndpoint db, KafkaEndpoint broker, Path log) {
        int port = options.port(service);
        // Where the services that call others find them (the coalition service asks index and rating; the
        // gateway routes to all).
        Map<String, String> env = new LinkedHashMap<>();
        for (ServiceModule other : ServiceModule.ALL) {
            switch (other.module()) {
                case "index-service" -> env.put("QUIDPRO_COALITION_INDEX_URL", "http://localhost:" + options.port(other));
                case "rating-service" -> env.put("QUIDPRO_COALITION_RATING_URL", "http://localhost:" + options.port(other));
                default -> { }
            }
            if (!other.module().equals("gateway")) { // the gateway routes to every service
                env.put("QUIDPRO_GATEWAY_SERVICES_" + other.module().replace("-service", "").toUpperCase(Locale.ROOT),
                        "http://localhost:" + options.port(other));
            }
        }
        try {
            // Five JVMs start at once on a small machine: C1 only and a serial collector cut start-up CPU
            // by about a third, which matters more to a developer's run than peak throughput.
            Process process = ServiceJar.start(options.jar(service),
                    List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), port, db, broker, env, List.of(),
                    log, !options.fresh());
            log("%-18s starting on port %d (pid %d), log %s", service.module(), port, process.pid(), log);
            return new Running(service, process, log, URI.create("http://localhost:" + port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.module(), e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + options.readyTimeout().toNanos();
        List<Running> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext();) {
                Running service = it.next();
                if (!service.process().isAlive()) {
                    throw new IllegalStateException(service.service().module() + " exited with code "
                            + service.process().exitValue() + "; see " + service.log());
                }
                if (ServiceJar.ready(http, service.url())) {
                    log("%-18s ready", service.service().module());
                    it.remove();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready within " + options.readyTimeout().toSeconds() + " s: "
                        + waiting.stream().map(r -> r.service().module() + " (log " + r.log() + ")").toList());
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /** Runs a simulator scenario against the running gateway and prints its summary and report's place. */
    private void simulate(String scenario) {
        Path report = options.dataDirectory().resolve("simulation").resolve(Path.of(scenario).getFileName().toString()
                .replaceFirst("\\.ya?ml$", ""));
        log("Simulating %s through the gateway", scenario);
        var result = org.quidpro.simulator.Simulator.run(org.quidpro.simulator.scenario.Scenario.load(scenario),
                urls().get("gateway"), "local-operator-key", report, true);
        System.out.println(org.quidpro.simulator.report.Report.summary(result.simulation(), result.checks()));
        log("Simulation report: %s", result.report().toAbsolutePath());
    }

    /** Every service's base URL, by module name. */
    public Map<String, URI> urls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        services.forEach(r -> urls.put(r.service().module(), r.url()));
        return urls;
    }

    public PostgresEndpoint postgres() {
        return postgres.endpoint();
    }

    public KafkaEndpoint kafka() {
        return kafka.endpoint();
    }

    public List<ProcessHandle> serviceProcesses() {
        return services.stream().map(r -> r.process().toHandle()).toList();
    }

    private void printUrls() {
        System.out.println();
        System.out.println("quidpro is running:");
        urls().forEach((module, url) -> System.out.printf("  %-18s %s   (OpenAPI: %s/swagger-ui.html)%n", module, url, url));
        System.out.printf("  %-18s %s (user %s)%n", "PostgreSQL", postgres.endpoint().jdbcUrl(), postgres.endpoint().username());
        System.out.printf("  %-18s %s%n", "Kafka", kafka.endpoint().bootstrapServers());
        System.out.printf("  %-18s %s%n", "logs", options.dataDirectory().resolve("logs"));
    }

    /** Stops the services gracefully (SIGTERM, then a kill after 30 s), then the broker and the database. */
    @Override
    public synchronized void close() {
        services.forEach(r -> r.process().destroy());
        for (Running service : services) {
            try {
                if (!service.process().waitFor(30, TimeUnit.SECONDS)) {
                    service.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                service.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[devstack] " + format + "%n", args);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
