package org.toxwatch.ctcae.units;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.datafile.InvalidDataFileException;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabUnitsTest {

    private final LabUnits units = LabUnits.standard();
    private final AnalyteCatalog catalog = AnalyteCatalog.standard();

    private AnalyteDefinition analyte(String id) {
        return catalog.byId(id).orElseThrow();
    }

    @ParameterizedTest(name = "{1} {0} -> {3} {2}")
    @CsvSource(delimiter = '|', value = {
            // spelling   | value  | analyte      | expected in canonical unit
            "K/uL         | 1.5    | NEUTROPHILS  | 1.5",
            "k/uL         | 1.5    | NEUTROPHILS  | 1.5",
            "K/µL         | 1.5    | NEUTROPHILS  | 1.5",
            "x10E3/uL     | 2.1    | LEUKOCYTES   | 2.1",
            "10E3/uL      | 2.1    | LEUKOCYTES   | 2.1",
            "10^3/uL      | 75     | PLATELETS    | 75",
            "x10^3/uL     | 75     | PLATELETS    | 75",
            "thou/uL      | 75     | PLATELETS    | 75",
            "thou/mm3     | 75     | PLATELETS    | 75",
            "K/mm3        | 75     | PLATELETS    | 75",
            "10^3/mm3     | 75     | PLATELETS    | 75",
            "10^9/L       | 0.49   | NEUTROPHILS  | 0.49",
            "x10E9/L      | 0.49   | NEUTROPHILS  | 0.49",
            "10E9/L       | 0.49   | NEUTROPHILS  | 0.49",
            "x10^9/L      | 0.49   | NEUTROPHILS  | 0.49",
            "G/L          | 0.49   | NEUTROPHILS  | 0.49",
            "Giga/L       | 0.49   | NEUTROPHILS  | 0.49",
            "10^3/mL      | 490    | NEUTROPHILS  | 0.49",
            "/mm3         | 1500   | NEUTROPHILS  | 1.5",
            "cells/mm3    | 1500   | NEUTROPHILS  | 1.5",
            "cells/uL     | 1500   | NEUTROPHILS  | 1.5",
            "cells/µL     | 1500   | NEUTROPHILS  | 1.5",
            "/cmm         | 1500   | NEUTROPHILS  | 1.5",
            "mmHg         | 145    | SYSTOLIC_BP  | 145",
            "mm Hg        | 92     | DIASTOLIC_BP | 92",
            "IU/L         | 95     | AST          | 95",
            "IU/l         | 95     | ALT          | 95",
            "U/l          | 95     | ALT          | 95",
            "g/dl         | 10     | HEMOGLOBIN   | 100",
            "mg/dl        | 1      | CREATININE   | 88.4016973125884",
            "°C           | 38.5   | BODY_TEMPERATURE | 38.5",
            "C            | 38.5   | BODY_TEMPERATURE | 38.5",
            "°F           | 100.4  | BODY_TEMPERATURE | 38",
            "F            | 104    | BODY_TEMPERATURE | 40",
            "[degF]       | 102.2  | BODY_TEMPERATURE | 39",
            "K            | 311.15 | BODY_TEMPERATURE | 38",
            "g/24 h       | 1.2    | URINE_PROTEIN_24H | 1.2",
            "g/24h        | 1.2    | URINE_PROTEIN_24H | 1.2",
            "g/d          | 3.5    | URINE_PROTEIN_24H | 3.5",
            "mg/24 h      | 150    | URINE_PROTEIN_24H | 0.15",
            "mg/d         | 150    | URINE_PROTEIN_24H | 0.15",
            "mm[Hg]       | 145    | SYSTOLIC_BP  | 145",
            "umol/L       | 17.1   | BILIRUBIN_TOTAL | 17.1",
            "10*9/L       | 0.6    | LYMPHOCYTES  | 0.6",
            "cells/mm3    | 600    | LYMPHOCYTES  | 0.6",
            "x10E3/uL     | 0.6    | LYMPHOCYTES  | 0.6",
            "10*3/uL      | 0.6    | LYMPHOCYTES  | 0.6",
            "g/dL         | 3      | ALBUMIN      | 30",
    })
    void aliasSpellingsConvertIntoTheCanonicalUnit(String spelling, String value, String analyte, String expected) {
        Quantity quantity = units.normalize(new BigDecimal(value), spelling, analyte(analyte));
        assertEquals(analyte(analyte).ucumUnit(), quantity.ucumUnit());
        assertEquals(0, new BigDecimal(expected).compareTo(quantity.value()),
                spelling + " gave " + quantity.value());
    }

    @ParameterizedTest(name = "{0} is UCUM {1}")
    @CsvSource(delimiter = '|', value = {
            "K/uL      | 10*3/uL",
            "x10E3/uL  | 10*3/uL",
            "10^3/uL   | 10*3/uL",
            "thou/mm3  | 10*3/uL",
            "10^9/L    | 10*9/L",
            "x10E9/L   | 10*9/L",
            "G/L       | 10*9/L",
            "/mm3      | /uL",
            "cells/mm3 | /uL",
            "cells/uL  | /uL",
            "mmHg      | mm[Hg]",
            "IU/L      | U/L",
            "µmol/L    | umol/L",
            "μmol/L    | umol/L",
            "' 10*9/L '| 10*9/L",
            "mg/dL     | mg/dL",
            "%         | %",
    })
    void ucumCodeForMapsWithoutConverting(String reported, String ucum) {
        assertEquals(ucum, units.ucumCodeFor(reported));
    }

    @Test
    void kPerMicrolitreIsThousandsNotKelvin() {
        // UCUM alone reads K/uL as kelvin per microlitre; the alias table must win.
        assertEquals("10*3/uL", units.ucumCodeFor("K/uL"));
        Quantity quantity = units.normalize(new BigDecimal("1.2"), "K/uL", analyte("NEUTROPHILS"));
        assertEquals(new Quantity(new BigDecimal("1.2"), "10*9/L"), quantity);
        // while plain kelvin is refused for a count
        assertThrows(UnitNotGradableException.class,
                () -> units.normalize(new BigDecimal("1.2"), "K", analyte("NEUTROPHILS")));
    }

    @Test
    void gigaPerLitreIsNotGrammesPerLitre() {
        assertEquals("10*9/L", units.ucumCodeFor("G/L"));
        assertEquals("g/L", units.ucumCodeFor("g/L"));
        assertThrows(UnitNotGradableException.class,
                () -> units.normalize(new BigDecimal("0.8"), "g/L", analyte("NEUTROPHILS")));
    }

    @Test
    void eightHundredPerMicrolitreIsExactlyPointEightGigaPerLitre() {
        Quantity quantity = units.normalize(new BigDecimal("800"), "/uL", analyte("NEUTROPHILS"));
        assertEquals("0.8", quantity.value().toPlainString());
        assertEquals("10*9/L", quantity.ucumUnit());
    }

    @Test
    void resultsCarryNoTrailingZerosAndNoExponent() {
        assertEquals("100", units.normalize(new BigDecimal("100000"), "/uL", analyte("PLATELETS"))
                .value().toPlainString());
        assertEquals("100", units.normalize(new BigDecimal("100000"), "/uL", analyte("PLATELETS"))
                .value().toString());
        assertEquals("1.5", units.normalize(new BigDecimal("1.500"), "10*9/L", analyte("NEUTROPHILS"))
                .value().toString());
    }

    @Test
    void tinyAndHugeCountsStayExact() {
        // 1 cell/uL is 0.001 x 10^9/L: exactly, not 9.999...E-4
        assertEquals("0.001", units.normalize(BigDecimal.ONE, "/uL", analyte("NEUTROPHILS")).value().toPlainString());
        assertEquals("123456.789", units.normalize(new BigDecimal("123456789"), "/uL", analyte("PLATELETS"))
                .value().toPlainString());
    }

    @Test
    void catalyticUnitsConvertBothWays() {
        // 1 ukat = 60 U (1 U = 1 umol/min): exactly 60, although UCUM computes 1/60 internally
        assertEquals("60", units.normalize(BigDecimal.ONE, "ukat/L", analyte("AST")).value().toPlainString());
        assertEquals("120", units.normalize(new BigDecimal("2"), "ukat/L", analyte("ALT")).value().toPlainString());
    }

    @Test
    void massAndSubstanceConcentrationsConvertThroughTheMolarMass() {
        // CRITERIA.md 2.1: 1 mg/dL bilirubin = 17.1 umol/L; creatinine: 1 mg/dL = 88.4 umol/L
        BigDecimal bilirubin = units.normalize(BigDecimal.ONE, "mg/dL", analyte("BILIRUBIN_TOTAL")).value();
        assertEquals(new BigDecimal("17.10"), bilirubin.setScale(2, RoundingMode.HALF_UP));
        BigDecimal creatinine = units.normalize(BigDecimal.ONE, "mg/dL", analyte("CREATININE")).value();
        assertEquals(new BigDecimal("88.40"), creatinine.setScale(2, RoundingMode.HALF_UP));
        // the way back: CRITERIA.md A2, 6.2 mmol/L haemoglobin is just below 100 g/L
        BigDecimal hemoglobin = units.normalize(new BigDecimal("6.2"), "mmol/L", analyte("HEMOGLOBIN")).value();
        assertEquals(0, new BigDecimal("99.9099").compareTo(hemoglobin), hemoglobin.toPlainString());
    }

    @Test
    void substanceUnitWithoutMolarMassIsRefused() {
        UnitNotGradableException e = assertThrows(UnitNotGradableException.class,
                () -> units.normalize(new BigDecimal("500"), "umol/L", analyte("ALBUMIN")));
        assertTrue(e.reason().contains("molar mass"), e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "{ratio}", "umol/L", "[iU]/L", "U/L", "mg/dL", "mm[Hg]", "K", "g/L"})
    void unitsThatDoNotMeasureACountAreRefused(String unit) {
        UnitNotGradableException e = assertThrows(UnitNotGradableException.class,
                () -> units.normalize(new BigDecimal("55"), unit, analyte("NEUTROPHILS")));
        assertEquals(unit, e.reportedUnit());
        assertTrue(e.reason().contains("cannot express Neutrophils"), e.reason());
    }

    @Test
    void percentOfWhiteCellsIsRefusedWithTheReason() {
        UnitNotGradableException e = assertThrows(UnitNotGradableException.class,
                () -> units.normalize(new BigDecimal("55"), "%", analyte("NEUTROPHILS")));
        assertTrue(e.reason().contains("dimensionless"), e.reason());
        assertTrue(e.reason().contains("A13"), e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bananas/uL", "cells", "mmol/bananas", "10**9/L", "x10E9"})
    void unknownUnitsAreRefused(String unit) {
        UnitNotGradableException e = assertThrows(UnitNotGradableException.class, () -> units.ucumCodeFor(unit));
        assertTrue(e.reason().contains("neither a known lab spelling nor valid UCUM"), e.reason());
        assertThrows(UnitNotGradableException.class,
                () -> units.normalize(BigDecimal.ONE, unit, analyte("NEUTROPHILS")));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void missingUnitIsRefused(String unit) {
        UnitNotGradableException e = assertThrows(UnitNotGradableException.class,
                () -> units.normalize(new BigDecimal("2"), unit, analyte("NEUTROPHILS")));
        assertTrue(e.reason().contains("no unit was reported"), e.reason());
        assertThrows(UnitNotGradableException.class, () -> units.ucumCodeFor(unit));
    }

    @Test
    void everyCatalogUnitIsValidUcumInItsOwnSpelling() {
        for (AnalyteDefinition analyte : catalog.analytes()) {
            assertEquals(analyte.ucumUnit(), units.ucumCodeFor(analyte.ucumUnit()), analyte.id());
            Quantity same = units.normalize(new BigDecimal("1.0"), analyte.ucumUnit(), analyte);
            assertEquals(0, BigDecimal.ONE.compareTo(same.value()), analyte.id());
        }
    }

    @Test
    void molarConversionKeepsExactRatios() {
        // one factor per unit pair, product kept exact: 1.8 mg/dL against ULN 1.2 mg/dL stays exactly 1.5 x ULN in
        // umol/L, so a value on a cut-off is graded on the cut-off (issue #3 item 4; CRITERIA.md 2.1)
        for (String analyteId : List.of("CREATININE", "BILIRUBIN_TOTAL")) {
            AnalyteDefinition analyte = analyte(analyteId);
            for (String uln : List.of("0.6", "1.0", "1.2", "1.3", "2.75")) {
                for (String multiple : List.of("1", "1.5", "3", "6", "10")) {
                    BigDecimal ulnUmol = units.normalize(new BigDecimal(uln), "mg/dL", analyte).value();
                    BigDecimal value = new BigDecimal(uln).multiply(new BigDecimal(multiple));
                    BigDecimal valueUmol = units.normalize(value, "mg/dL", analyte).value();
                    assertEquals(0, ulnUmol.multiply(new BigDecimal(multiple)).compareTo(valueUmol),
                            () -> analyteId + " " + multiple + " x " + uln + " mg/dL: " + valueUmol + " vs " + ulnUmol);
                }
            }
        }
    }

    @Test
    void aValueConvertedAndBackIsTheValueAgain() {
        AnalyteDefinition creatinine = analyte("CREATININE");
        for (String value : List.of("0.5", "0.9", "1.3", "2.75", "12")) {
            BigDecimal umol = units.normalize(new BigDecimal(value), "mg/dL", creatinine).value();
            assertEquals(0, new BigDecimal(value).compareTo(units.fromCanonical(umol, "mg/dL", creatinine).value()),
                    value);
        }
        AnalyteDefinition temperature = analyte("BODY_TEMPERATURE");
        for (String value : List.of("98.6", "100.4", "102.25", "104")) {
            BigDecimal celsius = units.normalize(new BigDecimal(value), "°F", temperature).value();
            BigDecimal back = units.fromCanonical(celsius, "°F", temperature).value();
            assertEquals(0, new BigDecimal(value).compareTo(back.round(new MathContext(20))), value + " gave " + back);
        }
        assertEquals("1500", units.fromCanonical(new BigDecimal("1.5"), "cells/mm3", analyte("NEUTROPHILS"))
                .value().toPlainString());
    }

    @Test
    void fahrenheitIsConvertedThroughItsOffsetNotByAFactor() {
        AnalyteDefinition temperature = analyte("BODY_TEMPERATURE");
        // CRITERIA.md A9: 102.25 degF lies between NCI's 102.2 and 102.3 degF, and is 39.03 degC
        BigDecimal celsius = units.normalize(new BigDecimal("102.25"), "F", temperature).value();
        assertEquals(new BigDecimal("39.0278"), celsius.setScale(4, RoundingMode.HALF_UP));
        assertTrue(celsius.compareTo(new BigDecimal("39")) > 0);
        // NCI's own degF figures are exact conversions of its degC ones
        assertEquals("38", units.normalize(new BigDecimal("100.4"), "°F", temperature).value().toPlainString());
        assertEquals("39", units.normalize(new BigDecimal("102.2"), "°F", temperature).value().toPlainString());
        assertEquals("40", units.normalize(new BigDecimal("104.0"), "°F", temperature).value().toPlainString());
        // while a linear unit cannot express a temperature, nor a temperature unit a count
        UnitNotGradableException notTemperature = assertThrows(UnitNotGradableException.class,
                () -> units.normalize(new BigDecimal("38"), "mm[Hg]", temperature));
        assertTrue(notTemperature.reason().contains("not a temperature unit"), notTemperature.reason());
        assertThrows(UnitNotGradableException.class,
                () -> units.normalize(new BigDecimal("38"), "Cel", analyte("NEUTROPHILS")));
    }

    @ParameterizedTest(name = "dipstick {0} (unit \"{1}\") is rank {2}")
    @CsvSource(delimiter = '|', value = {
            "negative |          | 0",
            "NEG      |          | 0",
            "trace    | dipstick | 0.5",
            "Trace    |          | 0.5",
            "1+       |          | 1",
            "+        | dipstick | 1",
            "+1       |          | 1",
            "2+       | Dipstick | 2",
            "++       |          | 2",
            "3+       |          | 3",
            "4+       | {dipstick} | 4",
            "' 4 + '  |          | 4",
    })
    void dipstickReadingsAreReadAsTheirRanks(String reading, String unit, String rank) {
        Quantity quantity = units.normalizeReported(reading, unit, analyte("URINE_PROTEIN_DIPSTICK"));
        assertEquals(0, new BigDecimal(rank).compareTo(quantity.value()), reading);
        assertEquals("{dipstick}", quantity.ucumUnit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5+", "positive", "1", "30", "moderate"})
    void anythingElseOnADipstickIsRefused(String reading) {
        ResultNotGradableException e = assertThrows(ResultNotGradableException.class,
                () -> units.normalizeReported(reading, null, analyte("URINE_PROTEIN_DIPSTICK")));
        assertTrue(e.reason().contains("negative, trace, 1+, 2+, 3+, 4+"), e.reason());
    }

    @Test
    void aDipstickInAMassUnitHasNoAgreedMapping() {
        UnitNotGradableException e = assertThrows(UnitNotGradableException.class,
                () -> units.normalizeReported("2+", "mg/dL", analyte("URINE_PROTEIN_DIPSTICK")));
        assertTrue(e.reason().contains("no agreed mapping"), e.reason());
    }

    @Test
    void textThatIsNotANumberIsRefusedForAMeasuredAnalyte() {
        ResultNotGradableException e = assertThrows(ResultNotGradableException.class,
                () -> units.normalizeReported("<0.5", "10*9/L", analyte("NEUTROPHILS")));
        assertTrue(e.reason().contains("is not a number"), e.reason());
        assertEquals(new Quantity(new BigDecimal("0.45"), "10*9/L"),
                units.normalizeReported(" 450 ", "/uL", analyte("NEUTROPHILS")));
    }

    @Test
    void brokenAliasFilesFailLoudlyAtLoad() {
        InvalidDataFileException notUcum = assertThrows(InvalidDataFileException.class,
                () -> LabUnits.withAliases("units/target-not-ucum.yaml"));
        assertTrue(notUcum.getMessage().contains("target mmHg is not valid UCUM"), notUcum.getMessage());
        InvalidDataFileException twice = assertThrows(InvalidDataFileException.class,
                () -> LabUnits.withAliases("units/spelling-twice.yaml"));
        assertTrue(twice.getMessage().contains("'K/uL' maps to both"), twice.getMessage());
    }
}
