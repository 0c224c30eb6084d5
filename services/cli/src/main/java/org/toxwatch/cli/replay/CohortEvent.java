package org.toxwatch.cli.replay;

import org.toxwatch.regimens.finding.Finding;

import java.time.Instant;
import java.util.UUID;

/**
 * One graded adverse event of the cohort, as the advisor took it from {@code ae.graded.v1}.
 *
 * @param courseId   null when the grader knew no course for the patient (the advisor records NO_COURSE)
 * @param supersedes the event this one replaces (a corrected result), or the one it withdraws (a retraction)
 * @param finding    what the rules read; null for a retraction, whose values are known to be wrong
 * @param readFrom   where it was read: {@code events.ndjson line 12}, or a table row
 */
record CohortEvent(UUID eventId, String patientId, String courseId, Integer cycleNumber, Instant effectiveTime,
        String status, UUID supersedes, Finding finding, String readFrom) {

    static final String RETRACTED = "RETRACTED";

    boolean retraction() {
        return RETRACTED.equals(status);
    }

    /** The event a retraction withdraws: the one it names, else itself (the same event re-published as retracted). */
    UUID withdrawn() {
        return supersedes != null ? supersedes : eventId;
    }
}
