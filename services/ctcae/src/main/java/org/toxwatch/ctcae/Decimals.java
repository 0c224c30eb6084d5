package org.toxwatch.ctcae;

import java.math.BigDecimal;

/**
 * Canonical form of the clinical numbers this module hands out: trailing zeros stripped (1.50 and 1.5 are the same
 * count) but never an exponent (100, not 1E+2), so values print and serialise the way a clinician writes them.
 */
public final class Decimals {

    private Decimals() {
    }

    public static BigDecimal normalized(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Plain text of a value, e.g. "0.8" or "100"; "-" for a missing one. */
    public static String plain(BigDecimal value) {
        return value == null ? "-" : normalized(value).toPlainString();
    }
}
