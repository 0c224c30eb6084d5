package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V6;
import static org.toxwatch.ctcae.grading.Lab.canonical;
import static org.toxwatch.ctcae.grading.Lab.count;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;

/**
 * CTCAE v6.0 blood counts and the other decrease terms, boundary tables from NCI's v6.0 text read per CRITERIA.md 2.1
 * (a value on a cut-off belongs to the less severe grade): neutrophils on absolute cut-offs without LLN, down to
 * grade 4 below 100/mm3; Thrombocytopenia grade 3 down to 10,000/mm3; WBC, Anemia and Hypoalbuminemia as in v5.0;
 * Lymphopenia "Present" read as a count below LLN.
 */
class V6BloodCountsTest {

    @ParameterizedTest(name = "ANC {0} x10^9/L, LLN {1} -> grade {2}")
    @CsvSource({
            "0,     1.8, 4",
            "0.099, 1.8, 4",
            "0.1,   1.8, 3",
            "0.101, 1.8, 3",
            "0.499, 1.8, 3",
            "0.5,   1.8, 2",
            "0.501, 1.8, 2",
            "0.999, 1.8, 2",
            "1.0,   1.8, 1",
            "1.001, 1.8, 1",
            "1.499, 1.8, 1",
            "1.5,   1.8, 0",
            "1.501, 1.8, 0",
            "1.799, 1.8, 0",
            // no LLN is needed at all: every band is absolute
            "0.05,  ,    4",
            "1.2,   ,    1",
            "1.5,   ,    0",
            "7.5,   ,    0",
    })
    void neutrophilCountDecreased(String value, String lln, int grade) {
        Grading grading = gradeOne(V6, count("NEUTROPHILS", value, lln));
        assertEquals("Neutrophil count decreased", grading.term());
        assertEquals("6.0", grading.ctcaeVersion());
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @Test
    void neutrophilBandsAreAbsoluteAndSaySo() {
        Grading grading = gradeOne(V6, count("NEUTROPHILS", "0.08", "1.8"));
        assertEquals("ABSOLUTE", grading.band().basis());
        assertEquals("<0.1 x 10^9/L", grading.band().nciText());
        assertTrue(grading.explanation().contains("ANC 0.08 10*9/L is in the band ANC < 0.1 10*9/L"),
                grading.explanation());
        assertTrue(grading.explanation().contains("LLN plays no part"), grading.explanation());
        // A1 is about an LLN below an absolute cut-off; v6.0 neutrophils have no LLN band to compare with
        assertFalse(gradeOne(V6, count("NEUTROPHILS", "1.45", "1.4")).explanation().contains("A1"));
    }

    @ParameterizedTest(name = "PLT {0} x10^9/L, LLN {1} -> grade {2}")
    @CsvSource({
            "0,     150, 4",
            "9.9,   150, 4",
            "10,    150, 3",
            "10.1,  150, 3",
            "24.9,  150, 3",
            "25,    150, 3",
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
    void thrombocytopenia(String value, String lln, int grade) {
        Grading grading = gradeOne(V6, count("PLATELETS", value, lln));
        assertEquals("Thrombocytopenia", grading.term());
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @Test
    void thrombocytopeniaGrade4IsTheHighestACountReaches() {
        Grading grading = gradeOne(V6, count("PLATELETS", "3", "150"));
        assertEquals(4, grading.grade());
        assertEquals("<10.0 x 10^9/L", grading.band().nciText());
        assertTrue(grading.explanation().contains("Grade 5 needs clinical findings, so a reading alone reaches at "
                + "most grade 4"), grading.explanation());
        assertTrue(grading.explanation().contains("\"Transfusion indicated\" (grade 3)"), grading.explanation());
    }

    @ParameterizedTest(name = "WBC {0} x10^9/L, LLN {1} -> grade {2}")
    @CsvSource({
            "0.99, 4.0, 4",
            "1.0,  4.0, 3",
            "1.99, 4.0, 3",
            "2.0,  4.0, 2",
            "2.99, 4.0, 2",
            "3.0,  4.0, 1",
            "3.99, 4.0, 1",
            "4.0,  4.0, 0",
    })
    void whiteBloodCellDecreasedIsUnchanged(String value, String lln, int grade) {
        Grading v6 = gradeOne(V6, count("LEUKOCYTES", value, lln));
        assertEquals(grade, v6.grade());
        assertEquals(Lab.gradeOne(count("LEUKOCYTES", value, lln)).grade(), v6.grade(), "same as v5.0");
    }

    @ParameterizedTest(name = "ALC {0} x10^9/L, LLN {1} -> grade {2}")
    @CsvSource({
            "0,     1.0, 1",
            "0.1,   1.0, 1",
            "0.5,   1.0, 1",
            "0.999, 1.0, 1",
            "1.0,   1.0, 0",
            "1.001, 1.0, 0",
            "3.5,   1.0, 0",
    })
    void lymphopeniaIsPresentBelowLln(String value, String lln, int grade) {
        Grading grading = gradeOne(V6, count("LYMPHOCYTES", value, lln));
        assertEquals("Lymphopenia", grading.term());
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(grade, grading.grade(), grading.explanation());
        assertTrue(grading.explanation().contains("A count below LLN is read as present"), grading.explanation());
        if (grade == 1) {
            assertEquals("Present", grading.band().nciText());
            assertEquals("LLN", grading.band().basis());
        }
    }

    @Test
    void aLymphocyteCountWithoutLlnIsNotGradedInVersion6() {
        // v5.0 gave grade 4 for 0.1 x 10^9/L on its absolute cut-off; v6.0 has none, and no number is invented
        Grading grading = gradeOne(V6, count("LYMPHOCYTES", "0.1", null));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertNull(grading.grade());
        assertTrue(grading.explanation().contains("cannot be graded without the LLN"), grading.explanation());
        assertEquals(4, Lab.gradeOne(count("LYMPHOCYTES", "0.1", null)).grade());
    }

    @Test
    void aReportedLymphopeniaIsNotTakenForAMeasuredCount() {
        Grading grading = V6.gradeReported("Lymphopenia", 1);
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertTrue(grading.explanation().contains("graded from measured values"), grading.explanation());
    }

    @ParameterizedTest(name = "Hb {0} g/L, LLN {1} -> grade {2}")
    @CsvSource({
            "79.9,  120, 3",
            "80,    120, 2",
            "99.9,  120, 2",
            "100,   120, 1",
            "119.9, 120, 1",
            "120,   120, 0",
    })
    void anemiaIsUnchanged(String value, String lln, int grade) {
        Grading grading = gradeOne(V6, canonical("HEMOGLOBIN", value, lln, null));
        assertEquals(grade, grading.grade());
        assertEquals(Lab.gradeOne(canonical("HEMOGLOBIN", value, lln, null)).grade(), grading.grade());
    }

    @ParameterizedTest(name = "Hb {0} mmol/L -> grade {1} (A2, stricter)")
    @CsvSource({
            "6.21, 1",
            "6.2,  2",
            "4.96, 3",
            "4.9,  3",
    })
    void anemiaInMmolPerLitreTakesTheStricterReading(String value, int grade) {
        Grading grading = V6.grade(new TermQuery("Anemia", d(value), "mmol/L", d("7.5"), null, null, null, null));
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @ParameterizedTest(name = "Alb {0} g/L, LLN {1} -> grade {2}")
    @CsvSource({
            "19.9, 35, 3",
            "20,   35, 2",
            "29.9, 35, 2",
            "30,   35, 1",
            "34.9, 35, 1",
            "35,   35, 0",
    })
    void hypoalbuminemiaIsUnchanged(String value, String lln, int grade) {
        Grading grading = gradeOne(V6, canonical("ALBUMIN", value, lln, null));
        assertEquals("Hypoalbuminemia", grading.term());
        assertEquals(grade, grading.grade());
    }
}
