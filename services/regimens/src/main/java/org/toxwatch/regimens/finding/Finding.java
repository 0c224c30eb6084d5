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
 * when no baseline is known. {@code gradeHeldSince} is the event time since which the finding's grade (or worse) has held
 * without a break, for rules that need persistence ("grade 2 lasting more than 7 days"); null when not known.
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
        String explanation,
        Instant gradeHeldSince) {

    public Finding(String term, String ctcaeVersion, Integer grade, String analyte, BigDecimal value, String unit,
            BigDecimal lowerLimit, BigDecimal upperLimit, BigDecimal baseline, BigDecimal baselineUpperLimit,
            Instant effectiveTime, String explanation) {
        this(term, ctcaeVersion, grade, analyte, value, unit, lowerLimit, upperLimit, baseline, baselineUpperLimit,
                effectiveTime, explanation, null);
    }

    public Finding {
        Objects.requireNonNull(term, "term");
        if (grade != null && (grade < 0 || grade > 5)) {
            throw new IllegalArgumentException("CTCAE grade must be 0 to 5 or null (not gradable), was " + grade);
        }
        if (gradeHeldSince != null && effectiveTime != null && gradeHeldSince.isAfter(effectiveTime)) {
            throw new IllegalArgumentException("gradeHeldSince " + gradeHeldSince + " is after the finding's time " + effectiveTime);
        }
    }

    /** The same finding, with the event time since which its grade has held. */
    public Finding withGradeHeldSince(Instant since) {
        return new Finding(term, ctcaeVersion, grade, analyte, value, unit, lowerLimit, upperLimit, baseline,
                baselineUpperLimit, effectiveTime, explanation, since);
    }

    /** The same finding, with {@code text} as its explanation. */
    public Finding withExplanation(String text) {
        return new Finding(term, ctcaeVersion, grade, analyte, value, unit, lowerLimit, upperLimit, baseline,
                baselineUpperLimit, effectiveTime, text, gradeHeldSince);
    }

    /** How the finding names its analyte in explanations: the analyte id, or the CTCAE term when there is none. */
    public String analyteLabel() {
        return analyte == null || analyte.isBlank() ? term : analyte;
    }
}
