package org.toxwatch.cli.replay;

import java.time.Instant;
import java.util.UUID;

/**
 * One page the monitor would have sent in a replay: a new alert, a worsened one, or a notice (resume eligible, pre-cycle
 * labs required). Absorbed repeats, retractions and "labs arrived" do not page and are not counted.
 *
 * @param cycle        the cycle the trigger falls in (the grader's), or the cycle a pre-cycle check was for
 * @param action       the advised action (HOLD, DELAY_CYCLE, ...); empty for notices
 * @param rule         the rule behind the page; for a labs-required notice the rules whose labs are missing, joined
 *                     with {@code +}; for a resume notice the rule of the hold it ends
 * @param condition    what the page is about ({@code lenvatinib|Hypertension}, {@code haic-folfox|Platelet count decreased}); for a
 *                     resume notice the held condition
 * @param trigger      the graded event behind the page, or {@code pre-cycle|<course>|<cycle>} for a pre-cycle check
 * @param effectiveTime the trigger event's effective time; for a pre-cycle check, the start of the cycle's planned day
 *                     1 on the ward calendar
 * @param retracted    a later retraction or correction of the trigger event withdrew the alert in the same replay
 */
record ReplayedAlert(String patientId, String courseId, Integer cycle, String drug, Decision decision, String action,
        String rule, String condition, String trigger, Instant effectiveTime, UUID alertId, String explanation,
        boolean retracted) {

    enum Decision {
        OPEN, WORSEN, RESUME_ELIGIBLE, LABS_REQUIRED
    }

    /** What makes two replays' pages the same page: the course, drug, kind of page, condition, rule and trigger. */
    record Identity(String courseId, String drug, Decision decision, String condition, String rule, String trigger) {
    }

    Identity identity() {
        return new Identity(courseId, drug, decision, condition, rule, trigger);
    }

    ReplayedAlert asRetracted() {
        return new ReplayedAlert(patientId, courseId, cycle, drug, decision, action, rule, condition, trigger,
                effectiveTime, alertId, explanation, true);
    }
}
