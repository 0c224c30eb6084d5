package org.toxwatch.cli.grading;

import java.math.BigDecimal;

/**
 * One coded value of an Observation, in the units the lab wrote. A reference limit may carry its own unit; null
 * means "the value's unit".
 *
 * @param value     the value when it is a quantity; null when it is text or absent
 * @param valueText the value when it is text, e.g. a dipstick "2+"; null otherwise. With value also null, the lab
 *                  reported no value for this component (a blood-pressure panel without its diastolic reading): the
 *                  terms reading it then grade from the rest, as a lower bound
 * @param unusable  why the reading cannot be graded although something was reported (a censored "&lt;0.5", a value
 *                 that is not a quantity, a whole Observation without value); null when usable
 */
public record LabReading(String loinc, BigDecimal value, String valueText, String unit, BigDecimal lowerLimit,
                         String lowerLimitUnit, BigDecimal upperLimit, String upperLimitUnit, String unusable) {

    public static LabReading of(String loinc, BigDecimal value, String unit) {
        return new LabReading(loinc, value, null, unit, null, null, null, null, null);
    }

    public static LabReading text(String loinc, String valueText, String unit) {
        return new LabReading(loinc, null, valueText, unit, null, null, null, null, null);
    }

    /** A component the lab reported without a value. */
    public static LabReading absent(String loinc) {
        return new LabReading(loinc, null, null, null, null, null, null, null, null);
    }

    public static LabReading unusable(String loinc, String reason) {
        return new LabReading(loinc, null, null, null, null, null, null, null, reason);
    }

    boolean hasValue() {
        return value != null || valueText != null;
    }
}
