package org.toxwatch.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Kubernetes OpenAPI schema (a built-in type's definition or a CRD's openAPIV3Schema) into one that refuses what
 * the API server would silently drop: every object that lists its properties and does not keep unknown fields is
 * closed ({@code additionalProperties: false}), so a misspelt field is an error instead of a setting that never
 * applies. OpenAPI's {@code x-*} extensions are removed once read; JSON Schema validators do not know them.
 */
final class StructuralSchema {

    private StructuralSchema() {
    }

    /** Closes {@code schema} and every schema nested in it, in place; returns it. */
    static JsonNode closed(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return schema;
        }
        boolean keepsUnknown = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        List<String> extensions = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("x-")) {
                extensions.add(name);
            }
        });
        object.remove(extensions);
        if (object.get("properties") instanceof ObjectNode properties) {
            properties.forEach(StructuralSchema::closed);
            if (!object.has("additionalProperties") && !keepsUnknown) {
                object.put("additionalProperties", false);
            }
        }
        for (String nested : List.of("items", "additionalProperties", "not")) {
            closed(object.path(nested));
        }
        for (String alternatives : List.of("allOf", "anyOf", "oneOf")) {
            object.path(alternatives).forEach(StructuralSchema::closed);
        }
        object.path("definitions").forEach(StructuralSchema::closed);
        return schema;
    }
}
