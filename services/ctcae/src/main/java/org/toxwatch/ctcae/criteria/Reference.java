package org.toxwatch.ctcae.criteria;

/** What a band bound can be a multiple of. */
public enum Reference {
    /** Lower limit of normal reported with the value. */
    LLN,
    /** Upper limit of normal reported with the value. */
    ULN,
    /** The patient's baseline value of the same analyte. */
    BASELINE
}
