package org.quidpro.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.quidpro.testkit.infra.PostgresEndpoint;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts one service in this JVM on the real PostgreSQL and Kafka, with its own {@code application.yml}:
 * the bench's class path holds several services' jars, each with an {@code application.yml}, so the file
 * is read from the service's own jar (or classes directory) rather than from whichever comes first.
 */
public final class BenchService {

    private BenchService() {}

    public static ConfigurableApplicationContext start(Class<?> application, String... args) throws IOException {
        PostgresEndpoint postgres = RealInfrastructure.postgres();
        List<String> serviceArgs = new ArrayList<>(List.of(
                "--spring.config.location=file:" + ownConfig(application),
                "--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(), "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + RealInfrastructure.kafka().bootstrapServers(),
                "--logging.level.root=WARN", "--logging.structured.format.console="));
        // Arguments starting with -- go to the service, to compare settings in one command.
        Arrays.stream(args).filter(a -> a.startsWith("--")).forEach(serviceArgs::add);
        return new SpringApplicationBuilder(application).run(serviceArgs.toArray(String[]::new));
    }

    public static java.net.URI base(ConfigurableApplicationContext service) {
        return java.net.URI.create("http://localhost:" + service.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static Path ownConfig(Class<?> application) throws IOException {
        Path location;
        try {
            location = Path.of(application.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path copy = Files.createTempFile(application.getSimpleName(), ".yml");
        copy.toFile().deleteOnExit();
        if (Files.isDirectory(location)) {
            Files.copy(location.resolve("application.yml"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            try (JarFile jar = new JarFile(location.toFile());
                    InputStream in = jar.getInputStream(jar.getEntry("application.yml"))) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return copy;
    }

    /**
     * Where results are written: {@code -Dquidpro.bench.results}, else {@code bench/results} of the repository,
     * whether the benchmark runs from the repository's root or from {@code bench/} (as spring-boot:run does).
     */
    public static Path results() throws IOException {
        String chosen = System.getProperty("quidpro.bench.results");
        Path results = chosen != null ? Path.of(chosen)
                : Files.isDirectory(Path.of("bench", "src")) ? Path.of("bench", "results") : Path.of("results");
        Files.createDirectories(results);
        return results;
    }

    /** The {@code percentile}th of values sorted ascending (nearest rank). */
    public static long percentile(long[] sorted, double percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100 * sorted.length) - 1)];
    }

    /** The {@code percentile}th of nanosecond latencies sorted ascending, in milliseconds (nearest rank). */
    public static double percentileMs(long[] sortedNanos, double percentile) {
        return percentile(sortedNanos, percentile) / 1e6;
    }

    /** A {@code name=value} argument of a benchmark, or {@code fallback}. */
    public static String stringArg(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return fallback;
    }

    public static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }
}
