package org.toxwatch.ctcae.criteria;

import java.util.EnumSet;
import java.util.Set;

/**
 * One grade's band within a band set; either bound may be open. {@code nciText} is the part of NCI's grade text the
 * band encodes.
 */
public record BandDefinition(int grade, String nciText, Bound lower, Bound upper) {

    /** References (LLN, ULN, baseline) the band's bounds are multiples of. */
    public Set<Reference> references() {
        Set<Reference> references = EnumSet.noneOf(Reference.class);
        for (Bound bound : new Bound[] {lower, upper}) {
            if (bound != null && !bound.isAbsolute()) {
                references.add(bound.multipleOf());
            }
        }
        return references;
    }

    BandDefinition withNciText(String text) {
        return new BandDefinition(grade, text, lower, upper);
    }
}
