package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.V6;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.diastolic;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;
import static org.toxwatch.ctcae.grading.Lab.systolic;

/**
 * v6.0 adult hypertension from one reading: no grade 1; grade 2 from 140/90 mmHg; grades 3 (160-179 / 100-109) and
 * 4 (>= 180 / >= 110) only when the pressure persisted over 1 hour, so a reading whose duration is unknown proves
 * grade 2 and is a lower bound; grade 3 also for SBP > 140 that rose more than 20 mmHg from baseline. Integer gaps
 * (159|160, 179|180) go to the upper band (CRITERIA.md A7).
 */
class V6HypertensionTest {

    @ParameterizedTest(name = "SBP {0} (DBP 70) for {1} h -> grade {2}")
    @CsvSource({
            "119,   2,   0",
            "139.9, 2,   0",
            "140,   2,   2",
            "159,   2,   2",
            "159.5, 2,   3",
            "160,   2,   3",
            "179,   2,   3",
            "179.5, 2,   4",
            "180,   2,   4",
            "260,   2,   4",
            // persisting over 1 hour means more than 1 hour
            "170,   1,   2",
            "170,   1.01, 3",
            "185,   1,   2",
            "185,   1.01, 4",
            // a short peak meets grade 2's numbers and no more
            "165,   0.5, 2",
            "200,   0.5, 2",
    })
    void systolicBands(String sbp, String hours, int grade) {
        Grading grading = gradeOne(V6, systolic(sbp, hours), diastolic("70", hours));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @ParameterizedTest(name = "DBP {0} (SBP 110) for {1} h -> grade {2}")
    @CsvSource({
            "89.9,  2,   0",
            "90,    2,   2",
            "99,    2,   2",
            "99.5,  2,   3",
            "100,   2,   3",
            "109,   2,   3",
            "109.5, 2,   4",
            "110,   2,   4",
            "105,   0.5, 2",
            "120,   0.5, 2",
    })
    void diastolicBands(String dbp, String hours, int grade) {
        Grading grading = gradeOne(V6, systolic("110", hours), diastolic(dbp, hours));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @ParameterizedTest(name = "{0}/{1} mmHg, duration unknown -> {2} {3}")
    @CsvSource({
            "130, 85,  GRADED,      0",
            "150, 85,  GRADED,      2",
            "159, 99,  GRADED,      2",
            "165, 85,  LOWER_BOUND, 2",
            "185, 85,  LOWER_BOUND, 2",
            "150, 112, LOWER_BOUND, 2",
    })
    void aReadingWithoutItsDurationProvesGrade2(String sbp, String dbp, GradingStatus status, int grade) {
        Grading grading = gradeOne(V6, systolic(sbp), diastolic(dbp));
        assertEquals(status, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
        if (status == GradingStatus.LOWER_BOUND) {
            assertTrue(grading.explanation().startsWith("Hypertension at least grade 2 (CTCAE v6.0)"),
                    grading.explanation());
            assertTrue(grading.explanation().contains("to have lasted more than 1 h, and how long"),
                    grading.explanation());
            assertTrue(grading.explanation().contains("so the grade is a lower bound (CRITERIA.md A11)"),
                    grading.explanation());
        }
    }

    @Test
    void theReadingForGrade2IsExplained() {
        String explanation = gradeOne(V6, systolic("170", "0.5"), diastolic("80", "0.5")).explanation();
        assertTrue(explanation.startsWith("Hypertension grade 2 (CTCAE v6.0): SBP 170 mm[Hg] is in the band "
                + "SBP >= 140 mm[Hg] (NCI: Systolic BP 140 - 159 mmHg)"), explanation);
        assertTrue(explanation.contains("a pressure at or above grade 2's cut-off that did not persist that long "
                + "counts as grade 2"), explanation);
        assertTrue(explanation.contains("v6.0 has no grade 1"), explanation);
    }

    @Test
    void grade4IsNumericNowAndGrade5StaysClinical() {
        Grading grading = gradeOne(V6, systolic("190", "3"), diastolic("115", "3"));
        assertEquals(4, grading.grade());
        assertTrue(grading.explanation().contains("lasting 3 h (more than 1 h)"), grading.explanation());
        assertTrue(grading.explanation().contains("Grade 5 needs clinical findings, so a reading alone reaches at "
                + "most grade 4"), grading.explanation());
        // v5.0 caps the same reading at grade 3: its grade 4 is clinical
        assertEquals(3, Lab.gradeOne(Lab.systolic("190"), Lab.diastolic("115")).grade());
    }

    @Test
    void version5Grade1IsVersion6Grade0() {
        assertEquals(1, Lab.gradeOne(Lab.systolic("130"), Lab.diastolic("85")).grade());
        Grading v6 = gradeOne(V6, systolic("130"), diastolic("85"));
        assertEquals(GradingStatus.GRADED, v6.status());
        assertEquals(0, v6.grade());
    }

    @ParameterizedTest(name = "SBP {0} against a baseline of {1} -> {2} {3}")
    @CsvSource({
            // SBP > 140 and a rise of more than 20 mmHg: grade 3 with no duration
            "145.01, 125, GRADED,      3",
            "150,    100, GRADED,      3",
            // a rise of exactly 20 is not more than 20; the MAP rise stays open above 140
            "145,    125, LOWER_BOUND, 2",
            "150,    135, LOWER_BOUND, 2",
            // SBP not above 140: neither rise clause can apply
            "140,    100, GRADED,      2",
            "135,    100, GRADED,      0",
    })
    void grade3AlsoForARiseFromBaseline(String sbp, String baselineSbp, GradingStatus status, int grade) {
        Grading grading = gradeOne(V6, new GradingRequest(List.of(systolic(sbp), diastolic("80")),
                Map.of("SYSTOLIC_BP", new Baseline("SYSTOLIC_BP", d(baselineSbp), null, null)), false));
        assertEquals(status, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @Test
    void theRiseClauseIsExplainedWithTheBaseline() {
        Grading rise = V6.grade(new TermQuery("Hypertension", d("150"), "mmHg", null, null, d("125"), d("80"), null));
        assertEquals(GradingStatus.GRADED, rise.status(), rise.explanation());
        assertEquals(3, rise.grade());
        assertEquals(0, d("125").compareTo(rise.baseline()));
        assertTrue(rise.explanation().contains("SBP 150 mmHg is in the band SBP > 145 mmHg, i.e. SBP > 140 and "
                + "baseline + 20 (NCI: SBP >140 and plus either increase in SBP >20 mmHg)"), rise.explanation());
        assertTrue(rise.explanation().contains("By the SBP bands: grade 2"), rise.explanation());

        Grading open = V6.grade(new TermQuery("Hypertension", d("150"), "mmHg", null, null, d("135"), d("80"), null));
        assertEquals(GradingStatus.LOWER_BOUND, open.status());
        assertTrue(open.explanation().contains("grade 3 also applies to SBP > 140 mmHg with a rise in mean arterial "
                + "pressure"), open.explanation());
        assertTrue(open.explanation().contains("which is not assessed"), open.explanation());
    }

    @Test
    void withoutABaselineNoRiseCanBeCheckedAndTheBaselineSampleIsNotItsOwnRise() {
        Grading none = gradeOne(V6, systolic("150"), diastolic("80"));
        assertEquals(GradingStatus.GRADED, none.status());
        assertEquals(2, none.grade());
        assertTrue(none.explanation().contains("No SBP baseline was available, so no rise from baseline could be "
                + "checked."), none.explanation());
        Grading itself = gradeOne(V6, new GradingRequest(List.of(systolic("150"), diastolic("80")),
                Map.of("SYSTOLIC_BP", new Baseline("SYSTOLIC_BP", d("150"), null, null)), true));
        assertEquals(GradingStatus.GRADED, itself.status(), itself.explanation());
        assertEquals(2, itself.grade());
    }

    @Test
    void version6AndVersion5DisagreeWhereNciChangedTheText() {
        // a v5.0 grade 3 reading of 165 mmHg is v6.0 grade 2 unless it persisted over an hour
        assertEquals(3, V5.grade(GradingRequest.of(Lab.systolic("165"), Lab.diastolic("85"))).get(0).grade());
        assertEquals(2, gradeOne(V6, systolic("165", "0.25"), diastolic("85", "0.25")).grade());
        assertFalse(gradeOne(V6, systolic("145"), diastolic("85")).explanation().contains("A8"),
                "v6.0 dropped 'if previously WNL'");
    }
}
