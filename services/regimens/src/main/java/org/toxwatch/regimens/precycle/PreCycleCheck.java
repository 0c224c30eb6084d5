package org.toxwatch.regimens.precycle;

import java.util.List;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.RuleNotEvaluable;
import org.toxwatch.regimens.course.PlannedCycle;

/**
 * The treatment parameters checked before one planned cycle, from the latest labs inside each rule's window.
 *
 * @param delays        at most one DELAY_CYCLE advice per drug whose minimum is not met
 * @param labsRequired  pre-cycle labs with no result in their window
 * @param notEvaluable  labs present but unreadable (another unit, no value)
 */
public record PreCycleCheck(PlannedCycle cycle, Status status, List<DoseAdvice> delays, List<LabRequirement> labsRequired,
        List<RuleNotEvaluable> notEvaluable) {

    public enum Status {
        /** Every pre-cycle minimum was checked on a lab in its window and met. */
        READY,
        /** A minimum is not met: delay the cycle (labs may also be missing). */
        DELAY_CYCLE,
        /** No minimum failed, but some lab is missing from its window: draw it before the cycle. */
        LABS_REQUIRED,
        /** No minimum failed and none is missing, but some lab could not be read. */
        NOT_EVALUABLE
    }

    public PreCycleCheck {
        delays = List.copyOf(delays);
        labsRequired = List.copyOf(labsRequired);
        notEvaluable = List.copyOf(notEvaluable);
    }
}
