package org.toxwatch.advisor.alerting;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A graded event the advisor has taken in, and what came of it; a redelivered event is recognised here. */
@Entity
@Table(name = "assessed_event")
public class AssessedEvent extends PanacheEntityBase {

    public enum Outcome {
        ALERTED, NO_ACTION, NOT_EVALUABLE, NO_COURSE
    }

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "course_id")
    public String courseId;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Outcome outcome;

    /** The rules that could not be checked for this event, and why. */
    @Column(name = "not_evaluable")
    public String notEvaluable;

    /** Audit only. */
    @Column(name = "assessed_at")
    public Instant assessedAt;
}
