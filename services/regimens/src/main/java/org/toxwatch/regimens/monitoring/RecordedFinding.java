package org.toxwatch.regimens.monitoring;

import java.util.Objects;

import org.toxwatch.regimens.finding.Finding;

/** A finding the monitor has seen, with the id of the graded event that carried it (for retraction). */
public record RecordedFinding(String eventId, Finding finding) {

    public RecordedFinding {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(finding, "finding");
    }
}
