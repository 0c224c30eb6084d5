package org.toxwatch.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks each rendered object against the schema of its kind, offline:
 * <ul>
 * <li>Kubernetes' own kinds, and the Prometheus Operator's ServiceMonitor, against the definitions of Kubernetes'
 * OpenAPI document ({@link KubernetesOpenApi}): types, required fields, and no field the API does not know;</li>
 * <li>Strimzi's KafkaTopic against the CRD Strimzi's generator makes from its published API classes (the build
 * writes it to {@code target/strimzi-crds});</li>
 * <li>KEDA's ScaledObject against {@code schemas/keda-scaledobject.schema.json}: KEDA publishes no schema to the
 * registries this project can reach, so it is our own, of the fields we use, written from KEDA's documentation.</li>
 * </ul>
 * A kind with no schema here is a problem, never a pass; {@code SchemaValidationTest} shows that each kind the overlays
 * render really is checked.
 */
final class ManifestSchemas {

    /** "apiVersion kind" of the built-in kinds we render, and their definition in Kubernetes' OpenAPI document. */
    static final Map<String, String> OPENAPI_DEFINITIONS = Map.of(
            "v1 Namespace", "io.k8s.api.core.v1.Namespace",
            "v1 ServiceAccount", "io.k8s.api.core.v1.ServiceAccount",
            "v1 ConfigMap", "io.k8s.api.core.v1.ConfigMap",
            "v1 Service", "io.k8s.api.core.v1.Service",
            "apps/v1 Deployment", "io.k8s.api.apps.v1.Deployment",
            "policy/v1 PodDisruptionBudget", "io.k8s.api.policy.v1.PodDisruptionBudget",
            "networking.k8s.io/v1 NetworkPolicy", "io.k8s.api.networking.v1.NetworkPolicy",
            "autoscaling/v2 HorizontalPodAutoscaler", "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler",
            "monitoring.coreos.com/v1 ServiceMonitor", "com.coreos.monitoring.v1.ServiceMonitor");

    private static volatile ManifestSchemas shared;

    private final KubernetesOpenApi openApi;
    private final Map<String, CrdSchema> customResources;

    private ManifestSchemas(KubernetesOpenApi openApi, Map<String, CrdSchema> customResources) {
        this.openApi = openApi;
        this.customResources = customResources;
    }

    /** Loading Kubernetes' OpenAPI document takes seconds: one instance per test JVM. */
    static ManifestSchemas load() {
        if (shared == null) {
            synchronized (ManifestSchemas.class) {
                if (shared == null) {
                    shared = new ManifestSchemas(KubernetesOpenApi.load(), Map.of(
                            "kafka.strimzi.io/v1 KafkaTopic",
                            CrdSchema.fromDefinition(strimziCrd("kafkatopic.yaml"), "v1"),
                            "keda.sh/v1alpha1 ScaledObject",
                            CrdSchema.fromResource("/schemas/keda-scaledobject.schema.json")));
                }
            }
        }
        return shared;
    }

    /** Every disagreement between the object and the schema of its kind, one line each; empty when it conforms. */
    List<String> problems(JsonNode object) {
        String type = Manifests.typeOf(object);
        String where = Manifests.describe(object) + ": ";
        List<String> problems = new ArrayList<>();
        if (OPENAPI_DEFINITIONS.containsKey(type)) {
            openApi.problems(object, OPENAPI_DEFINITIONS.get(type)).forEach(problem -> problems.add(where + problem));
        } else if (customResources.containsKey(type)) {
            customResources.get(type).problems(object).forEach(problem -> problems.add(where + problem));
        } else {
            problems.add(where + "no schema for " + type + " here; add one before rendering it");
        }
        return problems;
    }

    private static Path strimziCrd(String file) {
        String dir = System.getProperty("toxwatch.strimzi.crd.dir");
        Path crd = dir == null ? Path.of("target", "strimzi-crds", file) : Path.of(dir, file);
        if (!Files.isRegularFile(crd)) {
            throw new IllegalStateException(crd + " is missing: the build generates it from Strimzi's API classes before "
                    + "the tests (exec-maven-plugin in deploy/k8s/pom.xml); run the tests through Maven");
        }
        return crd;
    }
}
