package org.toxwatch.ctcae.grading;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;

/**
 * Issue #3 item 6 through the batch path: a missing LLN still lets absolute cut-offs grade; where only a lower bound
 * is knowable the result is LOWER_BOUND with that grade; otherwise NOT_GRADABLE with the reason, never grade 0.
 */
class MissingDataTest {

    @ParameterizedTest(name = "{0}: {1} {2} (lln {3}, uln {4}, baseline {5}, value2 {6}, {7} h) -> {8} {9}")
    @CsvSource(delimiter = '|', value = {
            // term                     | value | unit      | lln | uln | base | v2  | h  | status       | grade | explanation says
            "Neutrophil count decreased | 900   | /uL       |     |     |      |     |    | GRADED       | 3 | 500 <= ANC < 1000 /uL",
            "Neutrophil count decreased | 1600  | /uL       |     |     |      |     |    | NOT_GRADABLE |   | cannot be graded without the LLN",
            "Anemia                     | 9.5   | g/dL      |     |     |      |     |    | GRADED       | 2 | 8 <= Hb < 10 g/dL",
            "Hypertension               | 150   | mmHg      |     |     |      |     |    | LOWER_BOUND  | 2 | DBP was not reported",
            "Hypertension               |       | mmHg      |     |     |      | 101 |    | LOWER_BOUND  | 3 | SBP was not reported",
            "Creatinine increased       | 2.0   | mg/dL     |     |     | 0.6  |     |    | LOWER_BOUND  | 3 | cannot be graded without the ULN",
            "Creatinine increased       | 1.0   | mg/dL     |     |     | 0.6  |     |    | LOWER_BOUND  | 2 | at least grade 2",
            "Creatinine increased       | 1.0   | mg/dL     |     |     |      |     |    | NOT_GRADABLE |   | cannot be graded without the ULN",
            "Fever                      | 40.2  | Cel       |     |     |      |     |    | LOWER_BOUND  | 3 | how long Temp 40.2 Cel lasted was not reported",
            "Fever                      | 40.2  | Cel       |     |     |      |     | 12 | GRADED       | 3 | Temp > 40 Cel",
            "Febrile neutropenia        | 0.4   | 10^9/L    |     |     |      | 38.1|    | LOWER_BOUND  | 0 | to have lasted more than 1 h",
            "Febrile neutropenia        | 0.4   | 10^9/L    |     |     |      |     |    | NOT_GRADABLE |   | Temp was not given",
            "Aspartate aminotransferase increased | 95 | U/L |  |     |      |     |    | NOT_GRADABLE |   | cannot be graded without the ULN",
            "Aspartate aminotransferase increased | 300 | U/L | |     | 95   |     |    | NOT_GRADABLE |   | was above ULN cannot be told",
            "Platelet count decreased   | 40    | %         |     | 150 |      |     |    | NOT_GRADABLE |   | a dimensionless ratio",
            "White blood cell decreased | 2.1   |           | 4   |     |      |     |    | NOT_GRADABLE |   | no unit was reported",
            "White blood cell decreased | 2.1   | bananas/L | 4   |     |      |     |    | NOT_GRADABLE |   | neither a known lab spelling nor valid UCUM",
            "Lymphocyte count decreased | 1200  | 10^9/L    | 1.0 |     |      |     |    | NOT_GRADABLE |   | outside the plausible range",
            "Hypoalbuminemia            | -3    | g/dL      | 3.5 |     |      |     |    | NOT_GRADABLE |   | is negative",
            "Neutrophil count decreased |       | /uL       | 1800|     |      |     |    | NOT_GRADABLE |   | no value given",
    })
    void missingOrUnusableDataGivesALowerBoundOrNoGradeNeverAGuess(String term, String value, String unit, String lln,
            String uln, String baseline, String value2, String hours, GradingStatus status, Integer grade,
            String says) {
        Grading grading = V5.grade(TermQuery.parse(term, value, unit, lln, uln, baseline, value2, hours, null));
        assertEquals(status, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
        if (status == GradingStatus.NOT_GRADABLE) {
            assertNull(grading.band());
            assertTrue(grading.explanation().contains("not gradable (CTCAE v5.0)"), grading.explanation());
        }
        if (status == GradingStatus.LOWER_BOUND) {
            assertTrue(grading.explanation().contains("at least grade " + grade), grading.explanation());
            assertTrue(grading.explanation().contains("lower bound (CRITERIA.md A11)"), grading.explanation());
        }
        assertTrue(grading.explanation().contains(says), grading.explanation());
    }
}
