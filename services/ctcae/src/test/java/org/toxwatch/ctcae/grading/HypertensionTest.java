package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.diastolic;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;
import static org.toxwatch.ctcae.grading.Lab.systolic;

/**
 * v5.0 adult hypertension from one reading: max(SBP band, DBP band) because NCI joins them with "or"; a value in the
 * gap between integer bands goes to the upper band (A7); grade 4 is clinical, so a reading caps at 3.
 */
class HypertensionTest {

    @ParameterizedTest(name = "SBP {0} (DBP 70) -> grade {1}")
    @CsvSource({
            "90,    0",
            "119,   0",
            "119.9, 0",
            "120,   1",
            "120.1, 1",
            "139,   1",
            "139.5, 2",
            "140,   2",
            "140.1, 2",
            "159,   2",
            "159.5, 3",
            "160,   3",
            "160.1, 3",
            "250,   3",
    })
    void systolicBands(String sbp, int grade) {
        Grading grading = gradeOne(systolic(sbp), diastolic("70"));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade());
    }

    @ParameterizedTest(name = "DBP {0} (SBP 100) -> grade {1}")
    @CsvSource({
            "60,   0",
            "79,   0",
            "79.9, 0",
            "80,   1",
            "89,   1",
            "89.5, 2",
            "90,   2",
            "99,   2",
            "99.5, 3",
            "100,  3",
            "130,  3",
    })
    void diastolicBands(String dbp, int grade) {
        Grading grading = gradeOne(systolic("100"), diastolic(dbp));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade());
    }

    @ParameterizedTest(name = "{0}/{1} -> grade {2} decided by {3}")
    @CsvSource({
            "125, 95,  2, DIASTOLIC_BP",
            "165, 85,  3, SYSTOLIC_BP",
            "145, 92,  2, SYSTOLIC_BP",
            "118, 101, 3, DIASTOLIC_BP",
            "110, 70,  0, SYSTOLIC_BP",
    })
    void aReadingTakesTheHigherGradeOfItsComponents(String sbp, String dbp, int grade, String decidedBy) {
        List<Grading> gradings = V5.grade(GradingRequest.of(systolic(sbp), diastolic(dbp)));
        assertEquals(1, gradings.size(), "one Hypertension grading per reading");
        Grading grading = gradings.get(0);
        assertEquals("Hypertension", grading.term());
        assertEquals(grade, grading.grade());
        assertEquals(decidedBy, grading.analyte());
        assertNull(grading.lowerLimit());
        assertNull(grading.upperLimit());
    }

    @Test
    void aValueInTheGapBetweenIntegerBandsGoesUpAndSaysWhy() {
        Grading gap = gradeOne(systolic("139.5"), diastolic("85"));
        assertEquals(2, gap.grade());
        assertTrue(gap.explanation().contains("139.5 lies in the gap between NCI's bands (139 and 140 mm[Hg])"),
                gap.explanation());
        assertTrue(gap.explanation().contains("A7"), gap.explanation());
        assertFalse(gradeOne(systolic("140"), diastolic("85")).explanation().contains("A7"));
    }

    @ParameterizedTest(name = "only {0} {1} -> at least grade {2}")
    @CsvSource({
            "SBP, 150, 2",
            "SBP, 165, 3",
            "SBP, 110, 0",
            "DBP, 105, 3",
            "DBP, 85,  1",
    })
    void oneComponentMissingGivesALowerBound(String component, String value, int grade) {
        Measurement present = component.equals("SBP") ? systolic(value) : diastolic(value);
        Grading grading = gradeOne(present);
        assertEquals("Hypertension", grading.term());
        assertEquals(GradingStatus.LOWER_BOUND, grading.status());
        assertEquals(grade, grading.grade());
        assertEquals(present.analyte(), grading.analyte());
        String missing = component.equals("SBP") ? "DBP" : "SBP";
        assertTrue(grading.explanation().contains(missing + " was not reported, so the grade is a lower bound "
                + "(CRITERIA.md A11)"), grading.explanation());
        assertTrue(grading.explanation().contains("at least grade " + grade), grading.explanation());
    }

    @Test
    void aReadingNeverReachesTheClinicalGrade4() {
        Grading grading = gradeOne(systolic("260"), diastolic("150"));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(3, grading.grade());
        assertTrue(grading.explanation().contains("Grade 4 and 5 need clinical findings, so a reading alone "
                + "reaches at most grade 3"), grading.explanation());
        assertFalse(gradeOne(systolic("145"), diastolic("85")).explanation().contains("at most grade 3"));
    }

    @Test
    void explanationCoversBothComponentsAndTheCaveats() {
        String explanation = gradeOne(systolic("145"), diastolic("85")).explanation();
        assertTrue(explanation.startsWith("Hypertension grade 2 (CTCAE v5.0): SBP 145 mm[Hg] is in the band "
                + "139 < SBP <= 159 mm[Hg] (NCI: Systolic BP 140 - 159 mm Hg)"), explanation);
        assertTrue(explanation.contains("DBP 85 mm[Hg] gives grade 1 (80 <= DBP <= 89)"), explanation);
        assertTrue(explanation.contains("A8"), explanation);
    }

    @Test
    void implausibleComponentMakesTheReadingNotGradable() {
        Grading absurd = gradeOne(systolic("450"), diastolic("85"));
        assertEquals(GradingStatus.NOT_GRADABLE, absurd.status());
        assertNull(absurd.grade());
        assertTrue(absurd.explanation().contains("outside the plausible range 0-400"), absurd.explanation());
        Grading negative = gradeOne(systolic("120"), diastolic("-80"));
        assertEquals(GradingStatus.NOT_GRADABLE, negative.status());
        assertTrue(negative.explanation().contains("negative"), negative.explanation());
    }
}
