package org.toxwatch.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders, and every object it renders matches the schema of its kind. */
class SchemaValidationTest {

    private static ManifestSchemas schemas;

    @BeforeAll
    static void load() {
        schemas = ManifestSchemas.load();
    }

    static List<String> overlays() {
        return Kustomize.overlayNames();
    }

    @Test
    void theOverlaysAreDevProdAndProdWithoutKeda() {
        assertThat(overlays()).containsExactly("dev", "prod", "prod-hpa");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyObjectOfTheOverlayMatchesTheSchemaOfItsKind(String overlay) {
        Manifests manifests = Kustomize.overlay(overlay);
        assertThat(manifests.objects()).as("objects rendered by %s", overlay).hasSizeGreaterThan(30);
        List<String> problems = new ArrayList<>();
        manifests.objects().forEach(object -> problems.addAll(schemas.problems(object)));
        assertThat(problems).as("schema problems in %s", overlay).isEmpty();
    }

    @Test
    void wrongTypesMissingFieldsAndMisspeltFieldsAreRefused() {
        Manifests broken = Kustomize.render(Kustomize.deployDir().resolve("src/test/resources/broken-manifests"));
        Map<String, List<String>> problems = new LinkedHashMap<>();
        broken.objects().forEach(object -> problems.put(Manifests.describe(object), schemas.problems(object)));

        assertThat(problems.get("Deployment wrong-types"))
                .anySatisfy(p -> assertThat(p).contains("/spec/replicas").contains("string").contains("integer"))
                .anySatisfy(p -> assertThat(p).contains("containerPort").contains("string").contains("integer"));
        assertThat(problems.get("Deployment missing-fields"))
                .anySatisfy(p -> assertThat(p).contains("/spec:").contains("required property 'selector'"))
                .anySatisfy(p -> assertThat(p).contains("/spec/template/spec/containers/0:").contains("'name'"));
        assertThat(problems.get("Deployment misspelt-field")).singleElement()
                .satisfies(p -> assertThat(p).contains("readinesProbe"));
        assertThat(problems.get("PodDisruptionBudget boolean-budget"))
                .anySatisfy(p -> assertThat(p).contains("/spec/maxUnavailable").contains("boolean"));
        assertThat(problems.get("ServiceMonitor wrong-interval"))
                .anySatisfy(p -> assertThat(p).contains("interval").contains("integer").contains("string"));
        assertThat(problems.get("KafkaTopic broken.topic.v1"))
                .anySatisfy(p -> assertThat(p).contains("/spec/partitions").contains("string"))
                .anySatisfy(p -> assertThat(p).contains("/spec/replicas").contains("minimum"))
                .anySatisfy(p -> assertThat(p).contains("configs"));
        assertThat(problems.get("ScaledObject broken-scaler"))
                .anySatisfy(p -> assertThat(p).contains("scaleTargetRef"))
                .anySatisfy(p -> assertThat(p).contains("lagThreshold").contains("integer"));
    }

    /** fabric8's validator passes a kind it does not know; a field no schema allows shows that one was applied. */
    @Test
    void everyKindTheOverlaysRenderIsReallyChecked() {
        Map<String, JsonNode> oneOfEachType = new LinkedHashMap<>();
        for (String overlay : overlays()) {
            Kustomize.overlay(overlay).objects().forEach(o -> oneOfEachType.putIfAbsent(Manifests.typeOf(o), o));
        }
        assertThat(oneOfEachType.keySet()).contains("apps/v1 Deployment", "kafka.strimzi.io/v1 KafkaTopic",
                "keda.sh/v1alpha1 ScaledObject", "autoscaling/v2 HorizontalPodAutoscaler",
                "monitoring.coreos.com/v1 ServiceMonitor", "networking.k8s.io/v1 NetworkPolicy",
                "policy/v1 PodDisruptionBudget");
        Set<String> unchecked = new TreeSet<>();
        oneOfEachType.forEach((type, object) -> {
            ObjectNode tampered = object.deepCopy();
            tampered.put("notAField", true);
            if (schemas.problems(tampered).stream().noneMatch(p -> p.contains("notAField"))) {
                unchecked.add(type);
            }
            assertThat(schemas.problems(object)).as("%s untampered", type).isEmpty();
        });
        assertThat(unchecked).as("kinds whose objects no schema checks").isEmpty();
    }

    @Test
    void aKindWithoutASchemaIsRefusedRatherThanPassed() {
        ObjectNode secret = JsonNodeFactory.instance.objectNode();
        secret.put("apiVersion", "v1").put("kind", "Secret").putObject("metadata").put("name", "db");
        assertThat(schemas.problems(secret)).singleElement()
                .satisfies(p -> assertThat(p).contains("no schema for v1 Secret"));
    }
}
