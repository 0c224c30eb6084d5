package org.toxwatch.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The definitions of Kubernetes' OpenAPI document as fabric8's kubernetes-model-validator ships it (Kubernetes and
 * OpenShift, which brings the Prometheus Operator's monitoring.coreos.com types). fabric8's own validator is not used:
 * it finds no definition for the networking.k8s.io group and then reports nothing, so a NetworkPolicy would pass
 * unchecked. Here each kind names its definition, and objects are closed ({@link StructuralSchema}).
 */
final class KubernetesOpenApi {

    private static final String DOCUMENT = "/openshift-generated.json";
    private static final String ID = "https://toxwatch.local/schemas/kubernetes-openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private KubernetesOpenApi(SchemaRegistry registry) {
        this.registry = registry;
    }

    static KubernetesOpenApi load() {
        JsonNode document;
        try (InputStream in = KubernetesOpenApi.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the test classpath "
                        + "(io.fabric8:kubernetes-model-validator)");
            }
            document = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT, e);
        }
        ObjectNode definitions = (ObjectNode) document.path("definitions");
        // The API server reads a number as well as a string here ("maxUnavailable: 1", a probe's "port: 8081",
        // "cpu: 1"); the document types both as strings only. Any other type is still refused.
        definitions.putObject("io.k8s.apimachinery.pkg.util.intstr.IntOrString")
                .putArray("type").add("integer").add("string");
        definitions.putObject("io.k8s.apimachinery.pkg.api.resource.Quantity")
                .putArray("type").add("string").add("number");
        definitions.forEach(StructuralSchema::closed);
        ObjectNode root = JSON.createObjectNode();
        root.set("definitions", definitions);
        String text;
        try {
            text = JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Swagger 2.0 schema objects are JSON Schema draft 4 with extensions
        return new KubernetesOpenApi(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                builder -> builder.schemas(Map.of(ID, text))));
    }

    /** Problems of {@code object} against the definition named, e.g. {@code io.k8s.api.apps.v1.Deployment}. */
    List<String> problems(JsonNode object, String definition) {
        Schema schema = compiled.computeIfAbsent(definition,
                name -> registry.getSchema(SchemaLocation.of(ID + "#/definitions/" + name)));
        String json;
        try {
            json = JSON.writeValueAsString(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(json, InputFormat.JSON)) {
            problems.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
        return problems;
    }
}
