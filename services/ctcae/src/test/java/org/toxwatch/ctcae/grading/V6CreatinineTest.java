package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V6;
import static org.toxwatch.ctcae.grading.Lab.baseline;
import static org.toxwatch.ctcae.grading.Lab.baselineWithLimits;
import static org.toxwatch.ctcae.grading.Lab.canonical;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;
import static org.toxwatch.ctcae.grading.Lab.gradeWithBaseline;

/**
 * Creatinine increased, v6.0: ULN bands as in v5.0, and the "x baseline" clause only if the baseline was below LLN
 * (errata: the word "baseline" restored); the higher grade of the two clauses counts.
 */
class V6CreatinineTest {

    @ParameterizedTest(name = "creatinine {0} umol/L, LLN 60, ULN 100, baseline {1} -> grade {2}")
    @CsvSource({
            // no baseline: ULN bands
            "100,    ,   0",
            "100.01, ,   1",
            "150,    ,   1",
            "150.01, ,   2",
            "300,    ,   2",
            "300.01, ,   3",
            "600,    ,   3",
            "600.01, ,   4",
            // baseline 50 below LLN: > 1.5 and > 3.0 x baseline
            "75,     50, 0",
            "75.01,  50, 2",
            "150,    50, 2",
            "150.01, 50, 3",
            "650,    50, 4",
            // baseline 70 within range: the clause does not apply (v5.0 would give grade 2 at 1.51 x baseline)
            "105.7,  70, 1",
            "210.01, 70, 2",
            // baseline 120 above ULN: not below LLN either
            "200,    120, 2",
    })
    void ulnBandsOrMultiplesOfALowBaseline(String value, String baselineValue, int grade) {
        Measurement creatinine = canonical("CREATININE", value, "60", "100");
        Grading grading = baselineValue == null ? gradeOne(V6, creatinine)
                : gradeWithBaseline(V6, creatinine, baseline("CREATININE", baselineValue, null));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @Test
    void theBaselineClauseIsNamedWhenItApplies() {
        Grading grading = gradeWithBaseline(V6, canonical("CREATININE", "130", "60", "100"),
                baseline("CREATININE", "40", null));
        assertEquals(3, grading.grade());
        assertEquals("BASELINE", grading.band().basis());
        assertEquals(">3.0 x baseline if baseline is below LLN", grading.band().nciText());
        assertTrue(grading.explanation().contains("Baseline 40 umol/L was below the current LLN 60 umol/L."),
                grading.explanation());
        assertTrue(grading.explanation().contains("only to a baseline below LLN"), grading.explanation());
        assertTrue(grading.explanation().contains("By the multiples of ULN: grade 1"), grading.explanation());
    }

    @Test
    void theBaselinesOwnLlnDecidesWhenItCameWithIt() {
        Grading grading = gradeWithBaseline(V6, canonical("CREATININE", "80", null, "100"),
                baselineWithLimits("CREATININE", "50", "60", "100"));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(2, grading.grade());
        assertTrue(grading.explanation().contains("was below its own LLN 60 umol/L"), grading.explanation());
    }

    @Test
    void aBaselineAtOrAboveUlnIsNotBelowLlnEvenWithoutAnLln() {
        // LLN <= ULN, so a baseline of 100 with ULN 100 cannot be below LLN (admiral's NORMAL rows have no LLN)
        Grading grading = gradeWithBaseline(V6, canonical("CREATININE", "160", null, "100"),
                baseline("CREATININE", "100", null));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(2, grading.grade());
        assertTrue(grading.explanation().contains("was not below LLN: it is not below the current ULN 100 umol/L"),
                grading.explanation());
    }

    @Test
    void aBaselineBelowUlnWithoutAnyLlnLeavesTheClauseOpen() {
        // 130 is ULN grade 1; 3.25 x a baseline of 40 would be grade 3 if the baseline was below LLN
        Grading grading = gradeWithBaseline(V6, canonical("CREATININE", "130", null, "100"),
                baseline("CREATININE", "40", null));
        assertEquals(GradingStatus.LOWER_BOUND, grading.status(), grading.explanation());
        assertEquals(1, grading.grade());
        assertTrue(grading.explanation().contains("whether the Creat baseline 40 umol/L was below LLN cannot be told"),
                grading.explanation());
    }

    @Test
    void withoutUlnTheBaselineClauseGivesALowerBound() {
        // CRITERIA.md A11: creatinine without ULN
        Grading lowerBound = gradeWithBaseline(V6, canonical("CREATININE", "80", "60", null),
                baseline("CREATININE", "50", null));
        assertEquals(GradingStatus.LOWER_BOUND, lowerBound.status(), lowerBound.explanation());
        assertEquals(2, lowerBound.grade());
        Grading nothingKnown = gradeWithBaseline(V6, canonical("CREATININE", "70", "60", null),
                baseline("CREATININE", "50", null));
        assertEquals(GradingStatus.NOT_GRADABLE, nothingKnown.status(), nothingKnown.explanation());
        assertNull(nothingKnown.grade());
    }

    @Test
    void theBaselineSampleIsNotAMultipleOfItself() {
        Grading grading = gradeOne(V6, new GradingRequest(List.of(canonical("CREATININE", "50", "60", "100")),
                Map.of("CREATININE", baseline("CREATININE", "50", null)), true));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(0, grading.grade());
    }
}
