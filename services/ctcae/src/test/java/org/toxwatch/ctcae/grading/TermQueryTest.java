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
    void anUnknownTermIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> v5.grade(TermQuery.of("Grumpiness", BigDecimal.ONE, "U/L")));
    }

    @Test
    void aLoincCodeNamesTheTermsItFeeds() {
        assertEquals("Neutrophil count decreased", v5.termsForLoinc("751-8").get(0).term());
        assertTrue(v5.termsForLoinc("2345-7").isEmpty());
    }
}
