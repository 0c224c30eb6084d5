package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.baseline;
import static org.toxwatch.ctcae.grading.Lab.canonical;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;
import static org.toxwatch.ctcae.grading.Lab.gradeWithBaseline;

/**
 * Alkaline phosphatase, GGT and total bilirubin in v5.0 (CRITERIA.md 2.2): ULN bands when the baseline was normal,
 * low (A3), missing (A4) or is the sample itself (A10); multiples of baseline when it was above ULN. Each cut-off at,
 * just below and just above, with ULN 40 U/L (enzymes) or 21 umol/L (bilirubin) and an abnormal baseline of 60 / 30.
 */
class HepaticTermsTest {

    @ParameterizedTest(name = "{0} {1}, ULN 40, normal baseline -> grade {2}")
    @CsvSource({
            "ALP, 40,     0",
            "ALP, 40.01,  1",
            "ALP, 100,    1",
            "ALP, 100.01, 2",
            "ALP, 200,    2",
            "ALP, 200.01, 3",
            "ALP, 800,    3",
            "ALP, 800.01, 4",
            "GGT, 40,     0",
            "GGT, 40.01,  1",
            "GGT, 100,    1",
            "GGT, 100.01, 2",
            "GGT, 200,    2",
            "GGT, 200.01, 3",
            "GGT, 800,    3",
            "GGT, 800.01, 4",
    })
    void alpAndGgtUlnBands(String analyte, String value, int grade) {
        Grading grading = gradeWithBaseline(canonical(analyte, value, null, "40"), baseline(analyte, "35", null));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade(), grading.explanation());
        assertNull(grading.baseline());
    }

    @ParameterizedTest(name = "{0} {1}, baseline 60 above ULN 40 -> grade {2}")
    @CsvSource({
            "ALP, 119.99, 0",
            "ALP, 120,    1",
            "ALP, 120.01, 1",
            "ALP, 150,    1",
            "ALP, 150.01, 2",
            "ALP, 300,    2",
            "ALP, 300.01, 3",
            "ALP, 1200,   3",
            "ALP, 1200.01, 4",
            "GGT, 119.99, 0",
            "GGT, 120,    1",
            "GGT, 150,    1",
            "GGT, 150.01, 2",
            "GGT, 300.01, 3",
            "GGT, 1200.01, 4",
    })
    void alpAndGgtMultiplesOfAnAbnormalBaseline(String analyte, String value, int grade) {
        // "2.0 - 2.5 x baseline" has no comparator: 2.0 x baseline itself is grade 1 (CRITERIA.md 2.1)
        Grading grading = gradeWithBaseline(canonical(analyte, value, null, "40"), baseline(analyte, "60", "40"));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade(), grading.explanation());
        assertEquals(0, d("60").compareTo(grading.baseline()));
    }

    @ParameterizedTest(name = "bilirubin {0} umol/L, ULN 21, normal baseline -> grade {1}")
    @CsvSource({
            "21,     0",
            "21.01,  1",
            "31.5,   1",
            "31.51,  2",
            "63,     2",
            "63.01,  3",
            "210,    3",
            "210.01, 4",
    })
    void bilirubinUlnBands(String value, int grade) {
        Grading grading = gradeWithBaseline(canonical("BILIRUBIN_TOTAL", value, null, "21"),
                baseline("BILIRUBIN_TOTAL", "12", null));
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @ParameterizedTest(name = "bilirubin {0} umol/L, baseline 30 above ULN 21 -> grade {1}")
    @CsvSource({
            "30,     0",
            "30.01,  1",
            "45,     1",
            "45.01,  2",
            "90,     2",
            "90.01,  3",
            "300,    3",
            "300.01, 4",
    })
    void bilirubinMultiplesOfAnAbnormalBaseline(String value, int grade) {
        // "> 1.0 - 1.5 x baseline": here the comparator is written, so 1.0 x baseline itself is grade 0
        Grading grading = gradeWithBaseline(canonical("BILIRUBIN_TOTAL", value, null, "21"),
                baseline("BILIRUBIN_TOTAL", "30", "21"));
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @Test
    void bilirubinInMgPerDlIsExact() {
        // issue #3 item 4: 1.8 mg/dL against ULN 1.2 is exactly 1.5 x ULN, grade 1, not 2
        Grading onTheCutOff = V5.grade(new TermQuery("Blood bilirubin increased", d("1.8"), "mg/dL", null, d("1.2"),
                null, null, null));
        assertEquals(1, onTheCutOff.grade(), onTheCutOff.explanation());
        assertTrue(onTheCutOff.explanation().contains("1.2 < Bili <= 1.8 mg/dL"), onTheCutOff.explanation());
        Grading justAbove = V5.grade(new TermQuery("Blood bilirubin increased", d("1.8001"), "mg/dL", null, d("1.2"),
                null, null, null));
        assertEquals(2, justAbove.grade(), justAbove.explanation());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALP", "GGT", "BILIRUBIN_TOTAL"})
    void aLowBaselineCountsAsNormal(String analyte) {
        // CRITERIA.md A3: 60 against a baseline of 4 would be 15 x baseline if "abnormal" meant any side
        Grading grading = gradeWithBaseline(new Measurement(analyte, d("60"), canonical(analyte, "1", null, null).unit(),
                d("10"), d("40")), baseline(analyte, "4", null));
        assertEquals("ULN", grading.band().basis());
        assertTrue(grading.explanation().contains("CRITERIA.md A3"), grading.explanation());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALP", "GGT", "BILIRUBIN_TOTAL"})
    void theBaselineSampleIsGradedAgainstUln(String analyte) {
        // CRITERIA.md A10 / admiral #2512: against itself an abnormal baseline would be grade 0
        Measurement sample = canonical(analyte, "60", null, "40");
        Grading grading = gradeOne(new GradingRequest(List.of(sample), Map.of(analyte, baseline(analyte, "60", "40")),
                true));
        assertEquals(1, grading.grade(), grading.explanation());
        assertTrue(grading.explanation().contains("A10"), grading.explanation());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALP", "GGT", "BILIRUBIN_TOTAL"})
    void withoutUlnNothingCanBeSaid(String analyte) {
        Grading grading = gradeOne(canonical(analyte, "100", null, null));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertTrue(grading.explanation().contains("cannot be graded without the ULN"), grading.explanation());
    }
}
