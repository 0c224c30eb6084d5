package org.toxwatch.ctcae.criteria;

/** What a term's grade comes from. */
public enum GradedBy {
    /** Measured values against bands (labs, vital signs). */
    VALUES,
    /** A grade reported by a nurse, a physician or the patient, checked against the grades NCI defines (symptoms). */
    REPORTED_GRADE
}
