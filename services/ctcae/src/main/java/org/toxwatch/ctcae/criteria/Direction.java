package org.toxwatch.ctcae.criteria;

/** Which way a CTCAE term's value worsens. */
public enum Direction {
    /** Lower is worse (cytopenias). */
    DECREASED,
    /** Higher is worse (enzymes, blood pressure). */
    INCREASED
}
