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

    @ParameterizedTest
    @CsvSource({
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
