package org.quidpro.testkit.infra;

import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL and the one Kafka broker of this JVM, started on first use and stopped when the
 * JVM exits, so Spring's context cache never points at a stopped server.
 *
 * <p>Which servers is decided once per run, not per test: {@code -Dquidpro.infra} or the environment
 * variable {@code QUIDPRO_INFRA} = {@code containers}, {@code embedded} or {@code auto} (the default:
 * containers when a Docker engine answers, embedded otherwise). Both are real servers; the tests are
 * the same on both paths.
 */
public final class RealInfrastructure {

    public enum Mode { CONTAINERS, EMBEDDED }

    static final String POSTGRES_IMAGE = "postgres:18-alpine";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);

    private static Mode mode;
    private static PostgresEndpoint postgres;
    private static KafkaEndpoint kafka;

    private RealInfrastructure() {}

    public static synchronized Mode mode() {
        if (mode == null) {
            String wanted = System.getProperty("quidpro.infra", System.getenv().getOrDefault("QUIDPRO_INFRA", "auto"));
            mode = switch (wanted.toLowerCase(Locale.ROOT)) {
                case "containers" -> Mode.CONTAINERS;
                case "embedded" -> Mode.EMBEDDED;
                case "auto" -> dockerAnswers() ? Mode.CONTAINERS : Mode.EMBEDDED;
                default -> throw new IllegalArgumentException("quidpro.infra is containers, embedded or auto, not " + wanted);
            };
            log.info("Real infrastructure for this run: {}", mode);
        }
        return mode;
    }

    public static synchronized PostgresEndpoint postgres() {
        if (postgres == null) {
            postgres = timed("PostgreSQL", () -> switch (mode()) {
                case CONTAINERS -> {
                    var container = new PostgreSQLContainer(POSTGRES_IMAGE).withCommand("postgres", "-c", "fsync=off",
                            "-c", "max_connections=300");
                    container.start();
                    yield new PostgresEndpoint(container.getJdbcUrl(), container.getUsername(), container.getPassword());
                }
                case EMBEDDED -> EmbeddedPostgresServer.start(0, null, true, false).endpoint();
            });
        }
        return postgres;
    }

    public static synchronized KafkaEndpoint kafka() {
        if (kafka == null) {
            kafka = timed("Kafka", () -> switch (mode()) {
                case CONTAINERS -> {
                    var container = new KafkaContainer(KAFKA_IMAGE).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
                    container.start();
                    yield new KafkaEndpoint(container.getBootstrapServers());
                }
                // Ends with the JVM; the broker's own exit hook removes its log directory.
                case EMBEDDED -> EmbeddedKafkaServer.start(0).endpoint();
            });
        }
        return kafka;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static <T> T timed(String what, Supplier<T> start) {
        long begin = System.nanoTime();
        T endpoint = start.get();
        log.info("{} ({}) ready in {} ms: {}", what, mode(), (System.nanoTime() - begin) / 1_000_000, endpoint);
        return endpoint;
    }
}
