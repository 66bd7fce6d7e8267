package org.quidpro.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chart, linted and rendered by Helm's own library (helm-java), read back as Kubernetes objects. */
class ChartTest {

    static final Path CHART = Path.of("quidpro");
    static final Path PRODUCTION = Path.of("src", "test", "resources", "production-values.yaml");
    static final List<String> SERVICES =
            List.of("gateway", "accounting-service", "rating-service", "index-service", "coalition-service");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The model class of each kind the chart renders; anything else (ServiceMonitor) reads as generic. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment", Deployment.class, "Service", io.fabric8.kubernetes.api.model.Service.class,
            "ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class,
            "ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class, "Secret", io.fabric8.kubernetes.api.model.Secret.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class, "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class, "Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class);

    /** A rendering of the chart: default values, or the production-like file. */
    record Rendering(String name, Path values) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rendering> renderings() {
        return Stream.of(new Rendering("default values", null), new Rendering("production-like values", PRODUCTION));
    }

    static String template(Path values, Map<String, Object> set) {
        var template = new Helm(CHART).template().withName("quidpro").withNamespace("p2p").withKubeVersion("1.31.0");
        if (values != null) {
            template.withValuesFile(values);
        }
        set.forEach(template::set);
        return template.call();
    }

    static List<HasMetadata> render(Path values, Map<String, Object> set) {
        return Arrays.stream(template(values, set).split("(?m)^---\\s*$"))
                .filter(document -> document.lines().anyMatch(line -> line.startsWith("kind:")))
                .<HasMetadata>map(document -> {
                    try {
                        String kind = YAML.readTree(document).path("kind").asText();
                        return YAML.readValue(document, KINDS.getOrDefault(kind, GenericKubernetesResource.class));
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot read rendered manifest:\n" + document, e);
                    }
                })
                .toList();
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static String component(HasMetadata object) {
        return object.getMetadata().getLabels().get("app.kubernetes.io/component");
    }

    @Test
    void lintPasses() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyServiceHasActuatorProbesResourcesAndRunsLockedDown(Rendering rendering) {
        List<Deployment> deployments = ofKind(render(rendering.values(), Map.of()), Deployment.class);

        assertThat(deployments).extracting(ChartTest::component).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Deployment deployment : deployments) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().getFirst();
            String name = component(deployment);
            assertThat(container.getStartupProbe().getHttpGet().getPath()).as(name).isEqualTo("/actuator/health/liveness");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(name).isEqualTo("/actuator/health/readiness");
            assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
            assertThat(container.getImage()).as(name).endsWith("/" + name + ":0.1.0").doesNotContain("nginx");
            assertThat(container.getEnv()).as(name).anySatisfy(env -> {
                assertThat(env.getName()).isEqualTo("SPRING_DATASOURCE_PASSWORD");
                assertThat(env.getValueFrom().getSecretKeyRef()).isNotNull();
            });
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
        }
    }

    @Test
    void productionValuesReachTheContainers() {
        List<HasMetadata> objects = render(PRODUCTION, Map.of());
        Deployment gateway = ofKind(objects, Deployment.class).stream().filter(d -> component(d).equals("gateway"))
                .findFirst().orElseThrow();
        Container container = gateway.getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(container.getImage()).isEqualTo("registry.example.org/quidpro/gateway:0.1.0");
        assertThat(container.getEnv()).extracting(env -> env.getName())
                .contains("SPRING_DATASOURCE_PASSWORD", "QUIDPRO_GATEWAY_SECRET", "QUIDPRO_LOG_FORMAT");
        assertThat(container.getEnv().stream().filter(e -> e.getName().equals("SPRING_DATASOURCE_PASSWORD")).findFirst()
                .orElseThrow().getValueFrom().getSecretKeyRef().getName()).isEqualTo("quidpro-db");
        assertThat(objects).filteredOn(o -> o.getKind().equals("ConfigMap") && component(o).equals("gateway"))
                .singleElement().extracting(o -> ((io.fabric8.kubernetes.api.model.ConfigMap) o).getData())
                .satisfies(data -> assertThat(data).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS",
                        "kafka-0.kafka:9092,kafka-1.kafka:9092,kafka-2.kafka:9092").containsEntry("SPRING_DATASOURCE_URL",
                        "jdbc:postgresql://postgres.databases.svc.cluster.local:5432/quidpro")
                        .hasEntrySatisfying("QUIDPRO_GATEWAY_SERVICES_ACCOUNTING", url -> assertThat(url)
                                .endsWith("-accounting-service"))
                        .containsKeys("QUIDPRO_GATEWAY_SERVICES_RATING", "QUIDPRO_GATEWAY_SERVICES_INDEX",
                                "QUIDPRO_GATEWAY_SERVICES_COALITION"));
        assertThat(objects).filteredOn(o -> o.getKind().equals("ConfigMap") && component(o).equals("coalition-service"))
                .singleElement().extracting(o -> ((io.fabric8.kubernetes.api.model.ConfigMap) o).getData())
                .as("the coalition service finds the index and rating services by their Service names")
                .satisfies(data -> assertThat(data).containsKeys("QUIDPRO_COALITION_INDEX_URL", "QUIDPRO_COALITION_RATING_URL")
                        .hasEntrySatisfying("QUIDPRO_COALITION_INDEX_URL", url -> assertThat(url).endsWith("-index-service")));
        assertThat(objects).filteredOn(o -> o.getKind().equals("Ingress")).singleElement();
        assertThat(objects).filteredOn(o -> o.getKind().equals("ServiceMonitor")).hasSize(5);
        assertThat(objects).filteredOn(o -> o.getKind().equals("Secret")).as("secrets are the operator's").isEmpty();
    }

    @Test
    void aServiceMayNameItsOwnImage() {
        List<Deployment> deployments = ofKind(render(null, Map.of(
                "services.rating-service.image.repository", "mirror.example.org/rating",
                "services.index-service.image.tag", "0.1.1")), Deployment.class);

        assertThat(deployments).extracting(d -> component(d) + "=" + d.getSpec().getTemplate().getSpec().getContainers()
                .getFirst().getImage()).contains("rating-service=mirror.example.org/rating:0.1.0",
                        "index-service=ghcr.io/quidpro/index-service:0.1.1", "gateway=ghcr.io/quidpro/gateway:0.1.0");
    }

    @Test
    void hpasAndPdbsFollowTheirSwitches() {
        List<HasMetadata> defaults = render(null, Map.of());
        List<HasMetadata> switched = render(null, Map.of("services.rating-service.autoscaling.enabled", true,
                "services.gateway.pdb.enabled", false));

        assertThat(ofKind(defaults, HorizontalPodAutoscaler.class)).extracting(ChartTest::component)
                .containsExactlyInAnyOrder("gateway", "accounting-service", "index-service", "coalition-service");
        assertThat(ofKind(defaults, PodDisruptionBudget.class)).extracting(ChartTest::component)
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(ofKind(switched, HorizontalPodAutoscaler.class)).extracting(ChartTest::component).contains("rating-service");
        assertThat(ofKind(switched, PodDisruptionBudget.class)).extracting(ChartTest::component).doesNotContain("gateway");
        assertThat(ofKind(defaults, Deployment.class)).filteredOn(d -> component(d).equals("rating-service"))
                .singleElement().satisfies(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(2));
        assertThat(ofKind(defaults, Deployment.class)).filteredOn(d -> component(d).equals("gateway"))
                .singleElement().satisfies(d -> assertThat(d.getSpec().getReplicas()).as("the HPA owns it").isNull());
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void onlyTheGatewayIsReachableAndServicesAdmitTheGatewayAndPrometheus(Rendering rendering) {
        List<NetworkPolicy> policies = ofKind(render(rendering.values(), Map.of()), NetworkPolicy.class);

        assertThat(policies).extracting(ChartTest::component).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (NetworkPolicy policy : policies) {
            String name = component(policy);
            assertThat(policy.getSpec().getPolicyTypes()).as(name).containsExactly("Ingress");
            assertThat(policy.getSpec().getIngress()).as(name).hasSize(1);
            List<NetworkPolicyPeer> from = policy.getSpec().getIngress().getFirst().getFrom();
            if (name.equals("gateway")) {
                assertThat(from).as("the gateway admits every client").isNullOrEmpty();
                continue;
            }
            List<String> admittedComponents = from.stream().filter(peer -> peer.getNamespaceSelector() == null)
                    .map(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component")).toList();
            List<String> expected = switch (name) {
                case "index-service", "rating-service" -> List.of("gateway", "coalition-service");
                default -> List.of("gateway");
            };
            assertThat(admittedComponents).as(name).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(from).filteredOn(peer -> peer.getNamespaceSelector() != null)
                    .as(name + " admits Prometheus from its namespace").singleElement().satisfies(peer -> {
                assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring");
                assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "prometheus");
            });
        }
    }

    @Test
    void aMisspeltValueFailsSchemaValidation() {
        assertThatThrownBy(() -> template(Path.of("src", "test", "resources", "misspelt-values.yaml"), Map.of()))
                .hasMessageContaining("bootstrapServer");
        assertThatThrownBy(() -> template(null, Map.of("services.gateway.replicaCount", 0)))
                .hasMessageContaining("replicaCount");
    }

    @Test
    void noHelmCreateLeftovers() {
        String rendered = template(null, Map.of());

        assertThat(rendered).doesNotContain("nginx", "path: /\n", "resources: {}", "example.local", "chart-example");
        assertThat(rendered).contains("app.kubernetes.io/managed-by: Helm", "helm.sh/chart: quidpro-0.1.0");
    }

    @Test
    void everyValueIsDocumentedWithAParamComment() throws Exception {
        String values = java.nio.file.Files.readString(CHART.resolve("values.yaml"));
        List<String> params = values.lines().map(String::strip).filter(line -> line.startsWith("## @param "))
                .map(line -> line.substring("## @param ".length()).split(" ", 2)[0]).toList();
        List<String> leaves = new java.util.ArrayList<>();
        leaves(YAML.readTree(values), "", leaves);

        assertThat(leaves).isNotEmpty().allSatisfy(path -> assertThat(params)
                .as("a ## @param for " + path).anyMatch(param -> path.equals(param) || path.startsWith(param + ".")));
        assertThat(params).allSatisfy(param -> assertThat(leaves)
                .as("@param " + param + " names a value").anyMatch(path -> path.equals(param) || path.startsWith(param + ".")));
    }

    private static void leaves(com.fasterxml.jackson.databind.JsonNode node, String path, List<String> out) {
        if (node.isObject() && !node.isEmpty()) {
            node.properties().forEach(e -> leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        } else {
            out.add(path);
        }
    }
}
