package org.toxwatch.cli.fhir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toxwatch.cli.CliRun;
import org.toxwatch.cli.csv.GradingsCsv;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.TermQuery;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code toxwatch grade --fhir} on the sample Bundle (src/test/resources/sample/bundle.json): a Patient, an ANC in
 * cells/uL with its reference range, two blood-pressure panels, a coded dipstick, a temperature, and Observations that
 * must not be graded.
 */
class GradeFhirCommandTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private final CtcaeGrader grader = CtcaeGrader.forVersion("5.0");

    @TempDir
    Path dir;

    @Test
    void everyEntryGivesAtLeastOneLineWithTheCsvFieldsAndTheSummaryCountsThem() throws Exception {
        CliRun run = CliRun.of("grade", "--fhir", sample().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = lines(run.out());
        assertThat(lines).extracting(line -> line.get("row").asInt()).isSorted()
                .containsOnly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        for (JsonNode line : lines) {
            List<String> fields = new ArrayList<>();
            line.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyElementsOf(GradingsCsv.HEADER);
        }
        assertThat(run.err()).contains("12 Bundle entries read, " + lines.size() + " results: "
                + count(lines, "GRADED") + " graded, " + count(lines, "LOWER_BOUND") + " lower bound, "
                + count(lines, "NOT_GRADABLE") + " not gradable (CTCAE v5.0)");
    }

    @Test
    void theAncIsGradedInItsReportedUnitWithItsReferenceRange() throws Exception {
        // Febrile neutropenia needs a temperature in the same Observation, so the ANC alone feeds one term
        JsonNode count = single(lines(2));
        Grading engine = grader.grade(new TermQuery("Neutrophil count decreased", new BigDecimal("800"), "/uL",
                new BigDecimal("1800"), new BigDecimal("7700"), null, null, null));
        // the identifier value wins over the resource id
        assertThat(count.get("id").asText()).isEqualTo("OBS-1001");
        assertThat(count.get("grade").asInt()).isEqualTo(engine.grade()).isEqualTo(3);
        assertThat(count.get("status").asText()).isEqualTo("GRADED");
        assertThat(count.get("value").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(count.get("lln").decimalValue()).isEqualByComparingTo("1.8");
        assertThat(count.get("term").asText()).isEqualTo("Neutrophil count decreased");
        assertThat(count.get("unit").asText()).isEqualTo("10*9/L");
    }

    @Test
    void theBloodPressurePanelIsGradedFromBothComponents() throws Exception {
        JsonNode bp = single(lines(3));

        Grading engine = grader.grade(new TermQuery("Hypertension", new BigDecimal("165"), "mmHg", null, null, null,
                new BigDecimal("95"), null));
        assertThat(bp.get("id").asText()).isEqualTo("BP-2008");
        assertThat(bp.get("grade").asInt()).isEqualTo(engine.grade());
        assertThat(bp.get("status").asText()).isEqualTo("GRADED");
        assertThat(bp.get("explanation").asText()).contains("SBP 165").contains("DBP 95");
    }

    @Test
    void aPanelWithAnAbsentDiastolicIsALowerBoundAndUsesTheResourceIdWithoutIdentifier() throws Exception {
        JsonNode bp = single(lines(4));

        assertThat(bp.get("id").asText()).isEqualTo("bp-2009");
        assertThat(bp.get("status").asText()).isEqualTo("LOWER_BOUND");
        // NCI v5.0 grade 2: systolic BP 140 - 159 mm Hg
        assertThat(bp.get("grade").asInt()).isEqualTo(2);
    }

    @Test
    void entriesThatCannotBeGradedSayWhy() throws Exception {
        assertNotGradable(single(lines(1)), "p-7f3a", "is a Patient, not an Observation");
        assertNotGradable(single(lines(5)), "OBS-1003", "censored (<0.1)");
        assertNotGradable(single(lines(6)), "OBS-1004", "'%'");
        assertNotGradable(single(lines(7)), "OBS-1005", "status 'preliminary' is not graded");
        assertNotGradable(single(lines(8)), "OBS-1006", "LOINC 2345-7 is not in ToxWatch's analyte catalog");
        assertNotGradable(single(lines(9)), "OBS-1007", "not valid FHIR R4");
    }

    @Test
    void anAmendedResultIsGradedAgainstItsUln() throws Exception {
        JsonNode ast = single(lines(10));

        Grading engine = grader.grade(new TermQuery("Aspartate aminotransferase increased", new BigDecimal("250"),
                "U/L", null, new BigDecimal("40"), null, null, null));
        assertThat(ast.get("status").asText()).isEqualTo("GRADED");
        assertThat(ast.get("grade").asInt()).isEqualTo(engine.grade());
        assertThat(ast.get("uln").decimalValue()).isEqualByComparingTo("40");
    }

    @Test
    void aCodedDipstickResultIsReadAsText() throws Exception {
        JsonNode dipstick = single(lines(11));

        assertThat(dipstick.get("term").asText()).isEqualTo("Proteinuria");
        assertThat(dipstick.get("status").asText()).isEqualTo("GRADED");
        // NCI v5.0 grade 2: "2+ and 3+ proteinuria"
        assertThat(dipstick.get("grade").asInt()).isEqualTo(2);
    }

    @Test
    void aTemperatureGradesFeverButNotFebrileNeutropeniaOnItsOwn() throws Exception {
        JsonNode temperature = single(lines(12));

        assertThat(temperature.get("term").asText()).isEqualTo("Fever");
        // NCI v5.0 grade 1: 38.0 - 39.0 degrees C
        assertThat(temperature.get("grade").asInt()).isEqualTo(1);
    }

    @Test
    void outWritesTheSameNdjsonToAFile() throws Exception {
        Path out = dir.resolve("graded.ndjson");

        CliRun toFile = CliRun.of("grade", "--fhir", sample().toString(), "--out", out.toString());
        CliRun toStdout = CliRun.of("grade", "--fhir", sample().toString());

        assertThat(toFile.exitCode()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(Files.readString(out)).isEqualTo(toStdout.out());
    }

    @Test
    void aFileThatIsNotABundleExitsWithTwo() throws IOException {
        Path observation = Files.writeString(dir.resolve("obs.json"),
                "{\"resourceType\": \"Observation\", \"status\": \"final\"}");
        Path notJson = Files.writeString(dir.resolve("broken.json"), "{\"resourceType\": \"Bundle\", \"entry\": [");

        CliRun single = CliRun.of("grade", "--fhir", observation.toString());
        CliRun broken = CliRun.of("grade", "--fhir", notJson.toString());
        CliRun missing = CliRun.of("grade", "--fhir", dir.resolve("none.json").toString());

        assertThat(single.exitCode()).isEqualTo(2);
        assertThat(single.err()).contains("not a FHIR Bundle (resourceType 'Observation')");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("not JSON");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertThat(single.out() + broken.out() + missing.out()).isEmpty();
    }

    @Test
    void anEmptyBundleIsProcessedWithNoLines() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"resourceType\": \"Bundle\", \"type\": \"collection\"}");

        CliRun run = CliRun.of("grade", "--fhir", empty.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("0 Bundle entries read");
    }

    // ----

    private static void assertNotGradable(JsonNode line, String id, String reason) {
        assertThat(line.get("id").asText()).isEqualTo(id);
        assertThat(line.get("status").asText()).isEqualTo("NOT_GRADABLE");
        assertThat(line.get("grade").isNull()).isTrue();
        assertThat(line.get("explanation").asText()).contains(reason);
    }

    /** The lines of one Bundle entry, from a fresh run of the command. */
    private List<JsonNode> lines(int row) throws Exception {
        List<JsonNode> matching = lines(CliRun.of("grade", "--fhir", sample().toString()).out()).stream()
                .filter(line -> line.get("row").asInt() == row).toList();
        assertThat(matching).as("lines of entry %d", row).isNotEmpty();
        return matching;
    }

    private static JsonNode single(List<JsonNode> lines) {
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static long count(List<JsonNode> lines, String status) {
        return lines.stream().filter(line -> line.get("status").asText().equals(status)).count();
    }

    private static List<JsonNode> lines(String ndjson) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static Path sample() throws URISyntaxException {
        return Path.of(GradeFhirCommandTest.class.getResource("/sample/bundle.json").toURI());
    }
}
