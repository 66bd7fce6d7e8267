package org.quidpro.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.quidpro.testkit.infra.ServiceJar;

/**
 * One service as it is deployed: its executable jar ({@code <module>/target/<module>-*-exec.jar}, built by
 * {@code ./mvnw install}) in a JVM of its own with the given JVM options, on this run's real PostgreSQL and
 * Kafka. Load figures of services sharing the driver's JVM mix the driver's (and the embedded broker's)
 * garbage collection into the services' latency; a JVM per service does not.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String module;
    private final Process process;
    private final URI base;
    private final Path log;

    private ServiceProcess(String module, Process process, URI base, Path log) {
        this.module = module;
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts the module's jar and waits until its readiness probe answers.
     *
     * @param jvmOptions e.g. the Dockerfile's {@code -XX:MaxRAMPercentage=75}, a collector choice
     * @param args Spring arguments ({@code --name=value}) beside the port and the infrastructure
     */
    public static ServiceProcess start(String module, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        Path jar = executableJar(module);
        int port = freePort();
        Path log = Files.createTempFile(module + "-", ".log");
        List<String> springArgs = new ArrayList<>(List.of("--logging.level.root=WARN",
                "--logging.structured.format.console="));
        springArgs.addAll(List.of(args));
        Process process = ServiceJar.start(jar, jvmOptions, port, RealInfrastructure.postgres(),
                RealInfrastructure.kafka(), Map.of(), springArgs, log, false);
        ServiceProcess service = new ServiceProcess(module, process, URI.create("http://localhost:" + port), log);
        service.awaitReady(Duration.ofMinutes(3));
        return service;
    }

    public URI base() {
        return base;
    }

    private void awaitReady(Duration within) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; its output: " + log);
            }
            if (ServiceJar.ready(http, base)) {
                return;
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException(module + " not ready within " + within + "; its output: " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static Path executableJar(String module) throws IOException {
        // From the repository's root, or from bench/ (where spring-boot:run -pl bench starts).
        for (Path target : List.of(Path.of(module, "target"), Path.of("..", module, "target"))) {
            if (!Files.isDirectory(target)) {
                continue;
            }
            try (Stream<Path> jars = Files.list(target)) {
                var found = jars.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IllegalStateException("no " + module + "/target/*-exec.jar under " + Path.of("").toAbsolutePath()
                + " or its parent: build first (./mvnw -q install -DskipTests)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
