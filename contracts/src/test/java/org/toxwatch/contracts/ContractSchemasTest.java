package org.toxwatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ContractSchemasTest {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ContractSchemas schemas;

    @BeforeAll
    static void load() {
        schemas = ContractSchemas.load();
    }

    @Test
    void loadsEverySchemaFileOnTheClasspath() {
        assertEquals(ContractFiles.list("schemas").stream()
                        .map(f -> f.replace(".schema.json", ""))
                        .sorted().toList(),
                List.copyOf(schemas.names()));
        assertTrue(schemas.names().size() >= 5, "one schema per message: " + schemas.names());
    }

    @TestFactory
    Stream<DynamicTest> everySchemaIsAValidDraft202012Schema() {
        // the meta-schema ships inside the validator jar, so this needs no network
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(DRAFT_2020_12));
        return schemas.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            JsonNode schema = JSON.readTree(schemas.text(name));
            assertEquals(DRAFT_2020_12, schema.path("$schema").asText(), "$schema");
            assertEquals(schemas.idOf(name), schema.path("$id").asText(), "$id names the file");
            assertEquals(List.of(), metaSchema.validate(schemas.text(name), InputFormat.JSON));
        }));
    }

    @Test
    void theMetaSchemaCheckCatchesABrokenSchema() {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(DRAFT_2020_12));
        String broken = "{\"$schema\": \"" + DRAFT_2020_12 + "\", \"type\": \"objekt\", \"required\": \"id\"}";
        List<String> locations = metaSchema.validate(broken, InputFormat.JSON).stream()
                .map(e -> e.getInstanceLocation().toString()).toList();
        assertTrue(locations.stream().anyMatch(l -> l.endsWith("type")), locations.toString());
        assertTrue(locations.stream().anyMatch(l -> l.endsWith("required")), locations.toString());
    }

    @TestFactory
    Stream<DynamicTest> everyRequiredPropertyIsDeclared() {
        // a typo in "required" silently makes every message invalid, or in "properties" silently unchecked
        return schemas.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            List<String> undeclared = new ArrayList<>();
            undeclaredRequired(JSON.readTree(schemas.text(name)), "#", undeclared);
            assertEquals(List.of(), undeclared);
        }));
    }

    @TestFactory
    Stream<DynamicTest> noSchemaClosesAdditionalProperties() {
        // forward compatibility: a v1 consumer must accept a producer that added an optional field
        return schemas.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            String text = schemas.text(name);
            assertFalse(text.replace(" ", "").contains("\"additionalProperties\":false"), name);
        }));
    }

    @Test
    void aConsumerFacingMessageWithAnAddedFieldStillValidates() throws IOException {
        ObjectNode alert = (ObjectNode) JSON.readTree(
                Examples.valid("dose-alert.v1", "haic-folfox-delay-cycle-anc.json").text());
        alert.put("wardNote", "added by a later producer version");
        assertEquals(List.of(), schemas.validate("dose-alert.v1", JSON.writeValueAsString(alert)));
    }

    @Test
    void formatsAreAssertedNotJustAnnotated() throws IOException {
        ObjectNode course = (ObjectNode) JSON.readTree(Examples.valid("treatment-course.v1").get(0).text());
        ((ObjectNode) course.withArray("cycles").get(0)).put("plannedStart", "05/01/2026");
        List<String> problems = schemas.validate("treatment-course.v1", JSON.writeValueAsString(course));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("plannedStart"), problems.get(0));
    }

    @Test
    void everyViolationIsReportedWithItsLocation() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(
                Examples.valid("graded-adverse-event.v1", "anc-grade-3.json").text());
        event.remove("explanation");
        event.put("status", "PROBABLY_FINE");
        List<String> problems = schemas.validate("graded-adverse-event.v1", JSON.writeValueAsString(event));
        assertTrue(problems.stream().anyMatch(p -> p.contains("explanation")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("/status") || p.startsWith("$.status")),
                problems.toString());
    }

    @Test
    void textThatIsNotJsonIsReportedNotThrown() {
        List<String> problems = schemas.validate("fhir-observation.v1", "{\"resourceType\": \"Observation\",");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("not valid JSON"), problems.get(0));
        assertFalse(schemas.validate("fhir-observation.v1", "").isEmpty());
    }

    @Test
    void anUnknownSchemaNameIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> schemas.validate("dose-alert.v2", "{}"));
        assertTrue(e.getMessage().contains("dose-alert.v1"), "lists the known names: " + e.getMessage());
    }

    private static void undeclaredRequired(JsonNode node, String pointer, List<String> out) {
        if (node.isObject()) {
            JsonNode properties = node.path("properties");
            if (node.has("required") && properties.isObject()) {
                node.get("required").forEach(r -> {
                    if (!properties.has(r.asText())) {
                        out.add(pointer + " requires undeclared '" + r.asText() + "'");
                    }
                });
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                undeclaredRequired(field.getValue(), pointer + "/" + field.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                undeclaredRequired(node.get(i), pointer + "/" + i, out);
            }
        }
    }
}
