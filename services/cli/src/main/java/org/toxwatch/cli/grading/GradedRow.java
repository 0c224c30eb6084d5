package org.toxwatch.cli.grading;

import org.toxwatch.ctcae.grading.GradeBand;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.GradingStatus;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One output line: one CTCAE term graded for one input row or Observation. Values, limits and band edges are in
 * {@code unit}, the analyte's canonical unit once the engine has converted them.
 *
 * @param row   1-based position of the input the line comes from
 * @param term  the term as the grading version names it; empty when the input named none that could be resolved
 * @param grade null exactly when NOT_GRADABLE
 * @param band  the band the value fell in; null for grade 0 and when not gradable
 */
public record GradedRow(int row, String id, String term, String ctcaeVersion, Integer grade, GradingStatus status,
                        String explanation, String analyte, BigDecimal value, String unit, BigDecimal lowerLimit,
                        BigDecimal upperLimit, BigDecimal baseline, GradeBand band) {

    public GradedRow {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(explanation, "explanation");
        id = id == null ? "" : id;
        term = term == null ? "" : term;
    }

    static GradedRow of(LabInput input, Grading grading) {
        return new GradedRow(input.row(), input.id(), grading.term(), grading.ctcaeVersion(), grading.grade(),
                grading.status(), grading.explanation(), grading.analyte(), grading.value(), grading.unit(),
                grading.lowerLimit(), grading.upperLimit(), grading.baseline(), grading.band());
    }

    /**
     * A NOT_GRADABLE line the batch itself decided on (unreadable input, unknown term, unusable unit).
     *
     * @param value the value as reported, when there was one; unit is then its reported unit
     */
    static GradedRow notGradable(LabInput input, String term, String version, String analyte, BigDecimal value,
                                 String unit, String reason) {
        String subject = term == null || term.isBlank() ? "Not gradable" : term + " not gradable";
        String because = reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
        return new GradedRow(input.row(), input.id(), term, version, null, GradingStatus.NOT_GRADABLE,
                subject + " (CTCAE v" + version + "): " + because + ".", analyte, value, unit, null, null, null, null);
    }

    /**
     * The band as an interval in {@link #unit}, e.g. "[0.5, 1)" or "(160, +inf)"; empty without a band. Brackets
     * say whether an edge belongs to the band, which matters: a value on a cut-off takes the milder grade.
     */
    public String bandInterval() {
        if (band == null) {
            return "";
        }
        String lower = band.lower() == null ? "(-inf" : (band.lowerInclusive() ? "[" : "(") + plain(band.lower());
        String upper = band.upper() == null ? "+inf)" : plain(band.upper()) + (band.upperInclusive() ? "]" : ")");
        return lower + ", " + upper;
    }

    /** What the band edges are measured against: ABSOLUTE, LLN, ULN or BASELINE; empty without a band. */
    public String bandBasis() {
        return band == null ? "" : band.basis();
    }

    /** A number as a clinician writes it: "0.8" and "100", never "8E-1" or "1E+2"; empty when missing. */
    public static String plain(BigDecimal value) {
        if (value == null) {
            return "";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
