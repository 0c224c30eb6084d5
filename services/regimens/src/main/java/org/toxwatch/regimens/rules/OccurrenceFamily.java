package org.toxwatch.regimens.rules;

import java.util.List;
import java.util.Objects;
import org.toxwatch.regimens.finding.Finding;

/**
 * What counts as one occurrence for occurrence-based rules: a graded finding of one of {@code terms} within the grade
 * band, and, when {@code value} is set, a value in that range ({@code unit}: the analyte's canonical unit). Sorafenib hand-foot skin reaction counts every grade 2 or worse episode together (RULES.md 6, conflict 11).
 */
public record OccurrenceFamily(String id, List<String> terms, int minGrade, int maxGrade, Interval value, String unit,
        String note) {

    public OccurrenceFamily {
        Objects.requireNonNull(id, "id");
        terms = List.copyOf(terms);
        if (minGrade < 1 || maxGrade > 5 || minGrade > maxGrade) {
            throw new IllegalArgumentException("occurrence family " + id + ": grade band must lie in 1..5, was "
                    + minGrade + ".." + maxGrade);
        }
        if (value != null && unit == null) {
            throw new IllegalArgumentException("occurrence family " + id + ": a value range needs its unit");
        }
    }

    /** Whether {@code finding} is an occurrence of this family (a not-gradable finding is not counted). */
    public boolean counts(Finding finding) {
        return terms.contains(finding.term()) && finding.grade() != null
                && finding.grade() >= minGrade && finding.grade() <= maxGrade
                && (value == null || (unit.equals(finding.unit()) && finding.value() != null && value.contains(finding.value())));
    }
}
