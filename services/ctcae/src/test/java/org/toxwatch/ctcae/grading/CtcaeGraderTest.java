package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.criteria.CtcaeCriteria;
import org.toxwatch.ctcae.criteria.TermCriteria;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.count;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.diastolic;
import static org.toxwatch.ctcae.grading.Lab.enzyme;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;
import static org.toxwatch.ctcae.grading.Lab.systolic;

/** The grader's contract: versions, one grading per fed term, and refusal of data it cannot trust. */
class CtcaeGraderTest {

    @Test
    void forVersionGivesTheVersionsGrader() {
        assertEquals("5.0", V5.version());
        assertSame(V5, CtcaeGrader.forVersion("5.0"));
        assertTrue(CtcaeGrader.knownVersions().contains("5.0"));
    }

    @Test
    void unknownVersionIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CtcaeGrader.forVersion("4.03"));
        assertTrue(e.getMessage().contains("'4.03'"), e.getMessage());
        assertTrue(e.getMessage().contains("known versions: 5.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CtcaeGrader.forVersion(null));
    }

    @Test
    void oneGradingPerTermFedByTheRequestInCriteriaOrder() {
        List<Grading> gradings = V5.grade(GradingRequest.of(
                systolic("150"), enzyme("AST", "95", "40"), count("NEUTROPHILS", "0.8", "1.8"), diastolic("85")));
        assertEquals(List.of("Neutrophil count decreased", "Aspartate aminotransferase increased", "Hypertension"),
                gradings.stream().map(Grading::term).toList());
        gradings.forEach(grading -> assertEquals("5.0", grading.ctcaeVersion()));
    }

    @Test
    void analytesNoTermReadsGiveNoGrading() {
        // a criteria file with the neutrophil term only: an AST result feeds nothing
        CtcaeGrader minimal = new CtcaeGrader(CtcaeCriteria.load("ctcae/minimal-valid.yaml", AnalyteCatalog.standard()),
                AnalyteCatalog.standard());
        assertEquals(List.of(), minimal.grade(GradingRequest.of(enzyme("AST", "95", "40"))));
        assertEquals(1, minimal.grade(GradingRequest.of(count("NEUTROPHILS", "1", "1.8"))).size());
    }

    @Test
    void aTermThatNeedsTwoAnalytesIsNotGradedFromOne() {
        // Febrile neutropenia reads ANC with a temperature: an ANC alone grades only the neutrophil count
        List<Grading> ancAlone = V5.grade(GradingRequest.of(count("NEUTROPHILS", "0.4", "1.8")));
        assertEquals(List.of("Neutrophil count decreased"), ancAlone.stream().map(Grading::term).toList());
        List<Grading> both = V5.grade(GradingRequest.of(count("NEUTROPHILS", "0.4", "1.8"),
                new Measurement("BODY_TEMPERATURE", d("38.6"), "Cel", null, null)));
        assertEquals(List.of("Neutrophil count decreased", "Febrile neutropenia", "Fever"),
                both.stream().map(Grading::term).toList());
    }

    @Test
    void everyLabTermIsFoundFromItsLoincCodes() {
        assertEquals(List.of("Neutrophil count decreased"), terms("751-8"));
        assertEquals(List.of("Lymphocyte count decreased"), terms("731-0"));
        assertEquals(List.of("Lymphocyte count decreased"), terms("26474-7"));
        assertEquals(List.of("Anemia"), terms("718-7"));
        assertEquals(List.of("Hypoalbuminemia"), terms("1751-7"));
        assertEquals(List.of("Alkaline phosphatase increased"), terms("6768-6"));
        assertEquals(List.of("GGT increased"), terms("2324-2"));
        assertEquals(List.of("Blood bilirubin increased"), terms("1975-2"));
        assertEquals(List.of("Blood bilirubin increased"), terms("14631-6"));
        assertEquals(List.of("Creatinine increased"), terms("2160-0"));
        assertEquals(List.of("Creatinine increased"), terms("14682-9"));
        assertEquals(List.of("Proteinuria"), terms("2889-4"));
        assertEquals(List.of("Proteinuria"), terms("5804-0"));
        assertEquals(List.of("Fever"), terms("8310-5"));
        assertEquals(List.of("Hypertension"), terms("8480-6"));
        assertEquals(List.of("Hypertension"), terms("85354-9"));
        assertEquals(List.of(), terms("0000-0"));
    }

    private static List<String> terms(String loinc) {
        return V5.termsForLoinc(loinc).stream().map(TermCriteria::term).toList();
    }

    @Test
    void unknownOrRepeatedAnalytesAreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class,
                () -> V5.grade(GradingRequest.of(new Measurement("NEUTROFILS", d("1"), "10*9/L", null, null))));
        assertThrows(IllegalArgumentException.class, () -> V5.grade(GradingRequest.of(
                count("NEUTROPHILS", "1", "1.8"), count("NEUTROPHILS", "2", "1.8"))));
        assertThrows(IllegalArgumentException.class, () -> new GradingRequest(List.of(),
                Map.of("AST", new Baseline("ALT", d("30"), null, null)), false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no value            | NEUTROPHILS |         | 10*9/L | 1.8 |     | no ANC value was reported",
            "no unit             | NEUTROPHILS | 0.8     |        | 1.8 |     | ANC 0.8 is in no unit",
            "not canonical unit  | NEUTROPHILS | 800     | /uL    | 1.8 |     | but grading needs 10*9/L",
            "negative value      | NEUTROPHILS | -0.2    | 10*9/L | 1.8 |     | is negative",
            "absurd count        | NEUTROPHILS | 1000.5  | 10*9/L | 1.8 |     | outside the plausible range 0-1000",
            "absurd enzyme       | AST         | 250000  | U/L    |     | 40  | outside the plausible range",
            "negative LLN        | PLATELETS   | 100     | 10*9/L | -1  |     | LLN -1 10*9/L is negative",
            "zero ULN            | ALT         | 50      | U/L    |     | 0   | ULN 0 U/L is not above zero",
            "inverted range      | LEUKOCYTES  | 2.5     | 10*9/L | 11  | 4   | reference range is inverted",
    })
    void dataItCannotTrustIsNotGradableWithTheReason(String caseName, String analyte, String value, String unit,
                                                     String lln, String uln, String reason) {
        Grading grading = gradeOne(new Measurement(analyte, d(value), unit, d(lln), d(uln)));
        assertEquals(GradingStatus.NOT_GRADABLE, grading.status(), caseName);
        assertNull(grading.grade());
        assertNull(grading.band());
        assertTrue(grading.explanation().contains("not gradable (CTCAE v5.0)"), grading.explanation());
        assertTrue(grading.explanation().contains(reason), grading.explanation());
    }

    @Test
    void gradeIsNullExactlyWhenNotGradable() {
        assertThrows(IllegalArgumentException.class, () -> new Grading("t", "5.0", 2, GradingStatus.NOT_GRADABLE,
                "AST", null, null, null, null, null, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Grading("t", "5.0", null, GradingStatus.GRADED,
                "AST", null, null, null, null, null, null, "x"));
    }

    @Test
    void gradingIsDeterministic() {
        GradingRequest request = new GradingRequest(List.of(enzyme("ALT", "150", "40"), systolic("139.5")),
                Map.of("ALT", new Baseline("ALT", d("60"), d("40"), null)), false);
        assertEquals(V5.grade(request), V5.grade(request));
    }

    @Test
    void gradedValuesAndLimitsAreCarriedThrough() {
        Grading grading = gradeOne(new Measurement("LEUKOCYTES", new BigDecimal("2.50"), "10*9/L", d("4.0"),
                d("11.0")));
        assertEquals("LEUKOCYTES", grading.analyte());
        assertEquals(0, d("2.5").compareTo(grading.value()));
        assertEquals("10*9/L", grading.unit());
        assertEquals(0, d("4").compareTo(grading.lowerLimit()));
        assertEquals(0, d("11").compareTo(grading.upperLimit()));
        assertEquals(2, grading.grade());
    }
}
