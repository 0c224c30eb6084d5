package org.toxwatch.ctcae.criteria;

import java.util.Objects;

/**
 * An analyte that belongs to a term but that this CTCAE version gives no criteria for, so a result of it is answered
 * with NOT_GRADABLE and the reason instead of disappearing: v5.0 Proteinuria and an adult urine protein/creatinine
 * ratio (CRITERIA.md A6), which v6.0 grades.
 *
 * @param reading the CRITERIA.md section 5 reading behind it, e.g. A6; null for none
 */
public record UngradedAnalyte(String analyte, String reason, String reading) {

    public UngradedAnalyte {
        Objects.requireNonNull(analyte, "analyte");
        Objects.requireNonNull(reason, "reason");
    }

    /** The reason as an explanation writes it, citing the reading. */
    public String explained() {
        return reading == null ? reason : reason + " (CRITERIA.md " + reading + ")";
    }
}
