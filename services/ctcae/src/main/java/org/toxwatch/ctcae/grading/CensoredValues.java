package org.toxwatch.ctcae.grading;

import org.toxwatch.ctcae.criteria.BandSet;
import org.toxwatch.ctcae.criteria.Direction;

/**
 * A lab may report a value only as beyond a limit ("&gt;1000 U/L", "&lt;0.1 x10^9/L"). The engine grades the limit; this
 * turns that into what the censored value really shows: at least that grade when the true value lies further in the
 * worsening direction, or nothing exact when it lies the other way (unless the limit itself is already grade 0).
 */
public final class CensoredValues {

    private CensoredValues() {
    }

    /**
     * The grading a censored value supports, given the grader that graded its limit.
     *
     * @param comparator "&gt;", "&gt;=", "&lt;" or "&lt;="; null for an exact value (the grading is returned unchanged)
     */
    public static Grading adjust(Grading grading, String comparator, CtcaeGrader grader) {
        Direction worsens = grader.term(grading.term())
                .flatMap(t -> t.bandSetsFor(grading.analyte()).stream().findFirst())
                .map(BandSet::direction)
                .orElse(null);
        return adjust(grading, comparator, worsens);
    }

    static Grading adjust(Grading grading, String comparator, Direction worsens) {
        if (comparator == null || grading.status() == GradingStatus.NOT_GRADABLE || worsens == null) {
            return grading;
        }
        boolean above = comparator.startsWith(">");
        boolean towardsWorse = above == (worsens == Direction.INCREASED);
        String censored = "the lab reported the value only as " + comparator + " " + grading.value().toPlainString() + " "
                + grading.unit();
        if (towardsWorse) {
            return new Grading(grading.term(), grading.ctcaeVersion(), grading.grade(), GradingStatus.LOWER_BOUND,
                    grading.analyte(), grading.value(), grading.unit(), grading.lowerLimit(), grading.upperLimit(),
                    grading.baseline(), grading.band(),
                    grading.explanation() + " Lower bound: " + censored + ", so the grade is at least " + grading.grade() + ".");
        }
        if (grading.grade() == 0) {
            return grading; // further from the worsening side than a normal value: still grade 0
        }
        return new Grading(grading.term(), grading.ctcaeVersion(), null, GradingStatus.NOT_GRADABLE, grading.analyte(),
                grading.value(), grading.unit(), grading.lowerLimit(), grading.upperLimit(), grading.baseline(), null,
                grading.term() + " not gradable (CTCAE v" + grading.ctcaeVersion() + "): " + censored
                        + ", which could be any grade from " + grading.grade() + " down to 0.");
    }
}
