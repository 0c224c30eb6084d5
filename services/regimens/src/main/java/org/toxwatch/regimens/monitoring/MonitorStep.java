package org.toxwatch.regimens.monitoring;

import java.util.List;

import org.toxwatch.regimens.advice.DoseEvaluation;
import org.toxwatch.regimens.finding.Finding;

/**
 * The monitor's answer to one input: its decisions, the course's watch after it, the rules' evaluation (for the
 * "not evaluable" audit) and the finding as the rules saw it (with occurrence and persistence context).
 */
public record MonitorStep(List<AlertDecision> decisions, CourseWatch watch, DoseEvaluation evaluation, Finding finding) {

    public MonitorStep {
        decisions = List.copyOf(decisions);
    }

    /** Decisions that page someone (open, worsen, notices), as opposed to absorbed repeats and retractions. */
    public List<AlertDecision> pages() {
        return decisions.stream().filter(d -> !(d instanceof AlertDecision.Absorb) && !(d instanceof AlertDecision.Retract)
                && !(d instanceof AlertDecision.LabsArrived)).toList();
    }
}
