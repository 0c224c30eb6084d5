package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;

/**
 * Proteinuria, v5.0 adult: a 24-hour collection ("≥ULN - <1.0", "1.0 - <3.5", ">=3.5" g/24 hrs) or a dipstick
 * ("1+", "2+ and 3+", "4+"); the 24-hour collection takes precedence (NCI's navigational note).
 */
class ProteinuriaTest {

    @ParameterizedTest(name = "{0} g/24 h, ULN 0.15 -> grade {1}")
    @CsvSource({
            "0.149, 0",
            "0.15,  1",
            "0.151, 1",
            "0.999, 1",
            "1.0,   2",
            "1.001, 2",
            "3.499, 2",
            "3.5,   3",
            "3.501, 3",
            "12,    3",
    })
    void twentyFourHourCollection(String value, int grade) {
        // "≥ULN" is inclusive, unlike every other ">ULN" (CRITERIA.md 2.1)
        Grading grading = V5.grade(new TermQuery("Proteinuria", d(value), "g/24 h", null, d("0.15"), null, null, null));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @ParameterizedTest(name = "{0} mg/24 h without ULN -> {1}")
    @CsvSource({
            "3500, 3",
            "1000, 2",
            "999,  NOT_GRADABLE",
            "100,  NOT_GRADABLE",
    })
    void withoutUlnOnlyTheAbsoluteCutOffsGrade(String value, String expected) {
        Grading grading = V5.grade(TermQuery.of("Proteinuria", d(value), "mg/24 h"));
        if (expected.equals("NOT_GRADABLE")) {
            assertEquals(GradingStatus.NOT_GRADABLE, grading.status(), grading.explanation());
            assertTrue(grading.explanation().contains("cannot be graded without the ULN"), grading.explanation());
        } else {
            assertEquals(Integer.valueOf(expected), grading.grade(), grading.explanation());
        }
    }

    @ParameterizedTest(name = "dipstick {0} -> grade {1}")
    @CsvSource({
            "negative, 0",
            "trace,    0",
            "1+,       1",
            "+,        1",
            "2+,       2",
            "3+,       2",
            "+++,      2",
            "4+,       3",
    })
    void dipstick(String reading, int grade) {
        Grading grading = V5.grade(TermQuery.ofText("Proteinuria", reading, ""));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
        assertEquals("URINE_PROTEIN_DIPSTICK", grading.analyte());
    }

    @Test
    void dipstickExplanationsWriteTheReadingsNotTheirRanks() {
        Grading grading = V5.grade(TermQuery.ofText("Proteinuria", "3+", "dipstick"));
        assertTrue(grading.explanation().contains("Dipstick 3+ is in the band 2+ <= Dipstick < 4+ "
                + "(NCI: 2+ and 3+ proteinuria)"), grading.explanation());
    }

    @Test
    void aDipstickReadingIsNeverGuessedFromANumberOrAnUnknownWord() {
        Grading number = V5.grade(TermQuery.of("Proteinuria", d("2"), "dipstick"));
        assertEquals(GradingStatus.NOT_GRADABLE, number.status(), number.explanation());
        Grading word = V5.grade(TermQuery.ofText("Proteinuria", "moderate", ""));
        assertEquals(GradingStatus.NOT_GRADABLE, word.status());
        assertTrue(word.explanation().contains("negative, trace, 1+, 2+, 3+, 4+"), word.explanation());
    }

    @Test
    void theTwentyFourHourCollectionTakesPrecedenceOverTheDipstick() {
        Measurement collection = new Measurement("URINE_PROTEIN_24H", d("0.5"), "g/(24.h)", null, d("0.15"));
        Measurement dipstick = new Measurement("URINE_PROTEIN_DIPSTICK", d("4"), "{dipstick}", null, null);
        Grading both = gradeOne(GradingRequest.of(collection, dipstick));
        assertEquals(1, both.grade(), both.explanation());
        assertEquals("URINE_PROTEIN_24H", both.analyte());
        assertTrue(both.explanation().contains("Dipstick 4+ was not used (Urine protein takes precedence)"),
                both.explanation());
        assertEquals(3, gradeOne(GradingRequest.of(dipstick)).grade());
    }

    @Test
    void theVersion6NameFindsTheTerm() {
        Grading grading = V5.grade(TermQuery.ofText("urinary protein increased", "1+", null));
        assertEquals("Proteinuria", grading.term());
        assertEquals(1, grading.grade());
    }

    @Test
    void aValueThatFitsNeitherTestSaysWhyForBoth() {
        Grading grading = V5.grade(TermQuery.of("Proteinuria", d("2"), null));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertNull(grading.grade());
        assertTrue(grading.explanation().contains("as Protein, 24-hour urine: no unit was reported"),
                grading.explanation());
        assertTrue(grading.explanation().contains("as Protein, urine dipstick:"), grading.explanation());
    }

    @Test
    void anImplausibleCollectionIsRefused() {
        Grading grading = V5.grade(TermQuery.of("Proteinuria", d("150"), "g/24 h"));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertTrue(grading.explanation().contains("outside the plausible range"), grading.explanation());
        assertEquals(List.of("Proteinuria"), V5.termsForLoinc("5804-0").stream().map(t -> t.term()).toList());
    }
}
