package org.toxwatch.regimens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toxwatch.regimens.catalog.RegimenCatalogException;

/**
 * A broken rule file must stop the catalog from loading, loudly and with the reason. Each case edits one thing in a
 * copy of the shipped catalog, which loads cleanly as it is.
 */
class CatalogRejectionTest {

    @TempDir
    Path dir;

    private RegimenCatalogException rejected(String file, UnaryOperator<String> edit) {
        Map<String, String> files = new LinkedHashMap<>(TestCatalogs.standardFiles());
        String edited = edit.apply(files.get(file));
        assertTrue(!edited.equals(files.get(file)), "the edit must change " + file);
        files.put(file, edited);
        Path index = TestCatalogs.write(dir, files);
        return assertThrows(RegimenCatalogException.class, () -> RegimenCatalog.load(index));
    }

    private static void assertProblem(RegimenCatalogException rejection, String... fragments) {
        boolean found = rejection.problems().stream()
                .anyMatch(problem -> Arrays.stream(fragments).allMatch(problem::contains));
        assertTrue(found, () -> "expected a problem with " + Arrays.toString(fragments) + " in\n" + rejection.getMessage());
    }

    @Test
    void unchangedCopyOfTheShippedCatalogLoads() {
        RegimenCatalog copy = RegimenCatalog.load(TestCatalogs.write(dir, TestCatalogs.standardFiles()));

        assertEquals(RegimenCatalog.standard().version(), copy.version());
    }

    @Test
    void unknownActionIsRejectedBySchema() {
        assertProblem(rejected("lenvatinib.yaml", text -> text.replaceFirst("action: DISCONTINUE", "action: PAUSE")),
                "lenvatinib.yaml", "/rules/2/action");
    }

    @Test
    void missingCsvLineIsRejectedBySchema() {
        assertProblem(rejected("haic-folfox.yaml", text -> text.replaceFirst("\n    csvLine: 130", "")),
                "haic-folfox.yaml", "csvLine");
    }

    @Test
    void misspeltFieldIsRejectedBySchema() {
        assertProblem(rejected("haic-folfox.yaml", text -> text.replaceFirst("resumeWhen:", "resumeWhenn:")),
                "haic-folfox.yaml", "resumeWhenn");
    }

    @Test
    void triggerWithTwoMeasuresIsRejectedBySchema() {
        assertProblem(rejected("haic-folfox.yaml", text -> text.replaceFirst(
                        "value: \\{below: 1.2, unit: 10\\*9/L}", "value: {below: 1.2, unit: 10*9/L}\n      grade: {min: 3, max: 4}")),
                "haic-folfox.yaml", "/rules/0/trigger");
    }

    @Test
    void twoLowerBoundsAreRejectedBySchema() {
        assertProblem(rejected("pd-1-class.yaml", text -> text.replaceFirst("\\{above: 5, atMost: 10}", "{above: 5, atLeast: 6}")),
                "pd-1-class.yaml", "/rules/0/trigger/ulnMultiple");
    }

    @Test
    void ruleIdUsedTwiceIsRejected() {
        assertProblem(rejected("lenvatinib.yaml", text -> text.replaceFirst("id: lenvatinib-hypertension-g4",
                        "id: haic-folfox-precycle-neutrophils")),
                "rule haic-folfox-precycle-neutrophils", "already used in haic-folfox.yaml");
    }

    @Test
    void termNotSpelledAsCtcaeIsRejected() {
        assertProblem(rejected("lenvatinib.yaml", text -> text.replaceFirst("terms: \\[Hypertension]", "terms: [Hypertension (grade)]")),
                "lenvatinib-hypertension-g3", "Hypertension (grade)");
    }

    @Test
    void ladderBandsWithAGapAreRejected() {
        assertProblem(rejected("lenvatinib.yaml", text -> text.replace("bodyWeightKg: {below: 60}", "bodyWeightKg: {below: 59}")),
                "lenvatinib.yaml", "must meet end to end");
    }

    @Test
    void ladderBandsThatOverlapAreRejected() {
        assertProblem(rejected("lenvatinib.yaml", text -> text.replace("bodyWeightKg: {below: 60}", "bodyWeightKg: {atMost: 60}")),
                "lenvatinib.yaml", "must meet end to end");
    }

