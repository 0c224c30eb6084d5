package org.toxwatch.grader.grading;

import org.toxwatch.ctcae.criteria.Direction;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.GradingStatus;

/**
 * A lab may report a value only as beyond a limit ("&gt;1000 U/L", "&lt;0.1 x10^9/L"). The engine grades the limit; this
 * turns that into what the censored value really shows: at least that grade when the true value lies further in the
 * worsening direction, or nothing exact when it lies the other way (unless the limit itself is already grade 0).
 */
final class CensoredValues {

    private CensoredValues() {
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
