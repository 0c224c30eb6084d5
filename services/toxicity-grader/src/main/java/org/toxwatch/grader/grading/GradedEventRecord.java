package org.toxwatch.grader.grading;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A published graded event; also the grader's idempotency record. */
@Entity
@Table(name = "graded_event")
public class GradedEventRecord extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "observation_id")
    public String observationId;

    @Column(name = "observation_version")
    public String observationVersion;

    @Column(name = "patient_id")
    public String patientId;

    public String term;

    @Column(name = "ctcae_version")
    public String ctcaeVersion;

    public Integer grade;

    public String status;

    @Column(name = "effective_time")
    public Instant effectiveTime;

    /** The graded-adverse-event.v1 message. */
    public String event;

    /** The event that replaced this one (a correction, or a re-grade under another CTCAE version); null while current. */
    @Column(name = "superseded_by")
    public UUID supersededBy;

    /** Audit only: when the grader recorded it. */
    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** Every event ever recorded for an observation version, current or superseded. */
    public static Uni<List<GradedEventRecord>> ofObservationVersion(String observationId, String version) {
        return list("observationId = ?1 and observationVersion = ?2 order by recordedAt", observationId, version);
    }

    /** Every event recorded for an observation, any version, current or superseded, newest first. */
    public static Uni<List<GradedEventRecord>> ofObservation(String observationId) {
        return list("observationId = ?1 order by recordedAt desc", observationId);
    }

    public boolean isCurrent() {
        return supersededBy == null;
    }
}
