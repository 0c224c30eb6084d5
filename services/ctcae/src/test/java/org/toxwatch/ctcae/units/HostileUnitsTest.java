package org.toxwatch.ctcae.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;

/**
 * What callers may pass to {@link LabUnits} is bounded: every service hands it what a lab or a ward wrote, so a unit
 * or a value from a hostile sender must be refused with a reason, never cost unbounded time, memory or cache.
 */
class HostileUnitsTest {

    private final AnalyteCatalog catalog = AnalyteCatalog.standard();
    private final AnalyteDefinition neutrophils = catalog.byId("NEUTROPHILS").orElseThrow();
    private final AnalyteDefinition creatinine = catalog.byId("CREATININE").orElseThrow();

    @Test
    void aUnitLongerThanAnyLabUnitIsRefusedWithoutQuotingItInFull() {
        String unit = "m".repeat(LabUnits.MAX_UNIT_LENGTH + 1);
        UnitNotGradableException refused = assertThrows(UnitNotGradableException.class,
                () -> LabUnits.standard().normalize(BigDecimal.ONE, unit, neutrophils));
        assertTrue(refused.getMessage().contains(LabUnits.MAX_UNIT_LENGTH + 1 + " characters"), refused.getMessage());
        assertTrue(refused.getMessage().length() < 300, "quotes " + refused.getMessage().length() + " characters");
    }

    @Test
    void aMegabyteUnitIsRefusedAtOnce() {
        String unit = "10*9/L".repeat(200_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(UnitNotGradableException.class,
                () -> LabUnits.standard().ucumCodeFor(unit)));
    }

    /** UCUM works a power of ten out digit by digit, under the lock every conversion takes. */
    @ParameterizedTest
    @ValueSource(strings = {"10*999/L", "10*31/L", "10^999999999/L", "m99", "L9.L9.L9.L9.L9.L9.L9.L9.L9.L9"})
    void unitsRaisedToAbsurdPowersAreRefusedBeforeUcumSeesThem(String unit) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            UnitNotGradableException refused = assertThrows(UnitNotGradableException.class,
                    () -> LabUnits.standard().normalize(BigDecimal.ONE, unit, neutrophils));
            assertTrue(refused.reason().contains("powers add up to more than " + LabUnits.MAX_UNIT_EXPONENT_SUM),
                    refused.reason());
        });
    }

    @Test
    void powersWithinTheBoundStillConvert() {
        assertEquals(0, new BigDecimal("1.5").compareTo(
                LabUnits.standard().normalize(new BigDecimal("1500"), "10*6/L", neutrophils).value()));
        assertEquals(12, LabUnits.exponentSum("10*12/L"));
        assertEquals(0, LabUnits.exponentSum("{cells}/100"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e18", "-1e18", "1e999999999", "-1e999999999", "1e-19", "1e-999999999"})
    void valuesNoLabMeasuresAreNotGradableWithTheirOrderOfMagnitude(String value) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            ResultNotGradableException refused = assertThrows(ResultNotGradableException.class,
                    () -> LabUnits.standard().normalize(new BigDecimal(value), "mg/dL", creatinine));
            assertTrue(refused.reason().contains("is not a lab measurement"), refused.reason());
            assertTrue(refused.getMessage().length() < 300, "quotes " + refused.getMessage().length() + " characters");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "1e17", "0.000000000000000001", "-5"})
    void valuesWithinTheBoundAreConverted(String value) {
        LabUnits.standard().normalize(new BigDecimal(value), "mg/dL", creatinine);
    }

    @Test
    void theWayBackRefusesAbsurdValuesToo() {
        assertThrows(ResultNotGradableException.class,
                () -> LabUnits.standard().fromCanonical(new BigDecimal("1e999999999"), "mg/dL", creatinine));
    }

    @Test
    void aResultWrittenAsAnEssayIsRefusedWithoutQuotingIt() {
        ResultNotGradableException refused = assertThrows(ResultNotGradableException.class,
                () -> LabUnits.standard().normalizeReported("9".repeat(100_000), "mg/dL", creatinine));
        assertTrue(refused.getMessage().length() < 300, "quotes " + refused.getMessage().length() + " characters");
    }

    /** A fresh instance, so the standard one's cache (shared by every test) does not matter. */
    @Test
    void theConversionCachesDoNotGrowWithMadeUpSpellings() {
        LabUnits units = LabUnits.withAliases(LabUnits.STANDARD_ALIASES);
        for (int i = 0; i < 1_500; i++) {
            String made = "mg" + Integer.toString(i, 26).replaceAll("[0-9]", "x") + "/dL";
            try {
                units.normalize(BigDecimal.ONE, made, creatinine);
            } catch (UnitNotGradableException expected) {
                // most made-up spellings are not UCUM
            }
            try {
                units.normalize(BigDecimal.ONE, "10*" + (i % 9) + "." + i + "/L", neutrophils);
            } catch (UnitNotGradableException expected) {
                // a count per litre times a factor: valid UCUM, another kind
            }
        }
        assertTrue(units.cachedEntries() <= UcumUnits.CACHED_CODES,
                "cached " + units.cachedEntries() + " entries, bound " + UcumUnits.CACHED_CODES);
        // and the cache still serves: a real spelling converts as before
        assertEquals(0, new BigDecimal("1.5").compareTo(units.normalize(new BigDecimal("1.5"), "K/uL", neutrophils).value()));
    }
}
