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

    public static Uni<List<GradedEventRecord>> ofObservationVersion(String observationId, String version) {
        return list("observationId = ?1 and observationVersion = ?2", observationId, version);
    }

    /** The event a corrected result replaces: same observation and term, another version. */
    public static Uni<GradedEventRecord> previousFor(String observationId, String term, String newVersion) {
        return find("observationId = ?1 and term = ?2 and observationVersion <> ?3 order by effectiveTime desc",
                observationId, term, newVersion).firstResult();
    }
}
