package org.toxwatch.regimens.rules;

import java.math.BigDecimal;

/**
 * A range on a number with at most one lower bound ({@code above} is exclusive, {@code atLeast} inclusive) and at most
 * one upper bound ({@code below} exclusive, {@code atMost} inclusive). Absent bounds are open. All comparisons are exact
 * ({@link BigDecimal#compareTo}).
 */
public record Interval(BigDecimal above, BigDecimal atLeast, BigDecimal below, BigDecimal atMost) {

    public Interval {
        if (above != null && atLeast != null) {
            throw new IllegalArgumentException("an interval has one lower bound: above " + above + " or at least " + atLeast);
        }
        if (below != null && atMost != null) {
            throw new IllegalArgumentException("an interval has one upper bound: below " + below + " or at most " + atMost);
        }
        if (above == null && atLeast == null && below == null && atMost == null) {
            throw new IllegalArgumentException("an interval needs at least one bound");
        }
    }

    public static Interval below(BigDecimal limit) {
        return new Interval(null, null, limit, null);
    }

    public static Interval atLeast(BigDecimal limit) {
        return new Interval(null, limit, null, null);
    }

    public BigDecimal lower() {
        return above != null ? above : atLeast;
    }

    public boolean lowerInclusive() {
        return atLeast != null;
    }

    public BigDecimal upper() {
        return below != null ? below : atMost;
    }

    public boolean upperInclusive() {
        return atMost != null;
    }

    /** Whether some number lies in the interval (a lower bound of 8 with an upper bound of 5 leaves none). */
    public boolean isSatisfiable() {
        if (lower() == null || upper() == null) {
            return true;
        }
        int order = lower().compareTo(upper());
        return order < 0 || (order == 0 && lowerInclusive() && upperInclusive());
    }

    public boolean contains(BigDecimal x) {
        return containsMultiple(x, BigDecimal.ONE);
    }

    /**
     * Whether {@code value / reference} lies in the interval, decided without division: {@code value} is compared with
     * each bound multiplied by {@code reference}, so 200 U/L against a ULN of 40 is exactly 5 x ULN, not 4.99999.
     */
    public boolean containsMultiple(BigDecimal value, BigDecimal reference) {
        if (reference.signum() <= 0) {
            throw new IllegalArgumentException("reference must be positive, was " + reference);
        }
        if (above != null && value.compareTo(above.multiply(reference)) <= 0) {
            return false;
        }
        if (atLeast != null && value.compareTo(atLeast.multiply(reference)) < 0) {
            return false;
        }
        if (below != null && value.compareTo(below.multiply(reference)) >= 0) {
            return false;
        }
        return atMost == null || value.compareTo(atMost.multiply(reference)) <= 0;
    }

    /** The interval in words with {@code unit} after each number, e.g. "above 5 up to 10 x ULN" or "below 1.2 10*9/L". */
    public String describe(String unit) {
        String suffix = unit == null || unit.isBlank() ? "" : " " + unit;
        String lowerText = above != null ? "above " + Decimals.plain(above) + suffix
                : atLeast != null ? "at least " + Decimals.plain(atLeast) + suffix : null;
        if (below != null) {
            return (lowerText == null ? "" : lowerText + " and ") + "below " + Decimals.plain(below) + suffix;
        }
        if (atMost != null) {
            return lowerText == null ? "at most " + Decimals.plain(atMost) + suffix
                    : lowerText.substring(0, lowerText.length() - suffix.length()) + " up to " + Decimals.plain(atMost) + suffix;
        }
        return lowerText;
    }
}
