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
        /** paged: a new alert, a worse grade on an open one, or a notice */
        ALERTED,
        /** the same or a milder advice on an open alert: no page (absorbedInto names the alert) */
        ABSORBED,
        NO_ACTION, NOT_EVALUABLE, NO_COURSE,
        /** withdrew an earlier event (entered in error) and its alerts */
        RETRACTION,
        /**
         * not assessed: an event that arrived first already superseded or retracted it (a correction that overtook the
         * result it corrects); graded_event_log.withdraws names the event that did
         */
        SUPERSEDED
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

    /** For ABSORBED: the alerts the repeat was absorbed into. */
    @Column(name = "absorbed_into")
    public String absorbedInto;

    /** Audit only. */
    @Column(name = "assessed_at")
    public Instant assessedAt;
}
