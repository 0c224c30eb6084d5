package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.count;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.gradeTerm;
import static org.toxwatch.ctcae.grading.Lab.temperature;

/**
 * Fever and Febrile neutropenia, v5.0. Fever: "38.0 - 39.0" (both inclusive), ">39.0 - 40.0", ">40.0 for <=24 hrs",
 * ">40.0 for >24 hrs". Febrile neutropenia grade 3: ANC <1000/mm3 with a single temperature >38.3 degrees C or one
 * >=38 degrees C sustained for more than one hour; grades 4 and 5 are clinical.
 */
class TemperatureTermsTest {

    @ParameterizedTest(name = "{0} Cel for {1} h -> {2} {3}")
    @CsvSource({
            "37.99, ,   GRADED,      0",
            "38.0,  ,   GRADED,      1",
            "38.01, ,   GRADED,      1",
            "38.99, ,   GRADED,      1",
            "39.0,  ,   GRADED,      1",
            "39.01, ,   GRADED,      2",
            "40.0,  ,   GRADED,      2",
            "40.01, ,   LOWER_BOUND, 3",
            "40.01, 24, GRADED,      3",
            "40.01, 24.01, GRADED,   4",
            "40.01, 2,  GRADED,      3",
            "42,    30, GRADED,      4",
    })
    void fever(String celsius, String hours, GradingStatus status, int grade) {
        Grading grading = gradeTerm("Fever", GradingRequest.of(temperature(celsius, hours)));
        assertEquals(status, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @ParameterizedTest(name = "{0} {1} -> grade {2}")
    @CsvSource({
            "100.3,  °F, 0",
            "100.4,  °F, 1",
            "102.2,  F,  1",
            "102.25, F,  2",
            "102.3,  [degF], 2",
            "104.0,  °F, 2",
            "38.0,   °C, 1",
            "39.0,   C,  1",
            "311.15, K,  1",
    })
    void feverInTheUnitsLabsSend(String value, String unit, int grade) {
        Grading grading = V5.grade(TermQuery.of("fever", d(value), unit));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @Test
    void aValueInNcisFahrenheitGapIsReadIntoGrade2AndSaysSo() {
        Grading grading = V5.grade(TermQuery.of("Fever", d("102.25"), "°F"));
        assertTrue(grading.explanation().contains("Temp 102.25 °F (39.02777778 Cel) is in the band "
                + "102.2 < Temp <= 104 °F"), grading.explanation());
        assertTrue(grading.explanation().contains("lies in the gap between NCI's bands (102.2 and 102.3 °F)"),
                grading.explanation());
        assertTrue(grading.explanation().contains("(CRITERIA.md A9)"), grading.explanation());
        assertFalse(V5.grade(TermQuery.of("Fever", d("102.4"), "°F")).explanation().contains("A9"));
    }

    @Test
    void feverAboveFortyWithoutDurationIsALowerBoundThatSaysWhatIsMissing() {
        Grading grading = V5.grade(TermQuery.of("Fever", d("40.6"), "Cel"));
        assertEquals(GradingStatus.LOWER_BOUND, grading.status());
        assertEquals(3, grading.grade());
        assertTrue(grading.explanation().startsWith("Fever at least grade 3 (CTCAE v5.0)"), grading.explanation());
        assertTrue(grading.explanation().contains("grade 4 needs Temp > 40 Cel to have lasted more than 24 h"),
                grading.explanation());
        Grading known = V5.grade(TermQuery.of("Fever", d("40.6"), "Cel").withDurationHours(d("36")));
        assertEquals(GradingStatus.GRADED, known.status());
        assertEquals(4, known.grade());
        assertTrue(known.explanation().contains("Grade 5 needs clinical findings"), known.explanation());
    }

    @Test
    void aFahrenheitValueSentAsCelsiusIsRefusedNotGraded() {
        Grading grading = V5.grade(TermQuery.of("Fever", d("101"), "Cel"));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status());
        assertTrue(grading.explanation().contains("outside the plausible range 20-47 Cel"), grading.explanation());
    }

    @ParameterizedTest(name = "ANC {0} x10^9/L, {1} Cel for {2} h -> {3} {4}")
    @CsvSource({
            // a single temperature above 38.3
            "0.99,  38.31, ,     GRADED,      3",
            "0.99,  38.3,  0.5,  GRADED,      0",
            "1.0,   39.5,  ,     GRADED,      0",
            "0.2,   40.5,  ,     GRADED,      3",
            // 38.0-38.3 needs more than one hour
            "0.5,   38.0,  1.01, GRADED,      3",
            "0.5,   38.0,  1,    GRADED,      0",
            "0.5,   38.2,  ,     LOWER_BOUND, 0",
            "0.5,   37.99, 5,    GRADED,      0",
            // no neutropenia: no febrile neutropenia, whatever the duration
            "1.5,   38.2,  ,     GRADED,      0",
    })
    void febrileNeutropenia(String anc, String celsius, String hours, GradingStatus status, int grade) {
        Grading grading = gradeTerm("Febrile neutropenia",
                GradingRequest.of(count("NEUTROPHILS", anc, "1.8"), temperature(celsius, hours)));
        assertEquals(status, grading.status(), grading.explanation());
        assertEquals(grade, grading.grade(), grading.explanation());
    }

    @Test
    void febrileNeutropeniaFromTwoSeparateObservations() {
        // the streaming grader pairs an earlier ANC with a new temperature and asks for this one term
        Measurement anc = count("NEUTROPHILS", "0.4", "1.8");
        Measurement fever = temperature("38.5", null);
        Grading grading = V5.gradeTerm("febrile neutropenia", new GradingRequest(List.of(anc, fever), Map.of(), false));
        assertEquals(GradingStatus.GRADED, grading.status());
        assertEquals(3, grading.grade());
        assertTrue(grading.explanation().contains("ANC 0.4 10*9/L is in the band ANC < 1 10*9/L (NCI: ANC <1000/mm3) "
                + "and Temp 38.5 Cel is in the band Temp > 38.3 Cel"), grading.explanation());
        assertTrue(grading.explanation().contains("Grade 4 and 5 need clinical findings"), grading.explanation());
        Grading ancOnly = V5.gradeTerm("Febrile neutropenia", GradingRequest.of(anc));
        assertEquals(GradingStatus.NOT_GRADABLE, ancOnly.status());
        assertTrue(ancOnly.explanation().contains("needs ANC and Temp together; Temp was not given"),
                ancOnly.explanation());
    }

    @Test
    void withoutTheDurationItNeedsFebrileNeutropeniaIsALowerBound() {
        Grading grading = V5.grade(TermQuery.febrileNeutropenia(d("800"), "cells/mm3", d("38.1"), "Cel", null));
        assertEquals(GradingStatus.LOWER_BOUND, grading.status());
        assertEquals(0, grading.grade());
        assertTrue(grading.explanation().contains("grade 3 needs Temp >= 38 Cel to have lasted more than 1 h, and how "
                + "long Temp 38.1 Cel lasted was not reported"), grading.explanation());
        assertTrue(grading.explanation().contains("lower bound (CRITERIA.md A11)"), grading.explanation());
    }

    @Test
    void theTermQueryTakesTheTemperatureInCelsiusUnlessToldOtherwise() {
        // the original eight fields: value2 in degrees C
        Grading celsius = V5.grade(new TermQuery("Febrile neutropenia", d("0.8"), "10^9/L", null, null, null,
                d("38.4"), null));
        assertEquals(3, celsius.grade(), celsius.explanation());
        // 101 degF is 38.33 degC, above 38.3
        Grading fahrenheit = V5.grade(TermQuery.febrileNeutropenia(d("800"), "/uL", d("101"), "°F", null));
        assertEquals(3, fahrenheit.grade(), fahrenheit.explanation());
        assertTrue(fahrenheit.explanation().contains("Temp 101 °F (38.33333333 Cel) is in the band Temp > 100.94 °F"),
                fahrenheit.explanation());
        // without a temperature there is nothing to grade
        Grading none = V5.grade(TermQuery.of("Febrile neutropenia", d("0.8"), "10^9/L"));
        assertEquals(GradingStatus.NOT_GRADABLE, none.status());
        assertNull(none.grade());
    }
}
