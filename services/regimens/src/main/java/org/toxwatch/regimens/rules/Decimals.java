package org.toxwatch.regimens.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How clinical numbers are written in explanations; comparisons never go through these strings. */
public final class Decimals {

    private Decimals() {
    }

    /** The number as written, without trailing zeros or exponent: 1.20 → "1.2", 4E+2 → "400". */
    public static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    /** {@code value / reference} rounded half-up to two decimals, for display only (410 / 40 → "10.25"). */
    public static String ratio(BigDecimal value, BigDecimal reference) {
        return plain(value.divide(reference, 2, RoundingMode.HALF_UP));
    }
}
