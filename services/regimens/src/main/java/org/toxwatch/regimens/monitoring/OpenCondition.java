package org.toxwatch.regimens.monitoring;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.toxwatch.regimens.advice.DoseAction;

/**
 * An alert condition of a course that has paged and is not closed: later findings of the same condition are absorbed
 * (no new page) unless they are worse, which updates the same alert.
 *
 * @param key            what the condition is about: a drug and a CTCAE term ({@code lenvatinib|Hypertension}), a drug
 *                       and a combined rule, or a drug's missing pre-cycle labs
 * @param alertId        the alert that paged for it
 * @param ruleId         the rule whose advice the alert carries now
 * @param term           the CTCAE term the hold is judged on when resuming
 * @param action         the advised action; null for a labs-required notice
 * @param grade          the grade of the finding behind the current advice; null when not graded (notices)
 * @param since          event time of that finding: results after it count toward resuming
 * @param triggerEventId the graded event behind the current advice (a retraction of it retracts the alert)
 * @param cycleNumber    for a labs-required notice, the cycle it is for; null otherwise
 * @param overridden     a clinician overrode the alert: it still absorbs repeats, but no longer stands for a stopped drug
 */
public record OpenCondition(String key, UUID alertId, String drug, String ruleId, String term, DoseAction action,
        Integer grade, Instant since, String triggerEventId, Integer cycleNumber, boolean overridden) {

    public OpenCondition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(drug, "drug");
    }

    public boolean labsRequiredNotice() {
        return action == null;
    }

    /** A hold or delay whose resume criterion is watched. */
    public boolean holdsTreatment() {
        return action == DoseAction.HOLD || action == DoseAction.HOLD_AND_REDUCE || action == DoseAction.DELAY_CYCLE;
    }

    public OpenCondition asOverridden() {
        return new OpenCondition(key, alertId, drug, ruleId, term, action, grade, since, triggerEventId, cycleNumber, true);
    }
}
