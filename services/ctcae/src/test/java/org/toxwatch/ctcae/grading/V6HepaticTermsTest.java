package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V6;
import static org.toxwatch.ctcae.grading.Lab.baseline;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.enzyme;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;
import static org.toxwatch.ctcae.grading.Lab.gradeWithBaseline;

/**
 * CTCAE v6.0 hepatic terms. A baseline "normal or less than normal" keeps the ULN bands; a baseline above ULN switches
 * to v6.0's tighter multiples of baseline, whose first band includes the baseline itself ("1.0 - 1.5 x baseline").
 * AST/ALT grade 3 limits its clause to a baseline "up to 5 x ULN" (CRITERIA.md A12, no ruling yet): read strictly,
 * the multiples apply to any baseline above ULN and, above 5 x ULN, the ULN bands apply as well. ALP has one grade:
 * above both the baseline and ULN.
 */
class V6HepaticTermsTest {

    @ParameterizedTest(name = "{0} {1} U/L, ULN 40, baseline {2} -> grade {3}")
    @CsvSource({
            // normal baseline: ULN bands as in v5.0
            "AST, 40,     30, 0",
            "AST, 40.01,  30, 1",
            "AST, 120,    30, 1",
            "AST, 120.01, 30, 2",
            "AST, 200,    30, 2",
            "AST, 200.01, 30, 3",
            "AST, 800,    30, 3",
            "AST, 800.01, 30, 4",
            // a baseline below LLN counts as normal ("normal or less than normal")
            "ALT, 60,     4,  1",
            "ALT, 200.01, 4,  3",
            // baseline 95 above ULN 40 (2.375 x ULN): 1.0 / 1.5 / 2.0 / 4.0 x baseline
            "AST, 94.99,  95, 0",
            "AST, 95,     95, 1",
            "AST, 142.5,  95, 1",
            "AST, 142.51, 95, 2",
            "AST, 190,    95, 2",
            "AST, 190.01, 95, 3",
            "AST, 380,    95, 3",
            "AST, 380.01, 95, 4",
            "ALT, 95,     95, 1",
            "ALT, 142.51, 95, 2",
            "ALT, 190.01, 95, 3",
            "ALT, 380.01, 95, 4",
            // exactly 5 x ULN is still "up to 5 x ULN": multiples of baseline only
            "AST, 250,    200, 1",
            "AST, 800,    200, 3",
            "AST, 800.01, 200, 4",
    })
    void transaminases(String analyte, String value, String baselineValue, int grade) {
        Grading grading = gradeWithBaseline(V6, enzyme(analyte, value, "40"), baseline(analyte, baselineValue, null));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @Test
    void anAbnormalBaselineUsesV6MultiplesAndNamesTheA12Reading() {
        Grading grading = gradeWithBaseline(V6, enzyme("ALT", "200", "40"), baseline("ALT", "95", "40"));
        assertEquals(3, grading.grade());
        assertEquals("BASELINE", grading.band().basis());
        assertEquals(">2.0 - 4.0 x baseline if baseline was >ULN up to 5 x ULN", grading.band().nciText());
        assertEquals(0, d("95").compareTo(grading.baseline()));
        String explanation = grading.explanation();
        assertTrue(explanation.contains("Baseline 95 U/L was above its own ULN 40 U/L, so the bands are multiples of "
                + "baseline (NCI: \"if baseline was >ULN\")"), explanation);
        assertTrue(explanation.contains("(CRITERIA.md A12)"), explanation);
        assertTrue(explanation.contains("read strictly"), explanation);
    }

    @ParameterizedTest(name = "{0} {1} U/L, ULN 40, baseline {2} above 5 x ULN -> grade {3} (by {4})")
    @CsvSource({
            // baseline 250 = 6.25 x ULN; multiples of baseline alone would say 0, 0, 1, 1, 3, 3, 4; a tie names the
            // multiples of baseline, which come first in the file
            "AST, 200,    250, 2, ULN",
            "AST, 240,    250, 3, ULN",
            "AST, 260,    250, 3, ULN",
            "ALT, 375,    250, 3, ULN",
            "ALT, 500.01, 250, 3, BASELINE",
            "ALT, 800.01, 250, 4, ULN",
            "ALT, 1000.01, 250, 4, BASELINE",
            // a value below ULN is grade 0 on both readings
            "AST, 39,     250, 0, ",
    })
    void aboveFiveTimesUlnTheUlnBandsApplyAsWell(String analyte, String value, String baselineValue, int grade,
                                                 String basis) {
        Grading grading = gradeWithBaseline(V6, enzyme(analyte, value, "40"), baseline(analyte, baselineValue, null));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
        if (basis != null) {
            assertEquals(basis, grading.band().basis(), grading.explanation());
        }
        assertTrue(grading.explanation().contains("The baseline is above 5 x ULN, so the ULN bands apply as well"),
                grading.explanation());
    }

    @Test
    void theStricterA12ReadingNeverGradesBelowAdmiralsReading() {
        // admiral ignores "up to 5 x ULN" and keeps the multiples of baseline (CRITERIA.md A12); ours is never lower
        for (String baselineValue : List.of("41", "95", "200", "200.01", "250", "900")) {
            for (int tenths = 0; tenths <= 40000; tenths += 7) {
                String value = d(String.valueOf(tenths)).movePointLeft(1).toPlainString();
                Grading ours = gradeWithBaseline(V6, enzyme("AST", value, "40"), baseline("AST", baselineValue, null));
                int admiral = multiplesOfBaselineOnly(d(value), d(baselineValue));
                assertTrue(ours.grade() >= admiral, () -> "AST " + value + " baseline " + baselineValue + ": "
                        + ours.explanation());
                if (d(baselineValue).compareTo(d("200")) <= 0) {
                    assertEquals(admiral, ours.grade(), () -> "up to 5 x ULN the readings agree: AST " + value);
                }
            }
        }
    }

    /** v6.0 AST multiples of an abnormal baseline, as admiral codes them (1.0 inclusive, then >1.5, >2.0, >4.0). */
    private static int multiplesOfBaselineOnly(BigDecimal value, BigDecimal baseline) {
        if (value.compareTo(baseline.multiply(d("4"))) > 0) {
            return 4;
        }
        if (value.compareTo(baseline.multiply(d("2"))) > 0) {
            return 3;
        }
        if (value.compareTo(baseline.multiply(d("1.5"))) > 0) {
            return 2;
        }
        return value.compareTo(baseline) >= 0 ? 1 : 0;
    }

    @Test
    void theBaselineSampleIsGradedAgainstUlnNotAgainstItself() {
        // CRITERIA.md A10: against itself, v6.0's "1.0 - 1.5 x baseline" would always make it grade 1
        Grading grading = gradeOne(V6, new GradingRequest(List.of(enzyme("AST", "300", "40")),
                Map.of("AST", baseline("AST", "300", "40")), true));
        assertEquals(3, grading.grade());
        assertEquals("ULN", grading.band().basis());
        assertTrue(grading.explanation().contains("A10"), grading.explanation());
    }

    @ParameterizedTest(name = "bilirubin {0} umol/L, ULN 21, baseline {1} -> grade {2}")
    @CsvSource({
            "21,     10, 0",
            "21.01,  10, 1",
            "31.5,   10, 1",
            "31.51,  10, 2",
            "63,     10, 2",
            "63.01,  10, 3",
            "210,    10, 3",
            "210.01, 10, 4",
            // baseline 30 above ULN: 1.0 / 1.5 / 2.5 / 10 x baseline
            "29.99,  30, 0",
            "30,     30, 1",
            "45,     30, 1",
            "45.01,  30, 2",
            "75,     30, 2",
            "75.01,  30, 3",
            "300,    30, 3",
            "300.01, 30, 4",
    })
    void bloodBilirubinIncreased(String value, String baselineValue, int grade) {
        Grading grading = gradeWithBaseline(V6, new Measurement("BILIRUBIN_TOTAL", d(value), "umol/L", null, d("21")),
                baseline("BILIRUBIN_TOTAL", baselineValue, null));
        assertEquals("Blood bilirubin increased", grading.term());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @ParameterizedTest(name = "GGT {0} U/L, ULN 40, baseline {1} -> grade {2}")
    @CsvSource({
            "40,     30, 0",
            "40.01,  30, 1",
            "100,    30, 1",
            "100.01, 30, 2",
            "200.01, 30, 3",
            "800.01, 30, 4",
            // baseline 90 above ULN: 1.0 / 1.5 / 3.0 / 10 x baseline (v5.0's "2.0 - 2.5" is gone)
            "89.99,  90, 0",
            "90,     90, 1",
            "135,    90, 1",
            "135.01, 90, 2",
            "180,    90, 2",
            "270,    90, 2",
            "270.01, 90, 3",
            "900,    90, 3",
            "900.01, 90, 4",
    })
    void ggtIncreased(String value, String baselineValue, int grade) {
        Grading grading = gradeWithBaseline(V6, enzyme("GGT", value, "40"), baseline("GGT", baselineValue, null));
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @ParameterizedTest(name = "ALP {0} U/L, ULN {1}, baseline {2} -> {3}")
    @CsvSource({
            "130,  120, 100, 1",
            "2000, 120, 100, 1",
            "120,  120, 100, 0",
            "120.01, 120, 100, 1",
            "110,  100, 120, 0",
            "120,  100, 120, 0",
            "120.01, 100, 120, 1",
            "90,   100, ,    0",
            "100,  100, ,    0",
            "100.01, 100, ,  NOT_GRADABLE",
            "130,  ,    150, 0",
            "130,  ,    100, NOT_GRADABLE",
    })
    void alkalinePhosphataseAboveBothBaselineAndUln(String value, String uln, String baselineValue, String expected) {
        Measurement alp = new Measurement("ALP", d(value), "U/L", null, d(uln));
        Grading grading = baselineValue == null ? gradeOne(V6, alp)
                : gradeWithBaseline(V6, alp, baseline("ALP", baselineValue, null));
        if (expected.equals("NOT_GRADABLE")) {
            assertEquals(GradingStatus.NOT_GRADABLE, grading.status(), grading.explanation());
            assertNull(grading.grade());
        } else {
            assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
            assertEquals(Integer.valueOf(expected), grading.grade(), grading.explanation());
        }
    }

    @Test
    void alkalinePhosphataseHasNoGradeAboveOne() {
        Grading grading = gradeWithBaseline(V6, enzyme("ALP", "5000", "120"), baseline("ALP", "100", null));
        assertEquals(1, grading.grade());
        assertEquals(">Baseline and ULN", grading.band().nciText());
        assertTrue(grading.explanation().contains("deleted grades 2-4"), grading.explanation());
        // v5.0 would call the same value grade 4 (> 20 x ULN)
        assertEquals(4, Lab.gradeWithBaseline(enzyme("ALP", "5000", "120"), baseline("ALP", "100", null)).grade());
    }

    @Test
    void theAlkalinePhosphataseBaselineSampleIsNotComparedWithItself() {
        Grading grading = gradeOne(V6, new GradingRequest(List.of(enzyme("ALP", "300", "120")),
                Map.of("ALP", baseline("ALP", "300", "120")), true));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status(), grading.explanation());
        assertTrue(grading.explanation().contains("this sample is the baseline itself (CRITERIA.md A10)"),
                grading.explanation());
        assertFalse(grading.explanation().contains("grade 0"), grading.explanation());
    }
}
