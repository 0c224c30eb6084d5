package org.toxwatch.ctcae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecimalsTest {

    @ParameterizedTest
    @CsvSource({"1.50, 1.5", "1E+2, 100", "0.000, 0", "-0.80, -0.8", "123456789012345678, 123456789012345678"})
    void valuesAreWrittenAsAClinicianWritesThem(String value, String plain) {
        assertEquals(plain, Decimals.plain(new BigDecimal(value)));
    }

    /** Written out, these are a billion digits: they keep their exponent and cost nothing. */
    @Test
    void absurdValuesKeepTheirExponent() {
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            assertEquals("1E+999999999", Decimals.plain(new BigDecimal("1e999999999")));
            assertEquals("-1E+999999999", Decimals.plain(new BigDecimal("-1e999999999")));
            assertEquals("1E-999999999", Decimals.plain(new BigDecimal("1e-999999999")));
            assertEquals(999_999_999L, Decimals.exponent(Decimals.normalized(new BigDecimal("1e999999999"))));
        });
    }

    @ParameterizedTest
    @CsvSource({"0, true", "-0, true", "1e17, true", "9.99e17, true", "1e18, false", "-1e18, false",
            "1e-18, true", "9e-19, false", "1e999999999, false", "1e-999999999, false"})
    void measurableValuesAreWithinEighteenOrdersOfMagnitude(String value, boolean measurable) {
        assertEquals(measurable, Decimals.isMeasurable(new BigDecimal(value)));
    }

    @Test
    void exponentIsReadFromDigitsAndScale() {
        assertEquals(3, Decimals.exponent(new BigDecimal("1234.5")));
        assertEquals(-3, Decimals.exponent(new BigDecimal("0.0012")));
        assertEquals(0, Decimals.exponent(BigDecimal.ZERO));
        assertTrue(Decimals.isMeasurable(new BigDecimal("0E+999999999")));
        assertFalse(Decimals.isMeasurable(new BigDecimal("1" + "0".repeat(2000))));
    }
}
