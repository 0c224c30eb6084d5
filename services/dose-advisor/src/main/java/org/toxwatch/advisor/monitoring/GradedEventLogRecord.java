package org.toxwatch.advisor.monitoring;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A graded event as received: what the what-if replay re-runs. */
@Entity
@Table(name = "graded_event_log")
public class GradedEventLogRecord extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "course_id")
    public String courseId;

    @Column(name = "effective_time")
    public Instant effectiveTime;

    /** Audit only. */
    @Column(name = "received_at")
    public Instant receivedAt;

    /** The graded-adverse-event.v1 message. */
    public String event;
}
