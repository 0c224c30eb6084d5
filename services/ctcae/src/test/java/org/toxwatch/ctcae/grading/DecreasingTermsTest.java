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
import static org.toxwatch.ctcae.grading.Lab.canonical;
import static org.toxwatch.ctcae.grading.Lab.count;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;

/**
 * Boundary tables for the v5.0 cytopenias, read per CRITERIA.md 2.1: a value exactly on a cut-off belongs to the less
 * severe grade ("<1500 - 1000" is 1000 <= x < 1500), and grade 1 runs from the grade-2 cut-off up to, not including,
 * LLN. Each cut-off is tested at, just below and just above.
 */
class DecreasingTermsTest {

    @ParameterizedTest(name = "ANC {0} x10^9/L, LLN {1} -> grade {2}")
    @CsvSource({
            "0,     1.8, 4",
            "0.499, 1.8, 4",
            "0.5,   1.8, 3",
            "0.501, 1.8, 3",
            "0.999, 1.8, 3",
            "1.0,   1.8, 2",
            "1.001, 1.8, 2",
            "1.499, 1.8, 2",
            "1.5,   1.8, 1",
            "1.501, 1.8, 1",
            "1.799, 1.8, 1",
            "1.8,   1.8, 0",
            "1.801, 1.8, 0",
            "7.5,   1.8, 0",
    })
    void neutrophilCountDecreased(String value, String lln, int grade) {
        Grading grading = gradeOne(count("NEUTROPHILS", value, lln));
        assertEquals("Neutrophil count decreased", grading.term());
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade());
    }

    @ParameterizedTest(name = "PLT {0} x10^9/L, LLN {1} -> grade {2}")
    @CsvSource({
            "24.9,  150, 4",
            "25,    150, 3",
            "25.1,  150, 3",
            "49.9,  150, 3",
            "50,    150, 2",
            "50.1,  150, 2",
            "74.9,  150, 2",
            "75,    150, 1",
            "75.1,  150, 1",
            "149.9, 150, 1",
            "150,   150, 0",
            "150.1, 150, 0",
    })
    void plateletCountDecreased(String value, String lln, int grade) {
        Grading grading = gradeOne(count("PLATELETS", value, lln));
        assertEquals("Platelet count decreased", grading.term());
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade());
    }

    @ParameterizedTest(name = "WBC {0} x10^9/L, LLN {1} -> grade {2}")
    @CsvSource({
            "0.99, 4.0, 4",
            "1.0,  4.0, 3",
            "1.01, 4.0, 3",
            "1.99, 4.0, 3",
            "2.0,  4.0, 2",
            "2.01, 4.0, 2",
            "2.99, 4.0, 2",
            "3.0,  4.0, 1",
            "3.01, 4.0, 1",
            "3.99, 4.0, 1",
            "4.0,  4.0, 0",
            "4.01, 4.0, 0",
    })
    void whiteBloodCellDecreased(String value, String lln, int grade) {
        Grading grading = gradeOne(count("LEUKOCYTES", value, lln));
        assertEquals("White blood cell decreased", grading.term());
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade());
    }

    @ParameterizedTest(name = "ALC {0} x10^9/L, LLN {1} -> grade {2}")
    @CsvSource({
            "0.199, 1.0, 4",
            "0.2,   1.0, 3",
            "0.201, 1.0, 3",
            "0.499, 1.0, 3",
            "0.5,   1.0, 2",
            "0.501, 1.0, 2",
            "0.799, 1.0, 2",
            "0.8,   1.0, 1",
            "0.801, 1.0, 1",
            "0.999, 1.0, 1",
            "1.0,   1.0, 0",
            "1.001, 1.0, 0",
    })
    void lymphocyteCountDecreased(String value, String lln, int grade) {
        Grading grading = gradeOne(count("LYMPHOCYTES", value, lln));
        assertEquals("Lymphocyte count decreased", grading.term());
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade());
    }

    @ParameterizedTest(name = "Hb {0} g/L, LLN {1} -> grade {2}")
    @CsvSource({
            "79.9,  120, 3",
            "80,    120, 2",
            "80.1,  120, 2",
            "99.9,  120, 2",
            "100,   120, 1",
            "100.1, 120, 1",
            "119.9, 120, 1",
            "120,   120, 0",
            "120.1, 120, 0",
            "30,    120, 3",
    })
    void anemia(String value, String lln, int grade) {
        Grading grading = gradeOne(canonical("HEMOGLOBIN", value, lln, null));
        assertEquals("Anemia", grading.term());
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade());
    }

    @ParameterizedTest(name = "Hb {0} {1}, LLN {2} -> grade {3}")
    @CsvSource({
            "10.0,  g/dL,   12,  1",
            "9.99,  g/dL,   12,  2",
            "8.0,   g/dL,   12,  2",
            "7.99,  g/dL,   12,  3",
            // CRITERIA.md A2: NCI's 6.2 and 4.9 mmol/L are rounded; the exact 6.206 and 4.965 are stricter
            "6.21,  mmol/L, 7.5, 1",
            "6.2,   mmol/L, 7.5, 2",
            "6.19,  mmol/L, 7.5, 2",
            "4.97,  mmol/L, 7.5, 2",
            "4.96,  mmol/L, 7.5, 3",
            "4.9,   mmol/L, 7.5, 3",
            "4.89,  mmol/L, 7.5, 3",
    })
    void anemiaInTheUnitsLabsSend(String value, String unit, String lln, int grade) {
        Grading grading = V5.grade(new TermQuery("Anemia", d(value), unit, d(lln), null, null, null, null));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @Test
    void theStricterHaemoglobinReadingIsNamedWhereTheTwoDisagree() {
        Grading disagree = V5.grade(new TermQuery("Anemia", d("6.2"), "mmol/L", d("7.5"), null, null, null, null));
        assertTrue(disagree.explanation().contains("By NCI's mmol/L figures: grade 1 (6.2 <= Hb < 7.5 mmol/L)"),
                disagree.explanation());
        assertTrue(disagree.explanation().contains("CRITERIA.md A2"), disagree.explanation());
        Grading agree = V5.grade(new TermQuery("Anemia", d("6.0"), "mmol/L", d("7.5"), null, null, null, null));
        assertEquals(2, agree.grade());
        assertFalse(agree.explanation().contains("A2"), agree.explanation());
    }

    @ParameterizedTest(name = "Alb {0} g/L, LLN {1} -> grade {2}")
    @CsvSource({
            "19.9, 35, 3",
            "20,   35, 2",
            "20.1, 35, 2",
            "29.9, 35, 2",
            "30,   35, 1",
            "30.1, 35, 1",
            "34.9, 35, 1",
            "35,   35, 0",
            "35.1, 35, 0",
    })
    void hypoalbuminemia(String value, String lln, int grade) {
        Grading grading = gradeOne(canonical("ALBUMIN", value, lln, null));
        assertEquals("Hypoalbuminemia", grading.term());
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade());
    }

    @Test
    void aLabValueAloneNeverReachesTheClinicalGrade4() {
        // Anemia and Hypoalbuminemia grade 4 is "life-threatening consequences; urgent intervention indicated"
        for (Measurement lowest : List.of(canonical("HEMOGLOBIN", "20", "120", null),
                canonical("ALBUMIN", "5", "35", null))) {
            Grading grading = gradeOne(lowest);
            assertEquals(3, grading.grade());
            assertTrue(grading.explanation().contains("Grade 4 and 5 need clinical findings, so a reading alone "
                    + "reaches at most grade 3"), grading.explanation());
        }
    }

    @ParameterizedTest(name = "{0} {1} without LLN -> {2}")
    @CsvSource({
            "NEUTROPHILS, 0.49,  4",
            "NEUTROPHILS, 0.5,   3",
            "NEUTROPHILS, 1.49,  2",
            "NEUTROPHILS, 1.5,   NOT_GRADABLE",
            "NEUTROPHILS, 5.0,   NOT_GRADABLE",
            "PLATELETS,   24,    4",
            "PLATELETS,   74.9,  2",
            "PLATELETS,   75,    NOT_GRADABLE",
            "PLATELETS,   300,   NOT_GRADABLE",
            "LEUKOCYTES,  2.99,  2",
            "LEUKOCYTES,  3.0,   NOT_GRADABLE",
            "LYMPHOCYTES, 0.19,  4",
            "LYMPHOCYTES, 0.79,  2",
            "LYMPHOCYTES, 0.8,   NOT_GRADABLE",
            "HEMOGLOBIN,  79,    3",
            "HEMOGLOBIN,  99,    2",
            "HEMOGLOBIN,  100,   NOT_GRADABLE",
            "HEMOGLOBIN,  150,   NOT_GRADABLE",
            "ALBUMIN,     19,    3",
            "ALBUMIN,     29,    2",
            "ALBUMIN,     30,    NOT_GRADABLE",
    })
    void missingLlnStillGivesGrades2To4ButNeverGuessesGrade0(String analyte, String value, String expected) {
        Grading grading = gradeOne(canonical(analyte, value, null, null));
        if (expected.equals("NOT_GRADABLE")) {
            assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
            assertNull(grading.grade());
            assertNull(grading.band());
            assertTrue(grading.explanation().contains("without the LLN, which was not reported"),
                    grading.explanation());
        } else {
            assertEquals(GradingStatus.GRADED, grading.status());
            assertEquals(Integer.valueOf(expected), grading.grade());
        }
    }

    @Test
    void absoluteCutOffWinsOverAnLlnBelowIt() {
        // CRITERIA.md A1: LLN 1.4, ANC 1.45 is >= LLN but < 1.5, so grade 2
        Grading grading = gradeOne(count("NEUTROPHILS", "1.45", "1.4"));
        assertEquals(2, grading.grade());
        assertTrue(grading.explanation().contains("A1"), grading.explanation());
        // and a value at or above both is grade 0: the grade-1 band [1.5, 1.4) is empty
        assertEquals(0, gradeOne(count("NEUTROPHILS", "1.5", "1.4")).grade());
        assertEquals(2, gradeOne(count("PLATELETS", "72", "70")).grade());
    }

    @Test
    void a1IsOnlyCitedWhenItDecides() {
        assertFalse(gradeOne(count("NEUTROPHILS", "1.2", "1.8")).explanation().contains("A1"));
        assertFalse(gradeOne(count("NEUTROPHILS", "1.2", null)).explanation().contains("A1"));
    }

    @Test
    void limitsCompareByValueNotByScale() {
        // 1.80 and 1.8 are the same LLN; equals() on BigDecimal would say otherwise
        assertEquals(0, gradeOne(count("NEUTROPHILS", "1.8", "1.80")).grade());
        assertEquals(1, gradeOne(count("NEUTROPHILS", "1.7999", "1.80")).grade());
    }

    @Test
    void bandIsResolvedToNumbersInTheCanonicalUnit() {
        GradeBand grade3 = gradeOne(count("NEUTROPHILS", "0.8", "1.8")).band();
        assertEquals(3, grade3.grade());
        assertEquals(0, d("0.5").compareTo(grade3.lower()));
        assertTrue(grade3.lowerInclusive());
        assertEquals(0, d("1.0").compareTo(grade3.upper()));
        assertFalse(grade3.upperInclusive());
        assertEquals("ABSOLUTE", grade3.basis());
        assertEquals("<1000 - 500/mm3; <1.0 - 0.5 x 10e9 /L", grade3.nciText());

        GradeBand grade1 = gradeOne(count("NEUTROPHILS", "1.6", "1.8")).band();
        assertEquals("LLN", grade1.basis());
        assertEquals(0, d("1.8").compareTo(grade1.upper()));
        assertFalse(grade1.upperInclusive());

        GradeBand grade4 = gradeOne(count("NEUTROPHILS", "0.1", "1.8")).band();
        assertNull(grade4.lower());
        assertEquals(0, d("0.5").compareTo(grade4.upper()));

        assertNull(gradeOne(count("NEUTROPHILS", "2.0", "1.8")).band());
    }

    @Test
    void explanationStatesTermVersionGradeBandNciTextAndLln() {
        String explanation = gradeOne(count("NEUTROPHILS", "0.8", "1.8")).explanation();
        assertTrue(explanation.startsWith("Neutrophil count decreased grade 3 (CTCAE v5.0): "), explanation);
        assertTrue(explanation.contains("ANC 0.8 10*9/L is in the band 0.5 <= ANC < 1 10*9/L"), explanation);
        assertTrue(explanation.contains("(NCI: <1000 - 500/mm3; <1.0 - 0.5 x 10e9 /L)"), explanation);
        assertTrue(explanation.contains("LLN 1.8 10*9/L."), explanation);
    }

    @Test
    void gradeZeroSaysWhatGrade1WouldNeed() {
        String explanation = gradeOne(count("PLATELETS", "180", "150")).explanation();
        assertTrue(explanation.startsWith("Platelet count decreased grade 0 (CTCAE v5.0): "), explanation);
        assertTrue(explanation.contains("grade 1 needs 75 <= PLT < 150 10*9/L, i.e. 75 <= PLT < LLN"), explanation);
    }
}
