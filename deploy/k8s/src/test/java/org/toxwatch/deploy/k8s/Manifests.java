package org.toxwatch.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The objects one kustomization renders to.
 *
 * @param source  the kustomization, relative to {@code deploy/k8s}, e.g. {@code overlays/prod}
 * @param objects every object, in the order kustomize printed them
 */
record Manifests(String source, List<ObjectNode> objects) {

    Manifests {
        objects = List.copyOf(objects);
    }

    List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(source + " renders no " + kind + " " + name));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** "Deployment lab-ingest", for messages. */
    static String describe(JsonNode object) {
        return object.path("kind").asText("?") + " " + name(object);
    }

    /** "apps/v1 Deployment": what decides which schema applies. */
    static String typeOf(JsonNode object) {
        return object.path("apiVersion").asText("?") + " " + object.path("kind").asText("?");
    }
}
