package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.toxwatch.ctcae.SharedReference;
import org.toxwatch.ctcae.criteria.TermCriteria;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.toxwatch.ctcae.grading.Lab.V6;

/**
 * Agreement with every v6.0 row of admiral's expected grades (shared/reference/ctcae/admiral_vectors.csv, CRITERIA.md
 * 4.2), each through the batch path with the row's own strings. Rows where we differ on purpose are not skipped: each
 * kind is a named test that checks our answer, says why, and then shows the rule agrees once the difference is taken
 * away. admiral's v6.0 metadata text predates NCI's errata of 2026-01-20 while its code already uses their meaning
 * (CRITERIA.md 1); that is checked too.
 */
class AdmiralV6VectorsTest {

    /** Why a row's expected grade is not ours. */
    private enum Deviation {
        NONE,
        /** admiral accepts ratio terms without a unit (no UNIT_CHECK); we never grade a value without one (A13). */
        RATIO_TERM_WITHOUT_UNIT,
        /** admiral compares units case-insensitively, so its "G/L" is grams; to UCUM and to us it is giga per litre. */
        CAPITAL_G_PER_LITRE,
        /**
         * v6.0 creatinine's baseline clause needs a baseline below LLN. admiral takes that from its BNRIND flag "LOW";
         * these fixtures give no LLN, and we do not take a flag for a number.
         */
        LOW_BASELINE_FLAG_WITHOUT_LLN
    }

    @TestFactory
    Stream<DynamicTest> v6RowsGiveAdmiralsGrade() {
        List<Map<String, String>> rows = v6Rows();
        Set<String> termsCovered = rows.stream().map(row -> row.get("term")).collect(Collectors.toSet());
        assertEquals(Set.of("Neutrophil count decreased", "Thrombocytopenia", "White blood cell decreased", "Anemia",
                "Hypoalbuminemia", "Aspartate aminotransferase increased", "Alanine aminotransferase increased",
                "Alkaline phosphatase increased", "GGT increased", "Blood bilirubin increased", "Creatinine increased"),
                termsCovered, "admiral has v6 vectors for these eleven lab terms, all of which we grade");
        return rows.stream().filter(row -> deviation(row) == Deviation.NONE).map(row -> DynamicTest.dynamicTest(
                row.get("admiral_test") + " #" + row.get("testnum") + ": " + row.get("value") + " " + row.get("unit"),
                () -> AdmiralRows.assertGrade(row.get("expected_grade"), AdmiralRows.grade(V6, row, row.get("unit")),
                        row)));
    }

    @Test
    void everyRowIsEitherInAgreementOrANamedDeviation() {
        Map<Deviation, Long> counts = v6Rows().stream()
                .collect(Collectors.groupingBy(AdmiralV6VectorsTest::deviation, Collectors.counting()));
        assertEquals(329, counts.values().stream().mapToLong(Long::longValue).sum(), "v6.0 rows in the file");
        assertEquals(171L, counts.get(Deviation.NONE), counts.toString());
        assertEquals(128L, counts.get(Deviation.RATIO_TERM_WITHOUT_UNIT), counts.toString());
        assertEquals(25L, counts.get(Deviation.CAPITAL_G_PER_LITRE), counts.toString());
        assertEquals(5L, counts.get(Deviation.LOW_BASELINE_FLAG_WITHOUT_LLN), counts.toString());
    }

    @Test
    void ratioTermsWithoutAUnitAreRefusedButGradeAsAdmiralInTheCanonicalUnit() {
        // admiral grades AST, ALT, ALP, GGT, bilirubin and creatinine with unit NA because the ratio does not depend on
        // the unit (CRITERIA.md 4.1). We refuse a value without a unit (CRITERIA.md A13; issue #3 item 5). The rule
        // itself agrees once a unit is given.
        List<Map<String, String>> rows = rowsOf(Deviation.RATIO_TERM_WITHOUT_UNIT);
        assertFalse(rows.isEmpty());
        for (Map<String, String> row : rows) {
            Grading withoutUnit = AdmiralRows.grade(V6, row, row.get("unit"));
            assertEquals(GradingStatus.NOT_GRADABLE, withoutUnit.status(), withoutUnit.explanation());
            assertTrue(row.get("value").equals("NA") || withoutUnit.explanation().contains("no unit was reported"),
                    withoutUnit.explanation());
            AdmiralRows.assertGrade(row.get("expected_grade"), AdmiralRows.grade(V6, row, canonicalUnit(row)), row);
        }
    }

    @Test
    void capitalGPerLitreIsGigaPerLitreSoHaemoglobinAndAlbuminInItAreRefused() {
        // UCUM and European labs use G/L for 10^9/L (cell counts); admiral reads it as g/L. A mass concentration in a
        // count unit is never guessed (CRITERIA.md A13). Given as g/L, the rows agree with admiral.
        List<Map<String, String>> rows = rowsOf(Deviation.CAPITAL_G_PER_LITRE);
        assertFalse(rows.isEmpty());
        for (Map<String, String> row : rows) {
            Grading ours = AdmiralRows.grade(V6, row, "G/L");
            assertEquals(GradingStatus.NOT_GRADABLE, ours.status(), ours.explanation());
            assertTrue(row.get("value").equals("NA") || ours.explanation().contains("cannot express"),
                    ours.explanation());
            AdmiralRows.assertGrade(row.get("expected_grade"), AdmiralRows.grade(V6, row, "g/L"), row);
        }
    }

