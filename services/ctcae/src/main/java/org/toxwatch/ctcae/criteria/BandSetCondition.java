package org.toxwatch.ctcae.criteria;

/** When a band set applies. */
public enum BandSetCondition {
    /** Always. */
    ALWAYS,
    /**
     * The baseline was not above its ULN: normal or low (CRITERIA.md A3), missing (A4), or the sample being graded is
     * the baseline itself (A10). CTCAE v5 "if baseline was normal".
     */
    BASELINE_NOT_ABOVE_ULN,
    /** The baseline was above its ULN. CTCAE v5 "if baseline was abnormal". */
    BASELINE_ABOVE_ULN
}
