package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.ctcae.SharedReference;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.d;

/**
 * Symptom terms: a grade reported by a nurse, physician or patient is checked against the grades NCI defines for the
 * term, never mapped or guessed; a valid one comes back with NCI's text for it.
 */
class ReportedSymptomsTest {

    private static final List<String> SYMPTOMS = List.of("Nausea", "Vomiting", "Diarrhea", "Fatigue", "Abdominal pain",
            "Palmar-plantar erythrodysesthesia syndrome", "Peripheral sensory neuropathy", "Rash maculo-papular",
            "Anorexia");

    /** Every symptom and grade 1-5 against NCI's own sheet: "-" means the grade does not exist for the term. */
    @TestFactory
    Stream<DynamicTest> everyReportedGradeIsCheckedAgainstNcisSheet() {
        Path csv = SharedReference.ctcaeFile("nci_ctcae_v5_selected_terms.csv").orElse(null);
        assumeTrue(csv != null, "shared/reference/ctcae/nci_ctcae_v5_selected_terms.csv not present");
        List<Map<String, String>> rows = SharedReference.readCsv(csv);
        List<DynamicTest> tests = new ArrayList<>();
        for (String symptom : SYMPTOMS) {
            Map<String, String> row = rows.stream().filter(r -> r.get("CTCAE v5.0 Term").equals(symptom))
                    .findFirst().orElseThrow();
            for (int grade = 1; grade <= 5; grade++) {
                String nci = row.get("Grade " + grade);
                int reported = grade;
                tests.add(DynamicTest.dynamicTest(symptom + " grade " + grade, () -> {
                    Grading grading = V5.gradeReported(symptom, reported);
                    if (nci.equals("-")) {
                        assertEquals(GradingStatus.NOT_GRADABLE, grading.status(), grading.explanation());
                        assertTrue(grading.explanation().contains("NCI defines no grade " + reported + " for " + symptom),
                                grading.explanation());
                    } else {
                        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
                        assertEquals(reported, grading.grade());
                        assertEquals(nci, grading.band().nciText());
                        assertTrue(grading.explanation().contains(nci), grading.explanation());
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void fatigueHasNoGrade4() {
        Grading grading = V5.gradeReported("Fatigue", 4);
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertNull(grading.grade());
        assertEquals("Fatigue not gradable (CTCAE v5.0): NCI defines no grade 4 for Fatigue (its grades are 1, 2, 3), "
                + "so a reported grade 4 cannot stand; re-assess against NCI's text.", grading.explanation());
    }

    @Test
    void aValidGradeComesBackWithNcisText() {
        Grading grading = V5.grade(TermQuery.reportedGrade("FATIGUE", 2));
        assertEquals("Fatigue", grading.term());
        assertEquals(2, grading.grade());
        assertEquals("REPORTED", grading.band().basis());
        assertTrue(grading.explanation().startsWith("Fatigue grade 2 (CTCAE v5.0), as reported: NCI grade 2 is "
                + "\"Fatigue not relieved by rest; limiting instrumental ADL\""), grading.explanation());
        assertEquals(0, V5.gradeReported("Nausea", 0).grade(), "0: the symptom is absent");
    }

    @ParameterizedTest(name = "Diarrhea reported as \"{0}\" with unit \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            "3      |        | GRADED",
            "3      | grade  | GRADED",
            "3.0    |        | GRADED",
            "2.5    |        | a grade is a whole number",
            "6      |        | CTCAE grades run from 0 to 5",
            "-1     |        | CTCAE grades run from 0 to 5",
            "severe |        | is not a grade",
            "3      | mg     | a reported grade has no unit",
            "NA     |        | no grade given",
    })
    void aReportedGradeIsAWholeNumberFrom0To5WithoutUnit(String value, String unit, String expected) {
        Grading grading = V5.grade(TermQuery.parse("diarrhea", value, unit, null, null, null, null, null, null));
        if (expected.equals("GRADED")) {
            assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
            assertEquals(3, grading.grade());
        } else {
            assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
            assertTrue(grading.explanation().contains(expected), grading.explanation());
        }
    }

    @Test
    void aTermGradedFromValuesTakesNoReportedGrade() {
        Grading grading = V5.gradeReported("Anemia", 3);
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertTrue(grading.explanation().contains("graded from measured values"), grading.explanation());
        assertThrows(IllegalArgumentException.class, () -> V5.gradeReported("Grumpiness", 1));
        assertEquals(GradingStatus.NOT_GRADABLE, V5.gradeTerm("Fatigue", GradingRequest.of()).status());
        // a symptom never appears among the gradings of lab values
        assertTrue(V5.grade(GradingRequest.of(new Measurement("HEMOGLOBIN", new BigDecimal("90"), "g/L", d("120"),
                null))).stream().noneMatch(g -> SYMPTOMS.contains(g.term())));
    }
}
