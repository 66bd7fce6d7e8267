package org.quidpro.testkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.quidpro.testkit.arch.ArchitectureRules;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every quidpro service promises operators, checked on the running service against the real
 * PostgreSQL and Kafka: probes, metrics, a closed actuator, OpenAPI, its own migrated schema,
 * problem+json errors, and domain code free of frameworks. A service's test extends this class.
 */
@ServiceIntegrationTest
public abstract class ServiceConformance {

    private final String servicePackage;
    private final String schema;
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    protected ServiceConformance(String servicePackage, String schema) {
        this.servicePackage = servicePackage;
        this.schema = schema;
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void livenessAndReadinessProbesAreUp() throws Exception {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = get(probe);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(response.body()).as(probe).contains("\"status\":\"UP\"");
        }
    }

    /** Tomcat's default closes a connection after 100 requests; a pooled caller would reconnect that often. */
    @Test
    void aKeptAliveConnectionServesMoreThanAHundredRequests() throws Exception {
        byte[] request = ("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (var socket = new java.net.Socket("localhost", port)) {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 1; i <= 150; i++) {
                socket.getOutputStream().write(request);
                assertThat(in.readLine()).as("answer %d", i).startsWith("HTTP/1.1 200");
                int length = -1;
                for (String header; !(header = in.readLine()).isEmpty(); ) {
                    assertThat(header).as("answer %d", i).doesNotContainIgnoringCase("connection: close");
                    if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(header.substring(15).strip());
                    }
                }
                if (length >= 0) {
                    assertThat(in.skip(length)).isEqualTo(length);
                } else { // chunked
                    for (int size; (size = Integer.parseInt(in.readLine().strip(), 16)) > 0; in.readLine()) {
                        assertThat(in.skip(size)).isEqualTo(size);
                    }
                    assertThat(in.readLine()).isEmpty();
                }
            }
        }
    }

    @Test
    void readinessDependsOnTheDatabase() {
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include")).contains("db");
    }

    @Test
    void prometheusMetricsAreExposedAndTaggedWithTheService() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes")
                .contains("service=\"" + environment.getProperty("spring.application.name") + "\"");
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() throws Exception {
        assertThat(get("/actuator").body()).contains("/actuator/health", "/actuator/info", "/actuator/prometheus")
                .doesNotContain("/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump");
        for (String hidden : new String[] {"/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/loggers"}) {
            assertThat(get(hidden).statusCode()).as(hidden).isEqualTo(404);
        }
    }

    @Test
    void openApiDescribesTheService() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"openapi\":\"3.");
    }

    @Test
    void flywayMigratedTheServicesOwnSchema() {
        assertThat(jdbc.sql("select current_schema()").query(String.class).single()).isEqualTo(schema);
        assertThat(jdbc.sql("""
                select table_name from information_schema.tables
                where table_schema = :schema and table_name in ('flyway_schema_history', 'outbox_event', 'processed_event')""")
                .param("schema", schema).query(String.class).list())
                .containsExactlyInAnyOrder("flyway_schema_history", "outbox_event", "processed_event");
        assertThat(jdbc.sql("select count(*) from " + schema + ".flyway_schema_history where not success")
                .query(Long.class).single()).isZero();
    }

    @Test
    void errorsAreProblemJson() throws Exception {
        HttpResponse<String> response = get("/no/such/resource");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void openSessionInViewIsOffAndLogsAreStructured() {
        assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("false");
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void domainCodeIsFreeOfFrameworks() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        assertThat(classes).as("the service's classes were found").isNotEmpty();
        ArchitectureRules.domainIsFrameworkFree(servicePackage).check(classes);
    }
}
