package org.toxwatch.ctcae.analytes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.ctcae.datafile.InvalidDataFileException;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyteCatalogTest {

    private final AnalyteCatalog catalog = AnalyteCatalog.standard();

    @ParameterizedTest(name = "LOINC {0} -> {1} in {2}")
    @CsvSource({
            "751-8,   NEUTROPHILS,  10*9/L",
            "26499-4, NEUTROPHILS,  10*9/L",
            "753-4,   NEUTROPHILS,  10*9/L",
            "777-3,   PLATELETS,    10*9/L",
            "26515-7, PLATELETS,    10*9/L",
            "6690-2,  LEUKOCYTES,   10*9/L",
            "26464-8, LEUKOCYTES,   10*9/L",
            "1920-8,  AST,          U/L",
            "1742-6,  ALT,          U/L",
            "1744-2,  ALT,          U/L",
            "8480-6,  SYSTOLIC_BP,  mm[Hg]",
            "8462-4,  DIASTOLIC_BP, mm[Hg]",
            "731-0,   LYMPHOCYTES,  10*9/L",
            "26474-7, LYMPHOCYTES,  10*9/L",
            "718-7,   HEMOGLOBIN,   g/L",
            "1751-7,  ALBUMIN,      g/L",
            "6768-6,  ALP,          U/L",
            "2324-2,  GGT,          U/L",
            "1975-2,  BILIRUBIN_TOTAL, umol/L",
            "14631-6, BILIRUBIN_TOTAL, umol/L",
            "2160-0,  CREATININE,   umol/L",
            "14682-9, CREATININE,   umol/L",
            "2889-4,  URINE_PROTEIN_24H, g/(24.h)",
            "5804-0,  URINE_PROTEIN_DIPSTICK, {dipstick}",
            "8310-5,  BODY_TEMPERATURE, Cel",
    })
    void mapsEveryRequiredLoincCodeToItsAnalyteAndCanonicalUnit(String loinc, String analyte, String unit) {
        AnalyteDefinition definition = catalog.byLoinc(loinc).orElseThrow();
        assertEquals(analyte, definition.id());
        assertEquals(unit, definition.ucumUnit());
        assertTrue(definition.loincCodes().contains(loinc));
        assertEquals(definition, catalog.byId(analyte).orElseThrow());
    }

    @Test
    void bloodPressurePanelHasSystolicAndDiastolicComponents() {
        assertTrue(catalog.isBloodPressurePanel("85354-9"));
        PanelDefinition panel = catalog.panelByLoinc("85354-9").orElseThrow();
        assertEquals(List.of("SYSTOLIC_BP", "DIASTOLIC_BP"), panel.componentAnalyteIds());
        panel.componentAnalyteIds().forEach(id -> assertTrue(catalog.byId(id).isPresent(), id));
        // a panel is not itself an analyte, and a component code is not a panel
        assertTrue(catalog.byLoinc("85354-9").isEmpty());
        assertFalse(catalog.isBloodPressurePanel("8480-6"));
    }

    @Test
    void unknownOrMissingCodesFindNothing() {
        assertTrue(catalog.byLoinc("0000-0").isEmpty());
        assertTrue(catalog.byLoinc(null).isEmpty());
        assertTrue(catalog.byId("NOT_AN_ANALYTE").isEmpty());
        assertFalse(catalog.isBloodPressurePanel(null));
    }

    @Test
    void molarMassIsGivenOnlyWhereMassAndSubstanceUnitsMeet() {
        assertEquals(0, new BigDecimal("584.66").compareTo(
                catalog.byId("BILIRUBIN_TOTAL").orElseThrow().molarMassGramsPerMole()));
        assertEquals(0, new BigDecimal("113.12").compareTo(
                catalog.byId("CREATININE").orElseThrow().molarMassGramsPerMole()));
        assertNull(catalog.byId("NEUTROPHILS").orElseThrow().molarMassGramsPerMole());
    }

    @Test
    void plausibilityRefusesNegativeAndAbsurdValues() {
        AnalyteDefinition neutrophils = catalog.byId("NEUTROPHILS").orElseThrow();
        assertTrue(neutrophils.isPlausible(BigDecimal.ZERO));
        assertTrue(neutrophils.isPlausible(new BigDecimal("1000")));
        assertFalse(neutrophils.isPlausible(new BigDecimal("1000.1")));
        assertFalse(neutrophils.isPlausible(new BigDecimal("-0.1")));
        AnalyteDefinition withoutRange = new AnalyteDefinition("X", "X", List.of("1-1"), "U/L", null);
        assertTrue(withoutRange.isPlausible(new BigDecimal("1E6")));
        assertFalse(withoutRange.isPlausible(new BigDecimal("-1")));
    }

    @Test
    void theUrineDipstickIsReadOnAnOrdinalScale() {
        AnalyteDefinition dipstick = catalog.byId("URINE_PROTEIN_DIPSTICK").orElseThrow();
        assertTrue(dipstick.isOrdinal());
        OrdinalScale scale = dipstick.ordinalScale();
        assertEquals("negative, trace, 1+, 2+, 3+, 4+", scale.describe());
        assertEquals(0, BigDecimal.ONE.compareTo(scale.valueOf("+").orElseThrow()));
        assertEquals("2+", scale.write(new BigDecimal("2")));
        assertTrue(dipstick.isPlausible(new BigDecimal("0.5")), "trace");
        assertFalse(dipstick.isPlausible(new BigDecimal("1.5")), "between levels");
        assertFalse(catalog.byId("NEUTROPHILS").orElseThrow().isOrdinal());
    }

    @ParameterizedTest
    @CsvSource({
            "analytes/ordinal-levels-not-rising.yaml,     ordinal level 1+ does not rank above trace",
            "analytes/ordinal-spelling-twice.yaml,        spelling '+' names both 1+ and 2+",
            "analytes/duplicate-loinc.yaml,               claimed by both NEUTROPHILS and LEUKOCYTES",
            "analytes/bad-loinc-format.yaml,              /analytes/0/loinc/0",
            "analytes/panel-with-unknown-component.yaml,  unknown component analyte DIASTOLIC_BP",
            "analytes/does-not-exist.yaml,                not found on the classpath",
    })
    void brokenCatalogFilesFailLoudlyAtLoad(String resource, String expectedProblem) {
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> AnalyteCatalog.load(resource));
        assertEquals(resource, e.resource());
        assertTrue(e.getMessage().contains(expectedProblem), e.getMessage());
    }
}
