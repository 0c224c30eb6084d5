package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.baseline;
import static org.toxwatch.ctcae.grading.Lab.canonical;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;
import static org.toxwatch.ctcae.grading.Lab.gradeWithBaseline;

/**
 * Creatinine increased, v5.0: ULN bands "or" multiples of baseline, whatever the baseline (CRITERIA.md A5), the higher
 * grade counting; without ULN only a lower bound is knowable (A11).
 */
class CreatinineTest {

    @ParameterizedTest(name = "creatinine {0} umol/L, ULN 100, no baseline -> grade {1}")
    @CsvSource({
            "100,    0",
            "100.01, 1",
            "150,    1",
            "150.01, 2",
            "300,    2",
            "300.01, 3",
            "600,    3",
            "600.01, 4",
    })
    void ulnBands(String value, int grade) {
        Grading grading = gradeOne(canonical("CREATININE", value, null, "100"));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @ParameterizedTest(name = "creatinine {0} umol/L, ULN 100, baseline {1} -> grade {2}")
    @CsvSource({
            // the clause applies below ULN too: 1.6 x a normal baseline is grade 2 (A5)
            "64,     40, 2",
            "60,     40, 0",
            "60.01,  40, 2",
            "120,    40, 2",
            "120.01, 40, 3",
            // ULN band higher than the baseline clause: the higher counts
            "650,    300, 4",
            // a high baseline: 1.5 x 90 = 135 is ULN grade 1, the baseline clause gives nothing yet
            "135,    90, 1",
            "135.01, 90, 2",
    })
    void theBaselineClauseAppliesWhateverTheBaseline(String value, String baselineValue, int grade) {
        Grading grading = gradeWithBaseline(canonical("CREATININE", value, null, "100"),
                baseline("CREATININE", baselineValue, null));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @Test
    void theExplanationNamesReadingA5AndBothClauses() {
        Grading grading = gradeWithBaseline(canonical("CREATININE", "80", null, "100"),
                baseline("CREATININE", "40", null));
        assertEquals(2, grading.grade());
        assertEquals(0, d("40").compareTo(grading.baseline()), "the baseline decided");
        assertEquals("BASELINE", grading.band().basis());
        assertTrue(grading.explanation().contains("i.e. 1.5 x baseline < Creat <= 3 x baseline"), grading.explanation());
        assertTrue(grading.explanation().contains("By the multiples of ULN: grade 0."), grading.explanation());
        assertTrue(grading.explanation().contains("(CRITERIA.md A5)"), grading.explanation());
        assertTrue(grading.explanation().contains("ULN 100 umol/L"), grading.explanation());
        assertTrue(grading.explanation().contains("Baseline 40 umol/L"), grading.explanation());
    }

    @Test
    void withoutUlnTheBaselineClauseGivesALowerBound() {
        Grading grading = gradeWithBaseline(canonical("CREATININE", "130", null, null),
                baseline("CREATININE", "40", null));
        assertEquals(GradingStatus.LOWER_BOUND, grading.status());
        assertEquals(3, grading.grade());
        assertTrue(grading.explanation().contains("at least grade 3"), grading.explanation());
        assertTrue(grading.explanation().contains("cannot be graded without the ULN"), grading.explanation());
        assertTrue(grading.explanation().contains("lower bound (CRITERIA.md A11)"), grading.explanation());
    }

    @Test
    void withoutUlnAndNothingFromTheBaselineThereIsNoGrade() {
        // "at least grade 0" says nothing: not gradable, as admiral (NA)
        Grading grading = gradeWithBaseline(canonical("CREATININE", "42", null, null),
                baseline("CREATININE", "42", null));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertNull(grading.grade());
        Grading noBaseline = gradeOne(canonical("CREATININE", "42", null, null));
        assertEquals(GradingStatus.NOT_GRADABLE, noBaseline.status());
    }

    @Test
    void theBaselineSampleItselfIsGradedOnUlnOnly() {
        Grading grading = gradeOne(new GradingRequest(List.of(canonical("CREATININE", "80", null, "100")),
                Map.of("CREATININE", baseline("CREATININE", "40", null)), true));
        assertEquals(0, grading.grade(), grading.explanation());
        assertTrue(grading.explanation().contains("A10"), grading.explanation());
        assertFalse(grading.explanation().contains("A5"), grading.explanation());
    }

    @Test
    void withoutABaselineOnlyTheUlnClauseIsChecked() {
        Grading grading = gradeOne(canonical("CREATININE", "80", null, "100"));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(0, grading.grade());
        assertTrue(grading.explanation().contains("no multiple of baseline could be checked"), grading.explanation());
    }

    @Test
    void aZeroBaselineIsNoReference() {
        Grading grading = gradeWithBaseline(canonical("CREATININE", "80", null, "100"),
                baseline("CREATININE", "0", null));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status(), grading.explanation());
        assertTrue(grading.explanation().contains("baseline is 0"), grading.explanation());
    }

    @Test
    void milligramsPerDecilitreAreExactOnTheCutOffs() {
        // 1.8 mg/dL against ULN 1.2 mg/dL is exactly 1.5 x ULN: grade 1, in every unit path
        Grading grading = V5.grade(new TermQuery("Creatinine increased", d("1.8"), "mg/dL", null, d("1.2"), null,
                null, null));
        assertEquals(1, grading.grade(), grading.explanation());
        Grading baselineCutOff = V5.grade(new TermQuery("Creatinine increased", d("1.8"), "mg/dL", null, d("2.0"),
                d("0.6"), null, null));
        assertEquals(2, baselineCutOff.grade(), "exactly 3 x baseline is grade 2: " + baselineCutOff.explanation());
        assertTrue(baselineCutOff.explanation().contains("0.9 < Creat <= 1.8 mg/dL"), baselineCutOff.explanation());
    }
}
