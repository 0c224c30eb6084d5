package org.toxwatch.ctcae;

import java.math.BigDecimal;

/**
 * Canonical form of the clinical numbers this module hands out: trailing zeros stripped (1.50 and 1.5 are the same
 * count) but never an exponent (100, not 1E+2), so values print and serialise the way a clinician writes them.
 * <p>
 * Numbers far beyond anything a lab measures are the one exception: written out in full, 1e999999999 is a billion
 * digits, so they keep their exponent. Callers refuse such values at their door ({@link #isMeasurable}); this only
 * makes sure that one that slips through costs an exponent, not the heap.
 */
public final class Decimals {

    /**
     * No analyser reports a value, or a limit, of 10^18 or more, nor a non-zero one below 10^-18, in any unit (the bound
     * lab-ingest applies to what labs send).
     */
    public static final int MAX_MEASURED_EXPONENT = 18;
    /** Beyond this many digits either side of the point, a number is written with its exponent. */
    static final int MAX_WRITTEN_EXPONENT = 100;

    private Decimals() {
    }

    public static BigDecimal normalized(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() < 0 && Math.abs(exponent(stripped)) <= MAX_WRITTEN_EXPONENT) {
            return stripped.setScale(0);
        }
        return stripped;
    }

    /** Plain text of a value, e.g. "0.8" or "100"; "-" for a missing one; an absurd one keeps its exponent. */
    public static String plain(BigDecimal value) {
        if (value == null) {
            return "-";
        }
        BigDecimal normalized = normalized(value);
        return Math.abs(exponent(normalized)) > MAX_WRITTEN_EXPONENT ? normalized.toString() : normalized.toPlainString();
    }

    /**
     * The power of ten of the leading digit, read from digits and scale only (never written out): 1234.5 gives 3,
     * 0.0012 gives -3, 0 gives 0.
     */
    public static long exponent(BigDecimal value) {
        return value.signum() == 0 ? 0 : (long) value.precision() - value.scale() - 1;
    }

    /** Zero, or of an order of magnitude between 10^-18 and 10^18 (exclusive): something a lab could have measured. */
    public static boolean isMeasurable(BigDecimal value) {
        long exponent = exponent(value);
        return value.signum() == 0 || exponent < MAX_MEASURED_EXPONENT && exponent >= -MAX_MEASURED_EXPONENT;
    }
}
