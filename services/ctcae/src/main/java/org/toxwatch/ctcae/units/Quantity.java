package org.toxwatch.ctcae.units;

import java.math.BigDecimal;
import java.util.Objects;

/** A value in a UCUM unit; the value is exact and carries no trailing zeros. */
public record Quantity(BigDecimal value, String ucumUnit) {

    public Quantity {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(ucumUnit, "ucumUnit");
    }
}
