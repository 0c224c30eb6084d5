package org.toxwatch.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toxwatch.deploy.k8s.ServiceConfig.Consumption;

/**
 * What each overlay runs agrees with what the services are: the ports, consumer groups, topics and commit intervals
 * of their application.properties, SmallRye Health's endpoints, the dose-advisor's single instance, and the rules of
 * issue 8 (labels, requests and limits, disruption budgets, network policies, no committed secret, one autoscaler).
 */
class WorkloadsTest {

    private static final Set<String> SECRETS_OPS_CREATE = Set.of("toxwatch-lab-ingest-db", "toxwatch-toxicity-grader-db",
            "toxwatch-dose-advisor-db", "toxwatch-ward-dashboard-db", "toxwatch-jwt-public-key", "toxwatch-kafka-client");
    private static final Map<String, String> PROBES = Map.of("startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready");

    static List<String> overlays() {
        return Kustomize.overlayNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void eachServiceHasItsDeploymentServiceAccountServiceDisruptionBudgetAndIngressPolicy(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        assertThat(m.ofKind("Deployment")).extracting(Manifests::name)
                .containsExactlyInAnyOrderElementsOf(ServiceConfig.SERVICES);
        for (String service : ServiceConfig.SERVICES) {
            Map<String, String> podLabels = labels(m.get("Deployment", service).at("/spec/template/metadata/labels"));
            assertSelects(m.get("Service", service).at("/spec/selector"), podLabels, "Service " + service);
            assertSelects(m.get("PodDisruptionBudget", service).at("/spec/selector/matchLabels"), podLabels,
                    "PodDisruptionBudget " + service);
            ObjectNode policy = m.get("NetworkPolicy", service);
            assertSelects(policy.at("/spec/podSelector/matchLabels"), podLabels, "NetworkPolicy " + service);
            assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress");
            assertThat(m.get("Deployment", service).at("/spec/template/spec/serviceAccountName").asText())
                    .isEqualTo(service);
            assertThat(m.find("ServiceAccount", service)).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void nothingMovesInTheNamespaceThatNoPolicyAllows(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        ObjectNode deny = m.get("NetworkPolicy", "default-deny");
        assertThat(deny.at("/spec/podSelector").size()).as("default-deny selects every pod").isZero();
        assertThat(deny.at("/spec/policyTypes").toString()).contains("Ingress").contains("Egress");
        assertThat(deny.at("/spec/ingress").isMissingNode() && deny.at("/spec/egress").isMissingNode()).isTrue();
        assertThat(egressPorts(m.get("NetworkPolicy", "allow-dns"))).containsExactlyInAnyOrder("UDP/53", "TCP/53");
        assertThat(egressPorts(m.get("NetworkPolicy", "allow-kafka"))).containsExactlyInAnyOrder("TCP/9092", "TCP/9093");
        assertThat(egressPorts(m.get("NetworkPolicy", "allow-postgresql"))).containsExactly("TCP/5432");
        for (String service : ServiceConfig.SERVICES) {
            for (JsonNode rule : m.get("NetworkPolicy", service).at("/spec/ingress")) {
                assertThat(rule.path("from").size()).as("%s: every ingress rule names who may come in", service)
                        .isPositive();
                assertThat(rule.path("ports").size()).as("%s: one port", service).isEqualTo(1);
                assertThat(rule.at("/ports/0/port").asText()).as("%s: only its HTTP port", service).isEqualTo("http");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theDashboardMayReachTheAdvisorAtTheAddressItIsGiven(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        URI advisor = URI.create(env(m, "ward-dashboard").get("TOXWATCH_DOSE_ADVISOR_URL"));
        ObjectNode service = m.get("Service", advisor.getHost());
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(advisor.getPort());
        int advisorPort = ServiceConfig.of("dose-advisor").httpPort();
        assertThat(egressPorts(m.get("NetworkPolicy", "ward-dashboard"))).contains("TCP/" + advisorPort);
        assertThat(m.get("NetworkPolicy", "dose-advisor").at("/spec/ingress").toString())
                .contains("\"app.kubernetes.io/name\":\"ward-dashboard\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void containersListenOnTheConfiguredPortAndAreProbedOnSmallRyeHealth(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        for (String service : ServiceConfig.SERVICES) {
            JsonNode container = container(m, service);
            int port = ServiceConfig.of(service).httpPort();
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(container.at("/ports/0/containerPort").asInt()).as("%s container port", service).isEqualTo(port);
            assertThat(env(m, service).get("HTTP_PORT")).as("%s HTTP_PORT", service).isEqualTo(String.valueOf(port));
            assertThat(m.get("Service", service).at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
            PROBES.forEach((probe, path) -> {
                JsonNode httpGet = container.path(probe).path("httpGet");
                assertThat(httpGet.path("path").asText()).as("%s %s", service, probe).isEqualTo(path);
                assertThat(httpGet.path("port").asText()).as("%s %s", service, probe).isEqualTo("http");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shutdownOutlastsTheLastOffsetCommit(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        for (String service : ServiceConfig.SERVICES) {
            JsonNode pod = m.get("Deployment", service).at("/spec/template/spec");
            Duration grace = Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong(30));
            JsonNode preStop = container(m, service).at("/lifecycle/preStop/exec/command");
            Duration pause = Duration.ofSeconds(preStop.path(0).asText().equals("sleep") ? preStop.path(1).asLong() : 0);
            Duration quarkus = Duration.parse("PT" + env(m, service).get("QUARKUS_SHUTDOWN_TIMEOUT").toUpperCase());
            Duration drain = Duration.parse("PT" + env(m, service).get("TOXWATCH_SHUTDOWN_DRAIN_TIMEOUT").toUpperCase());
            Duration commit = ServiceConfig.of(service).commitInterval();
            assertThat(pause).as("%s pauses before shutting down", service).isPositive();
            assertThat(grace).as("%s: grace period against pause %s + shutdown %s + consumer drain %s + commit interval %s",
                    service, pause, quarkus, drain, commit).isGreaterThan(pause.plus(quarkus).plus(drain).plus(commit));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyContainerHasRequestsAndLimitsAndARestrictedSecurityContext(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        for (String service : ServiceConfig.SERVICES) {
            JsonNode container = container(m, service);
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(container.at("/resources/" + bound + "/" + resource).isMissingNode())
                            .as("%s %s.%s", service, bound, resource).isFalse();
                }
            }
            assertThat(container.at("/resources/requests/memory").asText())
                    .as("%s: the JVM sizes its heap from the limit; a pod is not evicted below its request", service)
                    .isEqualTo(container.at("/resources/limits/memory").asText());
            JsonNode pod = m.get("Deployment", service).at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(container.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyObjectCarriesTheRecommendedLabelsAndTheImagesAreOursAtTheProjectVersion(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        String version = System.getProperty("toxwatch.version", "0.1.0-SNAPSHOT");
        for (ObjectNode object : m.objects()) {
            if (Set.of("Namespace", "KafkaTopic").contains(object.path("kind").asText())) {
                continue;
            }
            Map<String, String> labels = labels(object.at("/metadata/labels"));
            assertThat(labels).as(Manifests.describe(object)).containsEntry("app.kubernetes.io/part-of", "toxwatch")
                    .containsEntry("app.kubernetes.io/managed-by", "kustomize");
        }
        for (String service : ServiceConfig.SERVICES) {
            for (String where : List.of("/metadata/labels", "/spec/template/metadata/labels")) {
                assertThat(labels(m.get("Deployment", service).at(where))).as("%s %s", service, where)
                        .containsEntry("app.kubernetes.io/name", service)
                        .containsEntry("app.kubernetes.io/version", version)
                        .containsKey("app.kubernetes.io/component");
            }
            assertThat(container(m, service).path("image").asText())
                    .isEqualTo("ghcr.io/toxwatch/" + service + ":" + version);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void secretsAreOnlyReferencedNeverCommitted(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        assertThat(m.ofKind("Secret")).isEmpty();
        Set<String> referenced = new TreeSet<>();
        for (ObjectNode deployment : m.ofKind("Deployment")) {
            deployment.findValues("secretKeyRef").forEach(ref -> referenced.add(ref.path("name").asText()));
            deployment.findValues("secretName").forEach(name -> referenced.add(name.asText()));
        }
        assertThat(referenced).isNotEmpty().isSubsetOf(SECRETS_OPS_CREATE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void servicesThatVerifyBearerTokensFindTheKeyWhereTheyAreTold(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        List<String> verifying = new ArrayList<>();
        for (String service : ServiceConfig.SERVICES) {
            Optional<String> variable = ServiceConfig.of(service).jwtKeyVariable();
            if (variable.isEmpty()) {
                continue;
            }
            verifying.add(service);
            String keyFile = env(m, service).get(variable.get());
            assertThat(keyFile).as("%s reads the key from %s", service, variable.get()).isNotBlank();
            JsonNode pod = m.get("Deployment", service).at("/spec/template/spec");
            String volume = null;
            for (JsonNode mount : container(m, service).path("volumeMounts")) {
                if (keyFile.startsWith(mount.path("mountPath").asText() + "/")) {
                    volume = mount.path("name").asText();
                    assertThat(keyFile.substring(mount.path("mountPath").asText().length() + 1))
                            .isEqualTo(volumeItemPath(pod, volume));
                }
            }
            assertThat(volume).as("%s mounts a volume at %s", service, keyFile).isNotNull();
        }
        assertThat(verifying).contains("ward-dashboard");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theDoseAdvisorRunsAloneAndIsNeverAutoscaled(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        ObjectNode advisor = m.get("Deployment", "dose-advisor");
        assertThat(advisor.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(advisor.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(autoscalerTargets(m)).doesNotContainKey("dose-advisor");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void noDeploymentHasTwoAutoscalersAndNoneFightsOneOverItsReplicas(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        autoscalerTargets(m).forEach((deployment, scalers) -> {
            assertThat(scalers).as("autoscalers of %s", deployment).hasSize(1);
            assertThat(m.get("Deployment", deployment).at("/spec/replicas").isMissingNode())
                    .as("%s leaves its replica count to %s", deployment, scalers).isTrue();
        });
    }

    @Test
    void productionScalesTheConsumersOnLagWithKedaOrOnCpuWithoutIt() {
        List<String> consumers = List.of("lab-ingest", "toxicity-grader", "ward-dashboard");
        assertThat(autoscalerTargets(Kustomize.overlay("prod"))).containsOnlyKeys(consumers)
                .allSatisfy((deployment, scalers) -> assertThat(scalers).containsExactly("ScaledObject " + deployment));
        assertThat(autoscalerTargets(Kustomize.overlay("prod-hpa"))).containsOnlyKeys(consumers)
                .allSatisfy((deployment, scalers) ->
                        assertThat(scalers).containsExactly("HorizontalPodAutoscaler " + deployment));
        assertThat(autoscalerTargets(Kustomize.overlay("dev"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void scaledObjectsWatchEveryTopicTheirGroupReadsAndStopAtThePartitionCount(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        Map<String, Integer> partitions = m.ofKind("KafkaTopic").stream().collect(
                Collectors.toMap(Manifests::name, topic -> topic.at("/spec/partitions").asInt()));
        for (ObjectNode scaler : m.ofKind("ScaledObject")) {
            String service = scaler.at("/spec/scaleTargetRef/name").asText();
            Set<Consumption> watched = new HashSet<>();
            for (JsonNode trigger : scaler.at("/spec/triggers")) {
                if (trigger.path("type").asText().equals("kafka")) {
                    JsonNode metadata = trigger.path("metadata");
                    watched.add(new Consumption(metadata.path("consumerGroup").asText(), metadata.path("topic").asText()));
                    assertThat(env(m, service)).as("%s resolves the brokers from its environment", service)
                            .containsKey(metadata.path("bootstrapServersFromEnv").asText());
                    assertThat(metadata.path("offsetResetPolicy").asText())
                            .as("the lag of a group that has committed nothing counts from where it starts")
                            .isEqualTo("earliest");
                }
            }
            List<Consumption> consumed = ServiceConfig.of(service).consumes();
            assertThat(watched).as("kafka triggers of %s", service).containsExactlyInAnyOrderElementsOf(consumed);
            int ceiling = ceiling(consumed, partitions);
            assertThat(scaler.at("/spec/maxReplicaCount").asInt()).as("%s: no more consumers than partitions", service)
                    .isBetween(scaler.at("/spec/minReplicaCount").asInt(), ceiling);
        }
        for (ObjectNode hpa : m.ofKind("HorizontalPodAutoscaler")) {
            String service = hpa.at("/spec/scaleTargetRef/name").asText();
            int ceiling = ceiling(ServiceConfig.of(service).consumes(), partitions);
            assertThat(hpa.at("/spec/maxReplicas").asInt()).as("%s: no more consumers than partitions", service)
                    .isLessThanOrEqualTo(ceiling);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void severalDashboardsHearOfEachOthersChangesWithinSeconds(String overlay) {
        Manifests m = Kustomize.overlay(overlay);
        int most = m.find("ScaledObject", "ward-dashboard").map(s -> s.at("/spec/maxReplicaCount").asInt())
                .or(() -> m.find("HorizontalPodAutoscaler", "ward-dashboard").map(h -> h.at("/spec/maxReplicas").asInt()))
                .orElse(m.get("Deployment", "ward-dashboard").at("/spec/replicas").asInt(1));
        if (most > 1) {
            // a stream hears of another pod's commits only at its heartbeat (AlertChanges)
            String heartbeat = env(m, "ward-dashboard").get("TOXWATCH_DASHBOARD_STREAM_HEARTBEAT");
            assertThat(heartbeat).isNotNull();
            assertThat(Duration.parse("PT" + heartbeat.toUpperCase())).isLessThanOrEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void productionScrapesEveryServiceOnQuarkusMetricsKeepingItsOwnServiceTag() {
        for (String overlay : List.of("prod", "prod-hpa")) {
            Manifests m = Kustomize.overlay(overlay);
            for (String service : ServiceConfig.SERVICES) {
                ObjectNode monitor = m.get("ServiceMonitor", service);
                Map<String, String> serviceLabels = labels(m.get("Service", service).at("/metadata/labels"));
                assertSelects(monitor.at("/spec/selector/matchLabels"), serviceLabels, "ServiceMonitor " + service);
                assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
                assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
                assertThat(monitor.at("/spec/endpoints/0/honorLabels").asBoolean()).isTrue();
            }
        }
    }

    /** The fewest partitions among the topics a group reads: more consumers than that would sit idle. */
    private static int ceiling(List<Consumption> consumed, Map<String, Integer> partitions) {
        return consumed.stream().mapToInt(c -> partitions.get(c.topic())).min().orElseThrow();
    }

    private static void assertSelects(JsonNode selector, Map<String, String> labels, String what) {
        assertThat(labels(selector)).as("%s selects by something", what).isNotEmpty();
        assertThat(labels).as("labels %s selects", what).containsAllEntriesOf(labels(selector));
    }

    /** Deployment name → the autoscalers aiming at it, as "Kind name". */
    private static Map<String, List<String>> autoscalerTargets(Manifests m) {
        Map<String, List<String>> targets = new TreeMap<>();
        for (String kind : List.of("ScaledObject", "HorizontalPodAutoscaler")) {
            for (ObjectNode scaler : m.ofKind(kind)) {
                targets.computeIfAbsent(scaler.at("/spec/scaleTargetRef/name").asText(), d -> new ArrayList<>())
                        .add(Manifests.describe(scaler));
            }
        }
        return targets;
    }

    private static JsonNode container(Manifests m, String service) {
        JsonNode containers = m.get("Deployment", service).at("/spec/template/spec/containers");
        assertThat(containers.size()).as("containers of %s", service).isEqualTo(1);
        return containers.get(0);
    }

    /** The container's environment as the pod sees it: the ConfigMaps it imports, then its own variables. */
    private static Map<String, String> env(Manifests m, String service) {
        Map<String, String> env = new TreeMap<>();
        JsonNode container = container(m, service);
        for (JsonNode from : container.path("envFrom")) {
            String name = from.at("/configMapRef/name").asText();
            labels(m.get("ConfigMap", name).path("data")).forEach(env::put);
        }
        for (JsonNode variable : container.path("env")) {
            String value = variable.has("value") ? variable.path("value").asText() : "(from a reference)";
            env.put(variable.path("name").asText(), value);
        }
        return env;
    }

    private static String volumeItemPath(JsonNode pod, String volume) {
        for (JsonNode candidate : pod.path("volumes")) {
            if (candidate.path("name").asText().equals(volume)) {
                return candidate.at("/secret/items/0/path").asText();
            }
        }
        throw new AssertionError("no volume " + volume);
    }

    private static List<String> egressPorts(JsonNode policy) {
        List<String> ports = new ArrayList<>();
        for (JsonNode rule : policy.at("/spec/egress")) {
            for (JsonNode port : rule.path("ports")) {
                ports.add(port.path("protocol").asText("TCP") + "/" + port.path("port").asText());
            }
        }
        return ports;
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
