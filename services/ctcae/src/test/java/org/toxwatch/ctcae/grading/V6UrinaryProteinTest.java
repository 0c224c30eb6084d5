package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.ctcae.criteria.TermCriteria;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.V6;
import static org.toxwatch.ctcae.grading.Lab.canonical;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;

/**
 * Urinary protein increased, v6.0 (v5.0 "Proteinuria"): the 24-hour and dipstick readings as in v5.0, and the adult
 * protein/creatinine ratio v6.0 adds (grade 1 "P/C <1", read from ULN up; grade 2 "P/C 1 - 3.5"; grade 3 "P/C >3.5").
 */
class V6UrinaryProteinTest {

    @ParameterizedTest(name = "urine protein {0} g/24 h, ULN 0.15 -> grade {1}")
    @CsvSource({
            "0.149, 0",
            "0.15,  1",
            "0.999, 1",
            "1.0,   2",
            "3.499, 2",
            "3.5,   3",
            "12,    3",
    })
    void twentyFourHourCollection(String value, int grade) {
        Grading grading = gradeOne(V6, canonical("URINE_PROTEIN_24H", value, null, "0.15"));
        assertEquals("Urinary protein increased", grading.term());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @ParameterizedTest(name = "P/C {0} mg/mg, ULN {1} -> {2}")
    @CsvSource({
            "0.149, 0.15, 0",
            "0.15,  0.15, 1",
            "0.999, 0.15, 1",
            "1,     0.15, 2",
            "3.5,   0.15, 2",
            "3.501, 0.15, 3",
            "9,     0.15, 3",
            // without ULN, only the absolute cut-offs decide
            "0.5,   ,     NOT_GRADABLE",
            "1,     ,     2",
            "4,     ,     3",
    })
    void proteinCreatinineRatio(String value, String uln, String expected) {
        Grading grading = gradeOne(V6, canonical("URINE_PROTEIN_CREATININE_RATIO", value, null, uln));
        assertEquals("Urinary protein increased", grading.term());
        if (expected.equals("NOT_GRADABLE")) {
            assertEquals(GradingStatus.NOT_GRADABLE, grading.status(), grading.explanation());
            assertTrue(grading.explanation().contains("cannot be graded without the ULN"), grading.explanation());
        } else {
            assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
            assertEquals(Integer.valueOf(expected), grading.grade(), grading.explanation());
        }
    }

    @ParameterizedTest(name = "P/C {0} {1} -> {2}")
    @CsvSource({
            "999,  mg/g, 1",
            "1000, mg/g, 2",
            "3500, mg/g, 2",
            "3501, mg/g, 3",
            "1.2,  g/g,  2",
            "0.5,  mg/mg, 1",
    })
    void proteinCreatinineRatioInTheUnitsLabsSend(String value, String unit, int grade) {
        // the lab's ULN in the same unit as the value
        String uln = unit.equals("mg/g") ? "150" : "0.15";
        Grading grading = V6.grade(new TermQuery("Urinary protein increased", d(value), unit, null, d(uln), null,
                null, null));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @Test
    void aRatioPerMoleOfCreatinineIsRefusedNotConverted() {
        Grading grading = V6.grade(TermQuery.of("Urinary protein increased", d("113"), "mg/mmol"));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertNull(grading.grade());
        assertTrue(grading.explanation().contains("mg/mmol"), grading.explanation());
    }

    @ParameterizedTest(name = "dipstick {0} -> grade {1}")
    @CsvSource({
            "negative, 0",
            "trace,    0",
            "1+,       1",
            "2+,       2",
            "3+,       2",
            "4+,       3",
    })
    void dipstick(String reading, int grade) {
        Grading grading = V6.grade(TermQuery.ofText("Urinary protein increased", reading, null));
        assertEquals(grade, grading.grade(), grading.explanation());
        assertEquals(grading.grade(), V5.grade(TermQuery.ofText("Proteinuria", reading, null)).grade(),
                "unchanged from v5.0");
    }

    @Test
    void theCollectionComesBeforeTheRatioAndTheRatioBeforeTheDipstick() {
        Grading collectionFirst = gradeOne(V6, GradingRequest.of(canonical("URINE_PROTEIN_24H", "0.5", null, "0.15"),
                canonical("URINE_PROTEIN_CREATININE_RATIO", "4", null, "0.15")));
        assertEquals(1, collectionFirst.grade());
        assertEquals("URINE_PROTEIN_24H", collectionFirst.analyte());
        assertTrue(collectionFirst.explanation().contains("P/C 4 mg/mg was not used (Urine protein takes precedence)"),
                collectionFirst.explanation());
        Grading ratioFirst = gradeOne(V6, GradingRequest.of(canonical("URINE_PROTEIN_CREATININE_RATIO", "1.5", null,
                "0.15"), new Measurement("URINE_PROTEIN_DIPSTICK", d("4"), "{dipstick}", null, null)));
        assertEquals(2, ratioFirst.grade());
        assertEquals("URINE_PROTEIN_CREATININE_RATIO", ratioFirst.analyte());
    }

    @Test
    void version5SaysWhyAnAdultRatioIsNotGradedInsteadOfDroppingIt() {
        // CRITERIA.md A6: no adult P/C criteria in v5.0; the result is answered, not lost
        String reason = "CTCAE v5.0 grades a urine protein/creatinine ratio only in children";
        Grading request = gradeOne(V5, canonical("URINE_PROTEIN_CREATININE_RATIO", "1.2", null, "0.15"));
        assertEquals("Proteinuria", request.term());
        assertEquals(GradingStatus.NOT_GRADABLE, request.status());
        assertTrue(request.explanation().contains(reason), request.explanation());
        assertTrue(request.explanation().contains("(CRITERIA.md A6)"), request.explanation());
        Grading query = V5.grade(TermQuery.of("Urinary protein increased", d("1200"), "mg/g"));
        assertEquals(GradingStatus.NOT_GRADABLE, query.status());
        assertTrue(query.explanation().contains(reason), query.explanation());
        // a 24-hour collection in the same request still grades
        Grading both = gradeOne(V5, GradingRequest.of(canonical("URINE_PROTEIN_24H", "1.2", null, "0.15"),
                canonical("URINE_PROTEIN_CREATININE_RATIO", "1.2", null, "0.15")));
        assertEquals(GradingStatus.GRADED, both.status());
        assertEquals(2, both.grade());
    }

    @Test
    void theRatiosLoincFindsTheTermInBothVersions() {
        assertEquals(List.of("Urinary protein increased"), terms(V6, "2890-2"));
        assertEquals(List.of("Proteinuria"), terms(V5, "2890-2"));
        assertEquals(List.of("Urinary protein increased"), terms(V6, "5804-0"));
    }

    private static List<String> terms(CtcaeGrader grader, String loinc) {
        return grader.termsForLoinc(loinc).stream().map(TermCriteria::term).toList();
    }
}
