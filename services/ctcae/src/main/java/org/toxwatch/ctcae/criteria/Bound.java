package org.toxwatch.ctcae.criteria;

import org.toxwatch.ctcae.Decimals;

import java.math.BigDecimal;

/**
 * One edge of a grade band: an absolute value in the analyte's canonical unit, or {@code factor} x LLN, ULN or
 * baseline. {@code inclusive} says whether a value exactly on the edge is inside the band (CRITERIA.md 2.1).
 */
public record Bound(BigDecimal value, Reference multipleOf, BigDecimal factor, boolean inclusive, Gap gap) {

    public static Bound absolute(BigDecimal value, boolean inclusive) {
        return new Bound(value, null, null, inclusive, null);
    }

    public static Bound multiple(BigDecimal factor, Reference reference, boolean inclusive) {
        return new Bound(null, reference, factor, inclusive, null);
    }

    public boolean isAbsolute() {
        return value != null;
    }

    /** The edge as a number, or null when the reference it is a multiple of was not reported. */
    public BigDecimal resolve(References references) {
        if (isAbsolute()) {
            return Decimals.normalized(value);
        }
        BigDecimal reference = references.valueOf(multipleOf);
        return reference == null ? null : Decimals.normalized(reference.multiply(factor));
    }

    /** The edge as NCI thinks of it: "1.5", "ULN", "3 x ULN", "1.5 x baseline". */
    public String symbolic() {
        if (isAbsolute()) {
            return Decimals.plain(value);
        }
        String reference = multipleOf == Reference.BASELINE ? "baseline" : multipleOf.name();
        return factor.compareTo(BigDecimal.ONE) == 0 ? reference : Decimals.plain(factor) + " x " + reference;
    }

    /** Same cut-off, whatever the inclusivity: the same absolute value, or the same multiple of the same reference. */
    public boolean sameCutOffAs(Bound other) {
        if (isAbsolute() != other.isAbsolute()) {
            return false;
        }
        return isAbsolute()
                ? value.compareTo(other.value) == 0
                : multipleOf == other.multipleOf && factor.compareTo(other.factor) == 0;
    }

    /** Whether a value strictly inside this bound's gap, if it has one. */
    public boolean inGap(BigDecimal x) {
        if (gap == null || !isAbsolute()) {
            return false;
        }
        BigDecimal low = value.min(gap.to());
        BigDecimal high = value.max(gap.to());
        return x.compareTo(low) > 0 && x.compareTo(high) < 0;
    }
}
