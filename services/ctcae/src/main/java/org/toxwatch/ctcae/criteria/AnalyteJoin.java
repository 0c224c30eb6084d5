package org.toxwatch.ctcae.criteria;

/** How a term graded from several analytes combines them. */
public enum AnalyteJoin {
    /** NCI joins them with "or": the highest grade wins (Hypertension: systolic or diastolic). */
    EITHER,
    /** NCI joins them with "with"/"and": every analyte must reach the grade (Febrile neutropenia: ANC with fever). */
    BOTH,
    /** The first analyte in file order that was reported decides (Proteinuria: 24-hour collection over dipstick). */
    FIRST_REPORTED
}
