package org.toxwatch.ctcae.analytes;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Values an analyte can physically take, in its canonical unit. Outside it, a value is a device or transcription
 * error, not a finding, and is never graded. Not a clinical reference range.
 */
public record PlausibleRange(BigDecimal min, BigDecimal max) {

    public PlausibleRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("plausible range min " + min + " is above max " + max);
        }
    }

    public boolean contains(BigDecimal value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }
}