    @Test
    void aLowBaselineFlagIsNoLlnSoCreatininesBaselineClauseStaysOpenUntilOneIsGiven() {
        // admiral: BNRIND "LOW" switches on ">1.5 x baseline if baseline is below LLN". The fixtures carry the flag but
        // no LLN, so we cannot tell the baseline was below LLN: never GRADED on a guess, but a lower bound or not
        // gradable, saying why. With an LLN above the baseline (what the flag stands for) we agree row for row.
        List<Map<String, String>> rows = rowsOf(Deviation.LOW_BASELINE_FLAG_WITHOUT_LLN);
        assertEquals(5, rows.size());
        for (Map<String, String> row : rows) {
            Grading withoutLln = AdmiralRows.grade(V6, row, "umol/L");
            assertNotEquals(GradingStatus.GRADED, withoutLln.status(), withoutLln.explanation());
            assertTrue(withoutLln.explanation().contains("was below LLN cannot be told"), withoutLln.explanation());
            if (row.get("expected_grade").equals("NA")) {
                assertEquals(GradingStatus.NOT_GRADABLE, withoutLln.status(), withoutLln.explanation());
            }
            String lln = AdmiralRows.number(row.get("baseline_value")).add(new BigDecimal("0.5")).toPlainString();
            AdmiralRows.assertGrade(row.get("expected_grade"), AdmiralRows.grade(V6, row, "umol/L", lln), row);
        }
    }

    @Test
    void admiralAndWeAgreeOnWhichBaselinesAreAbnormal() {
        int compared = 0;
        for (Map<String, String> row : v6Rows()) {
            String nrind = row.get("baseline_nrind");
            BigDecimal baseline = AdmiralRows.number(row.get("baseline_value"));
            BigDecimal uln = AdmiralRows.number(row.get("uln"));
            if (nrind.isEmpty() || nrind.equals("NA") || baseline == null || uln == null) {
                continue;
            }
            assertEquals(AdmiralRows.abnormalBaseline(row), baseline.compareTo(uln) > 0,
                    "admiral's BNRIND " + nrind + " disagrees with BASE " + baseline + " vs ULN " + uln);
            compared++;
        }
        assertTrue(compared > 100, "rows compared: " + compared);
    }

    /**
     * CRITERIA.md 1: admiral's v6 text was taken before NCI's errata of 2026-01-20, so it differs from ours in exactly
     * the errata's places; its code, and so its expected grades, already follow the corrected meaning.
     */
    @Test
    void admiralsV6TextPredatesTheErrataButItsCodeFollowsThem() {
        Path csv = SharedReference.ctcaeFile("admiral_atoxgr_criteria_ctcv6.csv").orElse(null);
        assumeTrue(csv != null, "shared/reference/ctcae/admiral_atoxgr_criteria_ctcv6.csv not present");
        Set<String> differences = new TreeSet<>();
        int compared = 0;
        for (Map<String, String> metadata : SharedReference.readCsv(csv)) {
            TermCriteria ours = V6.criteria().terms().stream()
                    .filter(term -> term.term().equalsIgnoreCase(metadata.get("TERM"))).findFirst().orElse(null);
            if (ours == null) {
                continue;
            }
            compared++;
            for (int grade = 1; grade <= 5; grade++) {
                String theirs = metadata.get("GRADE_" + grade);
                String nci = ours.nciText().getOrDefault(grade, "-");
                if (!withoutSpaces(theirs).equals(withoutSpaces(nci))) {
                    differences.add(ours.term() + " grade " + grade);
                }
            }
        }
        assertEquals(11, compared, "admiral's v6 metadata has 11 of our lab terms");
        assertEquals(new TreeSet<>(List.of("Creatinine increased grade 2", "Creatinine increased grade 3",
                "Thrombocytopenia grade 4", "Thrombocytopenia grade 5")), differences);
        // ...and its expected grades follow the corrected meaning: a count under 10 x 10^9/L is grade 4
        List<Map<String, String>> thrombocytopenia = v6Rows().stream()
                .filter(row -> row.get("term").equals("Thrombocytopenia") && row.get("expected_grade").equals("4"))
                .toList();
        assertFalse(thrombocytopenia.isEmpty());
        thrombocytopenia.forEach(row -> AdmiralRows.assertGrade("4", AdmiralRows.grade(V6, row, row.get("unit")), row));
    }

    private static Deviation deviation(Map<String, String> row) {
        String term = row.get("term");
        if (term.equals("Creatinine increased") && row.get("baseline_nrind").equals("LOW")
                && row.get("lln").isEmpty()) {
            return Deviation.LOW_BASELINE_FLAG_WITHOUT_LLN;
        }
        if (row.get("unit").equals("NA") && AdmiralRows.isRatioTerm(V6.term(term).orElseThrow())) {
            return Deviation.RATIO_TERM_WITHOUT_UNIT;
        }
        if (row.get("unit").equals("G/L") && Set.of("Anemia", "Hypoalbuminemia").contains(term)) {
            return Deviation.CAPITAL_G_PER_LITRE;
        }
        return Deviation.NONE;
    }

    private static String canonicalUnit(Map<String, String> row) {
        TermCriteria term = V6.term(row.get("term")).orElseThrow();
        return Lab.catalog().byId(term.analytes().get(0)).orElseThrow().ucumUnit();
    }

    private static String withoutSpaces(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static List<Map<String, String>> rowsOf(Deviation deviation) {
        return v6Rows().stream().filter(row -> deviation(row) == deviation).toList();
    }

    private static List<Map<String, String>> v6Rows() {
        return AdmiralRows.of("6.0", V6);
    }
}
