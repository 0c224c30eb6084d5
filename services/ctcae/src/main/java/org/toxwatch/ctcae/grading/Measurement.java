package org.toxwatch.ctcae.grading;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One analyte's value from the observation being graded, already in the analyte's canonical unit (see
 * {@link org.toxwatch.ctcae.units.LabUnits#normalize}), with the reference limits the lab reported in that unit.
 * A null value, unit or limit is allowed: the grader then says what could not be graded and why.
 */
public record Measurement(String analyte, BigDecimal value, String unit, BigDecimal lowerLimit,
                          BigDecimal upperLimit) {

    public Measurement {
        Objects.requireNonNull(analyte, "analyte");
    }
}
