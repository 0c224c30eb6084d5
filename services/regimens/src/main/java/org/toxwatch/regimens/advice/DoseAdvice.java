package org.toxwatch.regimens.advice;

import org.toxwatch.regimens.ladder.DoseLevel;

/**
 * A recommendation for one drug of a course, for a clinician to acknowledge; nothing here changes a dose by itself.
 *
 * @param drug             the drug as the course names it
 * @param currentLevel     the course's dose level on the drug's ladder; null when the drug has no ladder or the level
 *                         cannot be placed on it (the explanation says which)
 * @param recommendedLevel the level to give next: the same level for a hold or delay, one lower for a reduction; null
 *                         for a discontinuation and whenever {@code currentLevel} is null
 * @param resumeWhen       the source's criterion for resuming; null when the action is final
 * @param explanation      which rule fired, with the thresholds, the baseline and the dates it used
 */
public record DoseAdvice(
        String drug,
        DoseAction action,
        RuleReference rule,
        DoseLevel currentLevel,
        DoseLevel recommendedLevel,
        String resumeWhen,
        String explanation) {
}
