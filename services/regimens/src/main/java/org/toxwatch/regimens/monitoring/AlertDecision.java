package org.toxwatch.regimens.monitoring;

import java.util.List;
import java.util.UUID;

import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.precycle.LabRequirement;
import org.toxwatch.regimens.resume.ResumeCheck;

/** What the monitor decided about one input, for the advisor to store and publish (or the replay to count). */
public sealed interface AlertDecision {

    UUID alertId();

    /** A new condition: page once. */
    record Open(UUID alertId, String conditionKey, DoseAdvice advice, String triggerEventId) implements AlertDecision {
    }

    /** A worse grade or action on an open condition: the same alert is updated and pages again. */
    record Worsen(UUID alertId, String conditionKey, DoseAdvice advice, String triggerEventId) implements AlertDecision {
    }

    /** The same or a milder advice on an open condition: recorded against the alert, no page. */
    record Absorb(UUID alertId, String conditionKey, DoseAdvice advice, String triggerEventId) implements AlertDecision {
    }

    /** A held drug's resume criterion is met by later results: a notice, and the hold's condition closes. */
    record ResumeEligible(UUID alertId, UUID heldAlertId, String drug, ResumeCheck check, String triggerEventId)
            implements AlertDecision {
    }

    /** Pre-cycle labs missing from their window before a planned cycle: a notice per drug. */
    record LabsRequired(UUID alertId, String conditionKey, String drug, int cycleNumber, List<LabRequirement> missing)
            implements AlertDecision {
    }

    /** The labs a labs-required notice asked for have arrived: the notice can be resolved. */
    record LabsArrived(UUID alertId, String drug, int cycleNumber, String triggerEventId) implements AlertDecision {
    }

    /** The finding behind an open alert was corrected or entered in error: the alert is retracted. */
    record Retract(UUID alertId, String retractedEventId) implements AlertDecision {
    }
}