    @Test
    void ladderThatLeavesHeavyPatientsUncoveredIsRejected() {
        assertProblem(rejected("lenvatinib.yaml", text -> text.replace("bodyWeightKg: {atLeast: 60}",
                        "bodyWeightKg: {atLeast: 60, below: 150}")),
                "lenvatinib.yaml", "beyond");
    }

    @Test
    void reductionWithoutLadderIsRejected() {
        assertProblem(rejected("pd-1-class.yaml", text -> text.replaceFirst("action: HOLD\n", "action: HOLD_AND_REDUCE\n")),
                "pd-1-class-hcc-hepatitis-baseline-1-3x-hold", "needs a dose ladder");
    }

    @Test
    void verifiedFlagWithoutVerifiedSourceIsRejected() {
        assertProblem(rejected("lenvatinib.yaml", text -> text.replaceFirst(
                        "source: FDA LENVIMA PI \\(HCC 12/8 mg; Table 1\\) https://www.drugs.com/dosage/lenvima.html \\[V]",
                        "source: FDA LENVIMA PI (HCC 12/8 mg; Table 1) https://www.drugs.com/dosage/lenvima.html [NV]")),
                "lenvatinib-hypertension-g3", "marked verified");
    }

    @Test
    void emptyTriggerRangeIsRejected() {
        assertProblem(rejected("pd-1-class.yaml", text -> text.replaceFirst("\\{above: 5, atMost: 10}", "{above: 10, atMost: 5}")),
                "pd-1-class-hcc-hepatitis-baseline-1-3x-hold", "contains no value");
    }

    @Test
    void invertedGradeRangeIsRejected() {
        assertProblem(rejected("lenvatinib.yaml", text -> text.replaceFirst("grade: \\{min: 3, max: 4}", "grade: {min: 4, max: 3}")),
                "lenvatinib.yaml", "min <= max");
    }

    @Test
    void aliasThatNamesAnotherDrugIsRejected() {
        assertProblem(rejected("pd-1-class.yaml", text -> text.replaceFirst("drug: camrelizumab", "drug: lenvatinib")),
                "drug name lenvatinib is already used");
    }

    @Test
    void duplicateYamlKeyIsRejectedNotSilentlyOverridden() {
        assertProblem(rejected("haic-folfox.yaml", text -> text.replaceFirst("    action: DELAY_CYCLE\n",
                        "    action: DELAY_CYCLE\n    action: CONTINUE\n")),
                "haic-folfox.yaml", "action");
    }

    @Test
    void listedFileThatDoesNotExistIsRejected() {
        assertProblem(rejected("catalog.yaml", text -> text.replace("  - pd-1-class.yaml", "  - pd-1-class.yaml\n  - nivolumab.yaml")),
                "nivolumab.yaml", "cannot be read");
    }

    @Test
    void unknownCalendarZoneIsRejected() {
        assertProblem(rejected("catalog.yaml", text -> text.replace("calendarZone: UTC", "calendarZone: Ward/Seven")),
                "catalog.yaml", "Ward/Seven");
    }

    @Test
    void emptyFileIsRejected() {
        assertProblem(rejected("lenvatinib.yaml", text -> "# nothing here\n"), "lenvatinib.yaml", "empty");
    }

    @Test
    void everyProblemIsListedNotOnlyTheFirst() {
        Map<String, String> files = new LinkedHashMap<>(TestCatalogs.standardFiles());
        files.put("lenvatinib.yaml", files.get("lenvatinib.yaml").replaceFirst("action: DISCONTINUE", "action: PAUSE"));
        files.put("haic-folfox.yaml", files.get("haic-folfox.yaml").replaceFirst("resumeWhen:", "resumeWhenn:"));

        RegimenCatalogException both = assertThrows(RegimenCatalogException.class,
                () -> RegimenCatalog.load(TestCatalogs.write(dir, files)));

        assertProblem(both, "lenvatinib.yaml", "/rules/2/action");
        assertProblem(both, "haic-folfox.yaml", "resumeWhenn");
    }
}
