package org.quidpro.testkit.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A quidpro service started from its executable jar in a JVM of its own, on a given PostgreSQL and Kafka: the
 * local run (devstack) starts all five this way, the gateway benchmark the two it measures.
 */
public final class ServiceJar {

    private ServiceJar() {}

    /** The java running this JVM, for the ones it starts. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Starts {@code jar} on {@code port}; its output goes to {@code log} (appended to, or replacing it).
     *
     * @param env more environment (where its upstreams answer), beside the port, database and broker
     * @param args Spring arguments ({@code --name=value})
     */
    public static Process start(Path jar, List<String> jvmOptions, int port, PostgresEndpoint database,
            KafkaEndpoint broker, Map<String, String> env, List<String> args, Path log, boolean appendLog)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", database.username());
        environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        environment.putAll(env);
        return builder.start();
    }

    /** Whether the service at {@code base} answers its readiness probe with UP. */
    public static boolean ready(HttpClient http, URI base) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
