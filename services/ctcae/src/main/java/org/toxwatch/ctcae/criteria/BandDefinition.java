package org.toxwatch.ctcae.criteria;

import java.util.EnumSet;
import java.util.Set;

/**
 * One grade's band within a band set; either bound may be open. {@code nciText} is the part of NCI's grade text the
 * band encodes.
 *
 * @param persisting  how long the value must have lasted for this band; null when duration does not matter. Several
 *                    bands may share a grade when all but one of them need a duration (NCI's "or ... for more than
 *                    one hour").
 * @param notAssessed what else NCI's clause needs that the values given cannot show, e.g. CTCAE v6 hypertension's
 *                    "increase MAP >15 mmHg from baseline", which needs both pressures and both baselines at once; a
 *                    value inside the bounds leaves such a band undecided, so the grade below it is only a lower
 *                    bound. Null for a band the values decide.
 */
public record BandDefinition(int grade, String nciText, Bound lower, Bound upper, Persistence persisting,
                             String notAssessed) {

    public BandDefinition(int grade, String nciText, Bound lower, Bound upper, Persistence persisting) {
        this(grade, nciText, lower, upper, persisting, null);
    }

    public BandDefinition(int grade, String nciText, Bound lower, Bound upper) {
        this(grade, nciText, lower, upper, null, null);
    }

    /** References (LLN, ULN, baseline) the band's bounds are multiples of. */
    public Set<Reference> references() {
        Set<Reference> references = EnumSet.noneOf(Reference.class);
        for (Bound bound : new Bound[] {lower, upper}) {
            if (bound != null) {
                references.addAll(bound.references());
            }
        }
        return references;
    }

    public boolean needsDuration() {
        return persisting != null;
    }

    /** Whether the band needs something beyond its bounds (a duration, or a finding not assessed here). */
    public boolean isConditional() {
        return persisting != null || notAssessed != null;
    }

    BandDefinition withNciText(String text) {
        return new BandDefinition(grade, text, lower, upper, persisting, notAssessed);
    }

    BandDefinition withBounds(Bound newLower, Bound newUpper) {
        return new BandDefinition(grade, nciText, newLower, newUpper, persisting, notAssessed);
    }
}
