package org.toxwatch.ctcae.units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Optional;

/**
 * Temperature scales have offsets, so UCUM's linear factors cannot convert them; each is converted through degrees
 * Celsius explicitly. Fahrenheit divides by 9, which rarely terminates: it is carried to 34 significant digits
 * (DECIMAL128), far below any clinical resolution, and NCI's own figures (100.4, 102.2, 104.0 degF) come out exact.
 */
enum TemperatureScale {

    CELSIUS("Cel") {
        @Override
        BigDecimal toCelsius(BigDecimal value) {
            return value;
        }

        @Override
        BigDecimal fromCelsius(BigDecimal celsius) {
            return celsius;
        }
    },
    FAHRENHEIT("[degF]") {
        private static final BigDecimal FREEZING = new BigDecimal("32");
        private static final BigDecimal FIVE = new BigDecimal("5");
        private static final BigDecimal NINE = new BigDecimal("9");

        @Override
        BigDecimal toCelsius(BigDecimal value) {
            return value.subtract(FREEZING).multiply(FIVE).divide(NINE, MathContext.DECIMAL128);
        }

        @Override
        BigDecimal fromCelsius(BigDecimal celsius) {
            return celsius.multiply(NINE).divide(FIVE, MathContext.DECIMAL128).add(FREEZING);
        }
    },
    KELVIN("K") {
        private static final BigDecimal ZERO_CELSIUS = new BigDecimal("273.15");

        @Override
        BigDecimal toCelsius(BigDecimal value) {
            return value.subtract(ZERO_CELSIUS);
        }

        @Override
        BigDecimal fromCelsius(BigDecimal celsius) {
            return celsius.add(ZERO_CELSIUS);
        }
    };

    private final String ucumCode;

    TemperatureScale(String ucumCode) {
        this.ucumCode = ucumCode;
    }

    abstract BigDecimal toCelsius(BigDecimal value);

    abstract BigDecimal fromCelsius(BigDecimal celsius);

    static Optional<TemperatureScale> ofUcum(String code) {
        return Arrays.stream(values()).filter(scale -> scale.ucumCode.equals(code)).findFirst();
    }
}
