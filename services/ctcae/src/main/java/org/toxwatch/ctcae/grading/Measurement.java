package org.toxwatch.ctcae.grading;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One analyte's value from the observation being graded, already in the analyte's canonical unit (see
 * {@link org.toxwatch.ctcae.units.LabUnits#normalize}), with the reference limits the lab reported in that unit.
 * A null value, unit or limit is allowed: the grader then says what could not be graded and why.
 *
 * @param durationHours how long the value persisted, where a band needs it (fever over 24 h, a febrile neutropenia
 *                      temperature sustained over one hour); null when unknown
 */
public record Measurement(String analyte, BigDecimal value, String unit, BigDecimal lowerLimit,
                          BigDecimal upperLimit, BigDecimal durationHours) {

    public Measurement {
        Objects.requireNonNull(analyte, "analyte");
    }

    /** A value whose duration is unknown or does not matter. */
    public Measurement(String analyte, BigDecimal value, String unit, BigDecimal lowerLimit, BigDecimal upperLimit) {
        this(analyte, value, unit, lowerLimit, upperLimit, null);
    }

    /** The same value, known to have persisted this many hours. */
    public Measurement persistedFor(BigDecimal hours) {
        return new Measurement(analyte, value, unit, lowerLimit, upperLimit, hours);
    }
}
