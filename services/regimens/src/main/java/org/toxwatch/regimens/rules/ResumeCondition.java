package org.toxwatch.regimens.rules;

/**
 * One part of a held rule's resume criterion, all parts together: a later grade of a term (null term: the held
 * finding's own), a later value of an analyte, or a clinician-confirmed qualifier ("prednisone <= 10 mg/day").
 * Exactly one of {@code gradeAtMost}, {@code value}, {@code qualifier} is set.
 */
public record ResumeCondition(String term, String analyte, Integer gradeAtMost, Interval value, String unit,
        Qualifier qualifier) {

    public ResumeCondition {
        int parts = (gradeAtMost == null ? 0 : 1) + (value == null ? 0 : 1) + (qualifier == null ? 0 : 1);
        if (parts != 1) {
            throw new IllegalArgumentException("a resume condition reads exactly one of grade, value or qualifier");
        }
        if (value != null && (analyte == null || unit == null)) {
            throw new IllegalArgumentException("a resume condition on a value names its analyte and unit");
        }
    }

    public String describe(String heldTerm) {
        if (qualifier != null) {
            return qualifier.text() + " (confirmed by a clinician)";
        }
        if (value != null) {
            return analyte + " " + value.describe(unit);
        }
        return (term == null ? heldTerm : term) + " at grade " + gradeAtMost + " or less";
    }
}
