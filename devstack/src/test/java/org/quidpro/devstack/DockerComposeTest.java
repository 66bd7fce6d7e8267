package org.quidpro.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is read: every service module of
 * the reactor has a compose service built from the one Dockerfile, on its port, wired to PostgreSQL
 * and Kafka by environment, with a readiness healthcheck, a memory limit, and dependencies on the
 * infrastructure only.
 */
class DockerComposeTest {

    static final Path ROOT = Path.of(System.getProperty("quidpro.devstack.root", "..")).toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String key) {
        assertThat(node).as("a mapping holding " + key).isInstanceOf(Map.class);
        Object value = ((Map<String, Object>) node).get(key);
        assertThat(value).as(key).isNotNull();
        return (Map<String, Object>) value;
    }

    static Object value(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            assertThat(current).as("a mapping holding " + key).isInstanceOf(Map.class);
            current = ((Map<?, ?>) current).get(key);
            assertThat(current).as(String.join(".", path)).isNotNull();
        }
        return current;
    }

    Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return map(compose, "services");
    }

    /** The reactor's runnable modules: those with an application.yml. */
    static List<String> runnableModules() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        return Pattern.compile("<module>([^<]+)</module>").matcher(pom).results().map(m -> m.group(1))
                .filter(module -> Files.exists(ROOT.resolve(module).resolve("src/main/resources/application.yml")))
                .toList();
    }

    @Test
    void everyRunnableModuleIsAComposeServiceAndTheLocalRunKnowsIt() throws IOException {
        List<String> modules = runnableModules();

        assertThat(modules).hasSize(5);
        assertThat(services().keySet()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Stream.of("postgres", "kafka"), modules.stream()).toList());
        assertThat(ServiceModule.ALL).extracting(ServiceModule::module).containsExactlyInAnyOrderElementsOf(modules);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceIsBuiltRunWiredAndCheckedTheSameWay() throws IOException {
        Map<String, Object> services = services();
        for (ServiceModule module : ServiceModule.ALL) {
            Object service = services.get(module.module());
            String name = module.module();

            assertThat(value(service, "build", "dockerfile")).as(name).isEqualTo("docker/Dockerfile");
            assertThat(value(service, "build", "args", "MODULE")).as(name).isEqualTo(name);
            assertThat((List<Object>) value(service, "ports")).as(name).containsExactly(module.port() + ":8080");
            assertThat(value(service, "environment", "SERVER_PORT")).as(name).isEqualTo("8080");
            assertThat((String) value(service, "environment", "SPRING_DATASOURCE_URL")).as(name)
                    .startsWith("jdbc:postgresql://postgres:5432/");
            assertThat(value(service, "environment", "SPRING_KAFKA_BOOTSTRAP_SERVERS")).as(name).isEqualTo("kafka:9092");
            if (name.equals("gateway")) {
                for (ServiceModule routed : ServiceModule.ALL.subList(1, ServiceModule.ALL.size())) {
                    String target = routed.module().replace("-service", "").toUpperCase(java.util.Locale.ROOT);
                    assertThat(value(service, "environment", "QUIDPRO_GATEWAY_SERVICES_" + target))
                            .isEqualTo("http://" + routed.module() + ":8080");
                }
            }
            if (name.equals("coalition-service")) {
                assertThat(value(service, "environment", "QUIDPRO_COALITION_INDEX_URL")).isEqualTo("http://index-service:8080");
                assertThat(value(service, "environment", "QUIDPRO_COALITION_RATING_URL")).isEqualTo("http://rating-service:8080");
            }
            assertThat(value(service, "healthcheck", "test").toString()).as(name)
                    .contains("localhost/8080", "/actuator/health/readiness");
            assertThat(map(service, "depends_on")).as(name + " depends on infrastructure only")
                    .containsOnlyKeys("postgres", "kafka")
                    .allSatisfy((dependency, condition) -> assertThat(condition)
                            .isEqualTo(Map.of("condition", "service_healthy")));
            assertThat(value(service, "deploy", "resources", "limits", "memory")).as(name).isNotNull();
        }
    }

    @Test
    void infrastructureIsTheOfficialImagesWithHealthchecksAndLimits() throws IOException {
        Map<String, Object> services = services();

        assertThat((String) value(services, "postgres", "image")).startsWith("postgres:");
        assertThat((String) value(services, "kafka", "image")).startsWith("apache/kafka:");
        assertThat((String) value(services, "kafka", "environment", "KAFKA_PROCESS_ROLES")).contains("controller");
        for (String infrastructure : List.of("postgres", "kafka")) {
            assertThat(value(services, infrastructure, "healthcheck", "test")).as(infrastructure).isNotNull();
            assertThat(value(services, infrastructure, "deploy", "resources", "limits", "memory")).as(infrastructure)
                    .isNotNull();
        }
    }

    @Test
    void theDockerfileBuildsLayersAndRunsAsNonRoot() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));

        assertThat(dockerfile).contains("ARG MODULE", "-Djarmode=tools", "extract --layers",
                "COPY --from=build /layers/dependencies/", "COPY --from=build /layers/application/")
                .containsPattern("(?m)^USER 10001");
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("target/");
    }
}
