package org.toxwatch.regimens.finding;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One graded (or not gradable) adverse-event finding, described by CTCAE term, grade and numbers only, so this module
 * needs nothing from the grader.
 *
 * <p>{@code grade} is null when the finding is not gradable; {@code explanation} then says why. {@code value},
 * {@code lowerLimit} and {@code upperLimit} are in the analyte's canonical UCUM {@code unit}. {@code baseline} is the
 * patient's baseline value of the same analyte and {@code baselineUpperLimit} the ULN reported with it; both are null
 * when no baseline is known.
 */
public record Finding(
        String term,
        String ctcaeVersion,
        Integer grade,
        String analyte,
        BigDecimal value,
        String unit,
        BigDecimal lowerLimit,
        BigDecimal upperLimit,
        BigDecimal baseline,
        BigDecimal baselineUpperLimit,
        Instant effectiveTime,
        String explanation) {

    public Finding {
        Objects.requireNonNull(term, "term");
        if (grade != null && (grade < 0 || grade > 5)) {
            throw new IllegalArgumentException("CTCAE grade must be 0 to 5 or null (not gradable), was " + grade);
        }
    }

    /** How the finding names its analyte in explanations: the analyte id, or the CTCAE term when there is none. */
    public String analyteLabel() {
        return analyte == null || analyte.isBlank() ? term : analyte;
    }
}
