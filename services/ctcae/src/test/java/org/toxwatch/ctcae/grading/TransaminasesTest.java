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
import static org.toxwatch.ctcae.grading.Lab.baseline;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.enzyme;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;
import static org.toxwatch.ctcae.grading.Lab.gradeWithBaseline;

/**
 * AST/ALT in v5.0: ULN bands when the baseline was normal, low (A3), missing (A4) or the sample is the baseline itself
 * (A10); multiples of baseline when the baseline was above ULN, where x < 1.5 x baseline has no grade.
 */
class TransaminasesTest {

    @ParameterizedTest(name = "{0} {1} U/L, ULN 40, normal baseline -> grade {2}")
    @CsvSource({
            "AST, 40,     0",
            "AST, 40.01,  1",
            "AST, 120,    1",
            "AST, 120.01, 2",
            "AST, 200,    2",
            "AST, 200.01, 3",
            "AST, 800,    3",
            "AST, 800.01, 4",
            "ALT, 40,     0",
            "ALT, 40.01,  1",
            "ALT, 120,    1",
            "ALT, 120.01, 2",
            "ALT, 200,    2",
            "ALT, 200.01, 3",
            "ALT, 800,    3",
            "ALT, 800.01, 4",
    })
    void ulnBandsWhenTheBaselineWasNormal(String analyte, String value, int grade) {
        Grading grading = gradeWithBaseline(enzyme(analyte, value, "40"), baseline(analyte, "30", null));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade());
        assertNull(grading.baseline(), "no baseline-relative band applied");
        if (grading.band() != null) {
            assertEquals("ULN", grading.band().basis());
        }
        assertTrue(grading.explanation().contains("ULN bands apply (CRITERIA.md A3"), grading.explanation());
    }

    @ParameterizedTest(name = "{0} {1} U/L, baseline 95 above ULN 40 -> grade {2}")
    @CsvSource({
            "AST, 100,     0",
            "AST, 133,     0",
            "AST, 142.49,  0",
            "AST, 142.5,   1",
            "AST, 142.51,  1",
            "AST, 285,     1",
            "AST, 285.01,  2",
            "AST, 475,     2",
            "AST, 475.01,  3",
            "AST, 1900,    3",
            "AST, 1900.01, 4",
            "ALT, 133,     0",
            "ALT, 142.5,   1",
            "ALT, 285.01,  2",
            "ALT, 1900.01, 4",
    })
    void multiplesOfBaselineWhenTheBaselineWasAboveUln(String analyte, String value, int grade) {
        Grading grading = gradeWithBaseline(enzyme(analyte, value, "40"), baseline(analyte, "95", "40"));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade());
        assertEquals(0, d("95").compareTo(grading.baseline()));
        if (grading.band() != null) {
            assertEquals("BASELINE", grading.band().basis());
        }
        assertTrue(grading.explanation().contains("so the bands are multiples of baseline"), grading.explanation());
    }

    @Test
    void onePointFourTimesAbnormalBaselineIsGradeZeroAndOnePointFiveIsGradeOne() {
        Grading below = gradeWithBaseline(enzyme("ALT", "56", "39"), baseline("ALT", "40", null));
        assertEquals(GradingStatus.GRADED, below.status());
        assertEquals(0, below.grade());
        assertNull(below.band());
        assertTrue(below.explanation().contains("grade 1 needs 60 <= ALT <= 120 U/L, i.e. 1.5 x baseline <= ALT"),
                below.explanation());

        Grading exactly = gradeWithBaseline(enzyme("ALT", "60", "39"), baseline("ALT", "40", null));
        assertEquals(1, exactly.grade());
        assertEquals(0, d("60").compareTo(exactly.band().lower()));
        assertTrue(exactly.band().lowerInclusive());
        assertEquals("1.5 - 3.0 x baseline if baseline was abnormal", exactly.band().nciText());
    }

    @Test
    void theBaselineSampleIsGradedAgainstUlnNotAgainstItself() {
        // CRITERIA.md A10 / admiral #2512: against itself an abnormal baseline would always be grade 0
        Baseline itself = baseline("AST", "95", "40");
        Grading grading = gradeOne(new GradingRequest(List.of(enzyme("AST", "95", "40")), Map.of("AST", itself), true));
        assertEquals(1, grading.grade());
        assertEquals("ULN", grading.band().basis());
        assertNull(grading.baseline());
        assertTrue(grading.explanation().contains("A10"), grading.explanation());
    }

    @Test
    void missingBaselineMeansUlnBands() {
        Grading grading = gradeOne(enzyme("AST", "95", "40"));
        assertEquals(1, grading.grade());
        assertTrue(grading.explanation().contains("No AST baseline was available, so ULN bands apply (CRITERIA.md A4)"),
                grading.explanation());
    }

    @Test
    void lowBaselineCountsAsNormal() {
        // CRITERIA.md A3: ALT 60 against baseline 4 would be 15 x baseline (grade 3) if a low baseline were "abnormal"
        Grading grading = gradeWithBaseline(new Measurement("ALT", d("60"), "U/L", d("7"), d("40")),
                baseline("ALT", "4", null));
        assertEquals(1, grading.grade());
        assertEquals("ULN", grading.band().basis());
    }

    @Test
    void theBaselinesOwnUlnDecidesWhetherItWasAbnormal() {
        // baseline 45 is above today's ULN 40 but not above the ULN it was measured against (50)
        Grading normal = gradeWithBaseline(enzyme("AST", "70", "40"), baseline("AST", "45", "50"));
        assertEquals(1, normal.grade());
        assertEquals("ULN", normal.band().basis());
        assertTrue(normal.explanation().contains("its own ULN 50"), normal.explanation());
        // and the other way round: above its own ULN 35, though today's ULN is 50
        Grading abnormal = gradeWithBaseline(enzyme("AST", "70", "50"), baseline("AST", "45", "35"));
        assertEquals(1, abnormal.grade());
        assertEquals("BASELINE", abnormal.band().basis());
        assertEquals(0, gradeWithBaseline(enzyme("AST", "60", "50"), baseline("AST", "45", "35")).grade());
    }

    @Test
    void baselineBandsNeedNoCurrentUlnWhenTheBaselineCarriesItsOwn() {
        Grading grading = gradeWithBaseline(enzyme("AST", "300", null), baseline("AST", "95", "40"));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(2, grading.grade());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AST", "ALT"})
    void missingUlnIsNotGradable(String analyte) {
        Grading grading = gradeOne(enzyme(analyte, "100", null));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertNull(grading.grade());
        assertTrue(grading.explanation().contains("cannot be graded without the ULN"), grading.explanation());
    }

    @Test
    void baselineWithoutAnyUlnIsNotGradable() {
        Grading grading = gradeWithBaseline(enzyme("AST", "100", null), baseline("AST", "95", null));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertTrue(grading.explanation().contains("was above ULN cannot be told"), grading.explanation());
    }

    @Test
    void implausibleBaselineIsNotGradable() {
        Grading grading = gradeWithBaseline(enzyme("AST", "100", "40"), baseline("AST", "-3", null));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertTrue(grading.explanation().contains("not a plausible value"), grading.explanation());
    }

    @Test
    void multiplesAreExactDecimals() {
        // binary floating point gives 3 x 0.6 = 1.7999999999999998 and 1.5 x 1.2 = 1.7999999999999998 (CRITERIA.md 2.1)
        assertEquals(1, gradeOne(enzyme("AST", "1.8", "0.6")).grade());
        assertEquals(2, gradeOne(enzyme("AST", "1.8000001", "0.6")).grade());
        assertEquals(1, gradeWithBaseline(enzyme("ALT", "1.8", "1.0"), baseline("ALT", "1.2", null)).grade());
        assertEquals(0, gradeWithBaseline(enzyme("ALT", "1.7999999", "1.0"), baseline("ALT", "1.2", null)).grade());
    }

    @Test
    void explanationShowsTheMultipleAndTheUln() {
        String explanation = gradeOne(enzyme("AST", "150", "40")).explanation();
        assertTrue(explanation.startsWith("Aspartate aminotransferase increased grade 2 (CTCAE v5.0): "), explanation);
        assertTrue(explanation.contains("120 < AST <= 200 U/L, i.e. 3 x ULN < AST <= 5 x ULN"), explanation);
        assertTrue(explanation.contains("ULN 40 U/L."), explanation);
    }
}
