package org.toxwatch.ctcae.criteria;

import org.toxwatch.ctcae.Decimals;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One edge of a grade band: an absolute value in the analyte's canonical unit, {@code factor} x LLN, ULN or baseline
 * (plus an offset where NCI writes a rise, e.g. CTCAE v6 hypertension "increase in SBP >20 mmHg" from baseline), or
 * several such edges that must all be passed ({@code allOf}, e.g. CTCAE v6 alkaline phosphatase "> baseline and
 * > ULN"). {@code inclusive} says whether a value exactly on the edge is inside the band (CRITERIA.md 2.1).
 *
 * @param gap   values strictly between this edge and {@code gap.to} are read into this band (e.g. CRITERIA.md A7)
 * @param allOf the edges of a compound bound; empty for a simple one. Its parts carry no inclusivity of their own.
 * @param plus  added to the multiple, in the analyte's canonical unit ("baseline + 20"); null for none
 */
public record Bound(BigDecimal value, Reference multipleOf, BigDecimal factor, boolean inclusive, Gap gap,
                    List<Bound> allOf, BigDecimal plus) {

    public Bound {
        allOf = allOf == null ? List.of() : List.copyOf(allOf);
    }

    public Bound(BigDecimal value, Reference multipleOf, BigDecimal factor, boolean inclusive, Gap gap,
                 List<Bound> allOf) {
        this(value, multipleOf, factor, inclusive, gap, allOf, null);
    }

    public Bound(BigDecimal value, Reference multipleOf, BigDecimal factor, boolean inclusive, Gap gap) {
        this(value, multipleOf, factor, inclusive, gap, List.of(), null);
    }

    public static Bound absolute(BigDecimal value, boolean inclusive) {
        return new Bound(value, null, null, inclusive, null);
    }

    public static Bound multiple(BigDecimal factor, Reference reference, boolean inclusive) {
        return new Bound(null, reference, factor, inclusive, null);
    }

    public static Bound allOf(List<Bound> parts, boolean inclusive) {
        return new Bound(null, null, null, inclusive, null, parts);
    }

    public boolean isAbsolute() {
        return value != null;
    }

    public boolean isCompound() {
        return !allOf.isEmpty();
    }

    /** The simple edges this bound consists of: itself, or the parts of a compound bound. */
    public List<Bound> edges() {
        return isCompound() ? allOf : List.of(this);
    }

    /** References (LLN, ULN, baseline) the bound is a multiple of. */
    public Set<Reference> references() {
        Set<Reference> references = EnumSet.noneOf(Reference.class);
        for (Bound edge : edges()) {
            if (edge.multipleOf() != null) {
                references.add(edge.multipleOf());
            }
        }
        return references;
    }

    /**
     * The edge as a number, or null when a reference it needs was not reported. A compound bound resolves to the
     * strictest of its parts: the highest for a lower bound, the lowest for an upper bound.
     */
    public BigDecimal resolve(References references, boolean isLower) {
        BigDecimal strictest = null;
        for (Bound edge : edges()) {
            BigDecimal resolved = edge.resolveSimple(references);
            if (resolved == null) {
                return null;
            }
            if (strictest == null || (isLower ? resolved.compareTo(strictest) > 0 : resolved.compareTo(strictest) < 0)) {
                strictest = resolved;
            }
        }
        return strictest;
    }

    /** The edge as a number (a compound bound resolves as a lower bound). */
    public BigDecimal resolve(References references) {
        return resolve(references, true);
    }

    private BigDecimal resolveSimple(References references) {
        if (isAbsolute()) {
            return Decimals.normalized(value);
        }
        BigDecimal reference = references.valueOf(multipleOf);
        if (reference == null) {
            return null;
        }
        BigDecimal multiple = reference.multiply(factor);
        return Decimals.normalized(plus == null ? multiple : multiple.add(plus));
    }

    /** The edge as NCI thinks of it: "1.5", "ULN", "3 x ULN", "1.5 x baseline", "baseline and ULN". */
    public String symbolic() {
        if (isCompound()) {
            return allOf.stream().map(Bound::symbolic).collect(Collectors.joining(" and "));
        }
        if (isAbsolute()) {
            return Decimals.plain(value);
        }
        String reference = multipleOf == Reference.BASELINE ? "baseline" : multipleOf.name();
        String multiple = factor.compareTo(BigDecimal.ONE) == 0 ? reference : Decimals.plain(factor) + " x " + reference;
        return plus == null ? multiple : multiple + " + " + Decimals.plain(plus);
    }

    /** Same cut-off, whatever the inclusivity: the same absolute value, or the same multiples of the same references. */
    public boolean sameCutOffAs(Bound other) {
        if (isCompound() || other.isCompound()) {
            List<Bound> mine = edges();
            List<Bound> theirs = other.edges();
            if (mine.size() != theirs.size()) {
                return false;
            }
            for (int i = 0; i < mine.size(); i++) {
                if (!mine.get(i).sameCutOffAs(theirs.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (isAbsolute() != other.isAbsolute()) {
            return false;
        }
        return isAbsolute()
                ? value.compareTo(other.value) == 0
                : multipleOf == other.multipleOf && factor.compareTo(other.factor) == 0
                && (plus == null ? other.plus == null : other.plus != null && plus.compareTo(other.plus) == 0);
    }

    /** Whether a value lies strictly inside this bound's gap, if it has one. */
    public boolean inGap(BigDecimal x) {
        if (gap == null || !isAbsolute()) {
            return false;
        }
        BigDecimal low = value.min(gap.to());
        BigDecimal high = value.max(gap.to());
        return x.compareTo(low) > 0 && x.compareTo(high) < 0;
    }

    Bound withValue(BigDecimal newValue, Gap newGap) {
        return new Bound(newValue, multipleOf, factor, inclusive, newGap, allOf, plus);
    }
}
