package org.toxwatch.ctcae.grading;

/** How certain a grading is. */
public enum GradingStatus {
    /** The grade is exact for the data given. */
    GRADED,
    /** The data shows at least this grade; a missing part (e.g. one blood-pressure component) could raise it (A11). */
    LOWER_BOUND,
    /** The data cannot be graded; the explanation says why. Never read as grade 0. */
    NOT_GRADABLE
}
