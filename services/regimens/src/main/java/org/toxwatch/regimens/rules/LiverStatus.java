package org.toxwatch.regimens.rules;

/** Which patients a liver rule is written for, from the course's HCC liver involvement and the baseline. */
public enum LiverStatus {
    /** Every patient. */
    ANY,
    /** The course records HCC (tumour) involvement of the liver. */
    INVOLVED,
    /** The course records no HCC liver involvement (a label row written for patients without liver tumour). */
    UNINVOLVED,
    /**
     * No liver involvement, or involvement with a baseline at or below ULN: the labels then apply their
     * no-involvement thresholds. With involvement, the baseline must be known to tell.
     */
    UNINVOLVED_OR_NORMAL_BASELINE
}
