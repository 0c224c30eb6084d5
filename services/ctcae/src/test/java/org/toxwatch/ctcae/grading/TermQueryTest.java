package org.toxwatch.ctcae.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Grading a value stated against a named term, in the unit the lab used (the batch CLI's entry point). */
class TermQueryTest {

    private final CtcaeGrader v5 = CtcaeGrader.forVersion("5.0");

    @Test
    void statedUnitsAreConvertedBeforeGrading() {
        Grading grading = v5.grade(new TermQuery("neutrophil COUNT decreased", new BigDecimal("800"), "cells/mm3",
                new BigDecimal("1800"), null, null, null, null));
        assertEquals("Neutrophil count decreased", grading.term());
        assertEquals(3, grading.grade());
        assertEquals(0, new BigDecimal("0.8").compareTo(grading.value()));
    }

    @Test
    void hypertensionTakesTheDiastolicPressureAsSecondValue() {
        Grading grading = v5.grade(new TermQuery("Hypertension", new BigDecimal("150"), "mmHg", null, null, null,
                new BigDecimal("101"), null));
        assertEquals(3, grading.grade());
        Grading onlyDiastolic = v5.grade(new TermQuery("Hypertension", null, "mmHg", null, null, null,
                new BigDecimal("95"), null));
        assertEquals(GradingStatus.LOWER_BOUND, onlyDiastolic.status());
        assertEquals(2, onlyDiastolic.grade());
    }

    @Test
    void theStatedBaselineSwitchesTransaminasesToBaselineMultiples() {
        Grading grading = v5.grade(new TermQuery("Aspartate aminotransferase increased", new BigDecimal("180"), "U/L",
                null, new BigDecimal("40"), new BigDecimal("95"), null, null));
        assertEquals(1, grading.grade());
        assertEquals(0, new BigDecimal("95").compareTo(grading.baseline()));
    }

    @Test
    void aMissingOrUnknownUnitIsNotGradableWithTheReason() {
        Grading missing = v5.grade(TermQuery.of("Platelet count decreased", new BigDecimal("40"), ""));
        assertEquals(GradingStatus.NOT_GRADABLE, missing.status());
        assertNull(missing.grade());
        Grading percent = v5.grade(TermQuery.of("Neutrophil count decreased", new BigDecimal("12"), "%"));
        assertEquals(GradingStatus.NOT_GRADABLE, percent.status());
        assertTrue(percent.explanation().contains("%"), percent.explanation());
    }

    @Test
    void theExplanationWritesThresholdsInTheUnitTheCallerStated() {
        Grading grading = v5.grade(new TermQuery("Neutrophil count decreased", new BigDecimal("800"), "cells/mm3",
                new BigDecimal("1800"), null, null, null, null));
        assertTrue(grading.explanation().contains("ANC 800 cells/mm3 (0.8 10*9/L) is in the band "
                + "500 <= ANC < 1000 cells/mm3"), grading.explanation());
        assertTrue(grading.explanation().contains("LLN 1800 cells/mm3."), grading.explanation());
        // the grading's numbers stay canonical, as on the lab path
        assertEquals("10*9/L", grading.unit());
        assertEquals(0, new BigDecimal("1.8").compareTo(grading.lowerLimit()));

        Grading noValue = v5.grade(TermQuery.of("Alanine aminotransferase increased", null, "U/L"));
        assertEquals(GradingStatus.NOT_GRADABLE, noValue.status());
        assertTrue(noValue.explanation().endsWith("not gradable (CTCAE v5.0): no value given."), noValue.explanation());
    }

    @Test
    void theBaselineAndLimitsAreWrittenInTheStatedUnitToo() {
        Grading grading = v5.grade(TermQuery.of("Alanine aminotransferase increased", new BigDecimal("5"), "ukat/L")
                .withLimits(null, new BigDecimal("0.6")).withBaseline(new BigDecimal("1.2")));
        assertEquals(2, grading.grade(), grading.explanation());
        assertTrue(grading.explanation().contains("ALT 5 ukat/L (300 U/L) is in the band 3.6 < ALT <= 6 ukat/L, "
                + "i.e. 3 x baseline < ALT <= 5 x baseline"), grading.explanation());
        assertTrue(grading.explanation().contains("ULN 0.6 ukat/L."), grading.explanation());
        assertTrue(grading.explanation().contains("Baseline 1.2 ukat/L was above the current ULN 0.6 ukat/L"),
                grading.explanation());
    }

    @Test
    void aCsvRowParsesWithNaAsMissingAndKeepsTextResults() {
        TermQuery row = TermQuery.parse("Proteinuria", "2+", "NA", "NA", "", null, null, "NA", null);
        assertEquals("2+", row.valueText());
        assertNull(row.value());
        assertNull(row.unit());
        assertEquals(2, v5.grade(row).grade());
        TermQuery numbers = TermQuery.parse("Fever", " 38.5 ", "C", null, null, null, null, "2", null);
        assertEquals(0, new BigDecimal("38.5").compareTo(numbers.value()));
        assertEquals(0, new BigDecimal("2").compareTo(numbers.durationHours()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TermQuery.parse("Anemia", "9", "g/dL", "twelve", null, null, null, null, null));
        assertEquals("lln 'twelve' is not a number", e.getMessage());
        Grading text = v5.grade(TermQuery.parse("Anemia", "low", "g/dL", "12", null, null, null, null, null));
        assertEquals(GradingStatus.NOT_GRADABLE, text.status());
        assertTrue(text.explanation().contains("'low' is not a number"), text.explanation());
    }

    @Test
    void theOriginalEightFieldConstructorStillWorks() {
        TermQuery query = new TermQuery("Hypertension", new BigDecimal("150"), "mm[Hg]", null, null, null,
                new BigDecimal("85"), null);
        assertNull(query.valueText());
        assertNull(query.value2Unit());
        Grading grading = v5.grade(query);
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(2, grading.grade());
    }

    @Test
    void anUnknownTermIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> v5.grade(TermQuery.of("Grumpiness", BigDecimal.ONE, "U/L")));
    }

    @Test
    void aLoincCodeNamesTheTermsItFeeds() {
        assertEquals("Neutrophil count decreased", v5.termsForLoinc("751-8").get(0).term());
        assertTrue(v5.termsForLoinc("2345-7").isEmpty());
        assertEquals("Platelet count decreased", v5.grade(TermQuery.of("THROMBOCYTOPENIA", new BigDecimal("40"),
                "10^9/L")).term());
    }
}
