package org.quidpro.testkit.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server from the binaries packaged on Maven Central (zonky), started without
 * Docker. It runs as root through a user namespace.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param port fixed port, or 0 for any free one
     * @param dataDirectory where the cluster lives, or {@code null} for a temporary directory
     * @param fresh wipe the data directory first
     * @param durable keep fsync on; tests turn it off for speed, the local run keeps it
     */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory, boolean fresh, boolean durable) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setRegisterShutdownHook(true);
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(fresh);
            }
            if (!durable) {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public PostgresEndpoint endpoint() {
        return new PostgresEndpoint(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
