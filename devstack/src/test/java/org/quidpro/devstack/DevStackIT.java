package org.quidpro.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quidpro.contracts.Topics;

/**
 * The README's run command, end to end: real PostgreSQL and Kafka embedded, the five services from
 * their jars, all ready within 90 s, and everything gone after the stop. Ports are shifted so the
 * test can run beside a developer's own stack.
 */
class DevStackIT {

    @Test
    void startsEverythingRealAndReadyThenStopsCleanly(@TempDir Path data) throws Exception {
        Path root = Path.of(System.getProperty("quidpro.devstack.root"));
        var options = DevStackOptions.parse(root, System.getProperty("quidpro.devstack.version"),
                "--data-dir=" + data, "--postgres-port=" + freePort(), "--port-offset=" + freePortOffset(),
                "--ready-timeout=90");
        List<ProcessHandle> processes;
        try (DevStack stack = DevStack.start(options)) {
            Map<String, URI> urls = stack.urls();
            assertThat(urls.keySet()).containsExactly(
                    "gateway", "accounting-service", "rating-service", "index-service", "coalition-service");
            HttpClient http = HttpClient.newHttpClient();
            urls.forEach((module, url) -> assertThat(DevStack.ready(http, url)).as(module + " ready").isTrue());

            var pg = stack.postgres();
            try (var connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                    var schemas = connection.createStatement().executeQuery(
                            "select count(*) from information_schema.schemata where schema_name in "
                                    + "('gateway', 'accounting', 'rating', 'index', 'coalition')")) {
                schemas.next();
                assertThat(schemas.getInt(1)).as("one schema per service, migrated").isEqualTo(5);
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).as("topics created by the services")
                        .containsAll(Topics.ALL.stream().map(t -> t.name()).toList());
            }
            processes = stack.serviceProcesses();
            assertThat(processes).hasSize(5).allMatch(ProcessHandle::isAlive);
        }
        assertThat(processes).as("every service stopped").noneMatch(ProcessHandle::isAlive);
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** An offset that moves 8080..8084 onto five free ports. */
    static int freePortOffset() throws IOException {
        for (int offset = 20000; offset < 40000; offset += 7) {
            if (allFree(offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no five free ports");
    }

    private static boolean allFree(int offset) {
        for (ServiceModule service : ServiceModule.ALL) {
            try (var socket = new ServerSocket(service.port() + offset)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
