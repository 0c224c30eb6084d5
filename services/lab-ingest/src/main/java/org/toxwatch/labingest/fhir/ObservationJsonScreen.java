package org.toxwatch.labingest.fhir;

import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.INVALID_VALUE;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.MALFORMED_JSON;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.toxwatch.labingest.normalization.RejectedObservation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

/**
 * Looks at the raw JSON before HAPI FHIR reads it, for two things HAPI does not refuse. Both were found by the
 * hostile-input suite.
 * <ul>
 *   <li>Numbers with huge exponents: HAPI writes every number out in full while parsing, so 1e999999999 anywhere in
 *       the message took a gigabyte of heap before any check of ours ran.</li>
 *   <li>Elements ToxWatch reads, sent with the wrong JSON type: HAPI skips them or coerces them. A reference range
 *       given as a string vanished and the result was graded as if the lab had sent none; a patient reference given as
 *       {@code true} became the patient "true". Elements ToxWatch does not read are left to HAPI's leniency.</li>
 * </ul>
 * Syntax errors are left to HAPI, which names them as it always has.
 */
final class ObservationJsonScreen {

    /** Digits a number may have when written out in full, as HAPI does with every number it reads. */
    static final int MAX_WRITTEN_OUT_DIGITS = 1000;

    private static final ObjectMapper TREES = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private interface Shape {
    }

    private record Scalar(JsonNodeType type) implements Shape {
    }

    private record Element(Map<String, Shape> members) implements Shape {
    }

    private record Repeated(Shape item) implements Shape {
    }

    private static final Shape TEXT = new Scalar(JsonNodeType.STRING);
    private static final Shape NUMBER = new Scalar(JsonNodeType.NUMBER);
    private static final Shape QUANTITY = element("value", NUMBER, "unit", TEXT, "system", TEXT, "code", TEXT,
            "comparator", TEXT);
    private static final Shape CONCEPT = element("coding", new Repeated(element("system", TEXT, "code", TEXT,
            "display", TEXT)), "text", TEXT);
    private static final Shape RANGES = new Repeated(element("low", QUANTITY, "high", QUANTITY));
    private static final Shape COMPONENTS = new Repeated(element("code", CONCEPT, "valueQuantity", QUANTITY,
            "valueString", TEXT, "valueCodeableConcept", CONCEPT, "referenceRange", RANGES));
    private static final Shape OBSERVATION = element(
            "resourceType", TEXT,
            "identifier", new Repeated(element("system", TEXT, "value", TEXT)),
            "meta", element("versionId", TEXT, "lastUpdated", TEXT),
            "status", TEXT,
            "code", CONCEPT,
            "subject", element("reference", TEXT),
            "effectiveDateTime", TEXT,
            "issued", TEXT,
            "valueQuantity", QUANTITY,
            "valueString", TEXT,
            "valueCodeableConcept", CONCEPT,
            "referenceRange", RANGES,
            "component", COMPONENTS);

    private ObservationJsonScreen() {
    }

    static void screen(String json) {
        JsonNode tree;
        try {
            tree = TREES.readTree(json);
        } catch (JsonProcessingException syntaxError) {
            return;
        }
        if (tree == null) {
            return;
        }
        refuseHugeNumbers(tree, "");
        if (tree.isObject()) {
            checkShape(tree, OBSERVATION, "Observation");
        }
    }

    private static void refuseHugeNumbers(JsonNode node, String path) {
        if (node.isBigDecimal()) {
            BigDecimal number = node.decimalValue();
            long exponent = (long) number.precision() - number.scale() - 1;
            if (Math.abs(exponent) > MAX_WRITTEN_OUT_DIGITS) {
                throw new RejectedObservation(INVALID_VALUE, "the number at " + (path.isEmpty() ? "/" : path)
                        + " has " + Math.abs(exponent) + " digits written out; no lab value has more than "
                        + MAX_WRITTEN_OUT_DIGITS);
            }
        } else if (node.isContainerNode()) {
            int index = 0;
            for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                refuseHugeNumbers(member.getValue(), path + "/" + member.getKey());
            }
            if (node.isArray()) {
                for (JsonNode item : node) {
                    refuseHugeNumbers(item, path + "/" + index++);
                }
            }
        }
    }

    private static void checkShape(JsonNode node, Shape shape, String path) {
        if (shape instanceof Scalar scalar) {
            if (node.getNodeType() != scalar.type()) {
                throw mistyped(node, scalar.type(), path);
            }
        } else if (shape instanceof Repeated repeated) {
            if (!node.isArray()) {
                throw mistyped(node, JsonNodeType.ARRAY, path);
            }
            for (int i = 0; i < node.size(); i++) {
                checkShape(node.get(i), repeated.item(), path + "[" + i + "]");
            }
        } else if (shape instanceof Element element) {
            if (!node.isObject()) {
                throw mistyped(node, JsonNodeType.OBJECT, path);
            }
            element.members().forEach((name, memberShape) -> {
                JsonNode member = node.get(name);
                if (member != null) {
                    checkShape(member, memberShape, path + "." + name);
                }
            });
        }
    }

    private static RejectedObservation mistyped(JsonNode node, JsonNodeType expected, String path) {
        return new RejectedObservation(MALFORMED_JSON, path + " is " + describe(node.getNodeType())
                + " where FHIR JSON has " + describe(expected));
    }

    private static String describe(JsonNodeType type) {
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL, MISSING -> "null";
            default -> "a " + type.name().toLowerCase(Locale.ROOT);
        };
    }

    private static Shape element(Object... namesAndShapes) {
        Map<String, Shape> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndShapes.length; i += 2) {
            members.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
        }
        return new Element(members);
    }
}
