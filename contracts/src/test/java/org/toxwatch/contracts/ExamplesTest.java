package org.toxwatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FHIR = "fhir-observation.v1";

    private static ContractSchemas schemas;

    @BeforeAll
    static void load() {
        schemas = ContractSchemas.load();
    }

    @TestFactory
    Stream<DynamicNode> everyValidExamplePassesItsSchema() {
        return schemas.names().stream().map(name -> DynamicContainer.dynamicContainer(name, Stream.concat(
                Stream.of(DynamicTest.dynamicTest("has at least 2 valid examples",
                        () -> assertTrue(Examples.valid(name).size() >= 2, Examples.valid(name).toString()))),
                Examples.valid(name).stream().map(example -> DynamicTest.dynamicTest(example.fileName(),
                        () -> assertEquals(List.of(), schemas.validate(name, example.text())))))));
    }

    @TestFactory
    Stream<DynamicNode> everyInvalidExampleFailsItsSchemaWithAMessage() {
        return schemas.names().stream().map(name -> DynamicContainer.dynamicContainer(name, Stream.concat(
                Stream.of(DynamicTest.dynamicTest("has at least 2 invalid examples",
                        () -> assertTrue(Examples.invalid(name).size() >= 2, Examples.invalid(name).toString()))),
                Examples.invalid(name).stream().map(example -> DynamicTest.dynamicTest(example.fileName(), () -> {
                    assertParses(example); // it must fail for its stated reason, not for broken JSON
                    List<String> problems = schemas.validate(name, example.text());
                    assertFalse(problems.isEmpty(), example + " passed its schema, but should fail: " + example.why());
                    problems.forEach(p -> assertFalse(p.isBlank(), "blank failure message"));
                })))));
    }

    @TestFactory
    Stream<DynamicTest> rejectedInputsPassTheSchemaSoOnlyTheServiceCanCatchThem() {
        return Examples.rejected(FHIR).stream().map(example -> DynamicTest.dynamicTest(example.fileName(), () -> {
            List<String> problems = schemas.validate(FHIR, example.text());
            if (example.fileName().endsWith(".json")) {
                assertEquals(List.of(), problems);
            } else {
                assertEquals(1, problems.size(), problems.toString());
                assertTrue(problems.get(0).contains("not valid JSON"), problems.get(0));
            }
        }));
    }

    @Test
    void everyRejectedInputHasExactlyOneReasonCodeInTheReadme() {
        List<Example> rejected = Examples.rejected(FHIR);
        Set<String> files = new TreeSet<>();
        rejected.forEach(e -> files.add(e.fileName()));
        assertTrue(files.containsAll(Set.of("malformed-json.txt", "unknown-loinc.json", "missing-unit.json",
                "percent-unit.json")), files.toString());
        Map<String, String> codes = Examples.reasonCodes(
                ContractFiles.read("examples/rejected/" + FHIR + "/README.md"));
        assertEquals(files, new TreeSet<>(codes.keySet()), "README rows and files must match");
        rejected.forEach(e -> assertEquals(codes.get(e.fileName()), e.why(), e.toString()));
    }

    @Test
    void readmeReasonRowsAreParsedAndOtherLinesIgnored() {
        Map<String, String> codes = Examples.reasonCodes("""
                | file | reason code | what |
                |---|---|---|
                | `a.json` | `UNIT_MISSING` | no unit |
                | `b.json` | lower-case is not a code | x |
                text `c.json` | `NOT_A_ROW` |
                """);
        assertEquals(Map.of("a.json", "UNIT_MISSING"), codes);
    }

    @Test
    void invalidExamplesExplainThemselvesThroughTheirFileName() {
        Example example = Examples.invalid(FHIR, "missing-effective-time.json");
        assertEquals("missing effective time", example.why());
        assertTrue(example.text().contains("\"resourceType\""));
    }

    @Test
    void aNamedExampleIsFoundAndAnUnknownOneIsAnError() throws IOException {
        Example anc = Examples.valid(FHIR, "anc-per-microliter.json");
        assertEquals("/uL", JSON.readTree(anc.text()).at("/valueQuantity/unit").asText());
        assertEquals("", anc.why());
        assertThrows(IllegalArgumentException.class, () -> Examples.valid(FHIR, "no-such-file.json"));
        assertEquals(List.of(), Examples.rejected("dose-alert.v1"), "no rejected inputs defined for alerts");
    }

    @Test
    void everyExampleFolderBelongsToASchema() throws IOException {
        Path examples = TopicDrift.locateProjectDir().resolve("contracts/examples");
        for (String kind : List.of("valid", "invalid", "rejected")) {
            try (Stream<Path> dirs = Files.list(examples.resolve(kind))) {
                dirs.forEach(dir -> assertTrue(schemas.names().contains(dir.getFileName().toString()),
                        "examples/" + kind + "/" + dir.getFileName() + " matches no schema " + schemas.names()));
            }
        }
    }

    private static void assertParses(Example example) {
        try {
            JSON.readTree(example.text());
        } catch (JsonProcessingException e) {
            throw new AssertionError(example + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
