package org.toxwatch.ctcae.grading;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The grade of one CTCAE term for one observation. For a term graded from two analytes (Hypertension), analyte,
 * value, limits and band are those of the component that decided the grade; the explanation covers both.
 *
 * @param grade    null exactly when status is NOT_GRADABLE
 * @param baseline the baseline value the bands were multiples of; null when no baseline-relative band applied
 * @param band     the band the value fell in; null for grade 0 and when not gradable
 */
public record Grading(String term, String ctcaeVersion, Integer grade, GradingStatus status, String analyte,
                      BigDecimal value, String unit, BigDecimal lowerLimit, BigDecimal upperLimit, BigDecimal baseline,
                      GradeBand band, String explanation) {

    public Grading {
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(ctcaeVersion, "ctcaeVersion");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(explanation, "explanation");
        if ((grade == null) != (status == GradingStatus.NOT_GRADABLE)) {
            throw new IllegalArgumentException("grade must be null exactly when NOT_GRADABLE, got " + grade + "/" + status);
        }
    }
}
