package org.toxwatch.advisor.alerting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.toxwatch.advisor.lifecycle.AlertState;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A published dose alert and where it stands in its lifecycle. */
@Entity
@Table(name = "dose_alert")
public class DoseAlertRecord extends PanacheEntityBase {

    @Id
    @Column(name = "alert_id")
    public UUID alertId;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "course_id")
    public String courseId;

    public String drug;

    @Column(name = "alert_type")
    public String alertType;

    @Column(name = "rule_id")
    public String ruleId;

    @Column(name = "effective_time")
    public Instant effectiveTime;

    /** For a RESUME_ELIGIBLE notice: the hold it follows up. */
    @Column(name = "related_alert_id")
    public UUID relatedAlertId;

    /** The dose-alert.v1 message, at its current revision. */
    public String alert;

    // --- lifecycle (org.toxwatch.advisor.lifecycle decides every change of these, by conditional update) ---

    @Enumerated(EnumType.STRING)
    public AlertState state;

    /** Content version: 1 when raised, + 1 when a worse grade replaced the content. */
    public int revision;

    /** Row version: + 1 per transition; the sequence number of the alert's latest transition. */
    public int version;

    @Column(name = "escalation_level")
    public int escalationLevel;

    /** This alert's acknowledge period (shorter for febrile neutropenia). */
    @Column(name = "acknowledge_within_ms")
    public long acknowledgeWithinMs;

    /** Escalates when still OPEN at this (machine) time; null once acknowledged or closed, or at the last level. */
    @Column(name = "acknowledge_deadline")
    public Instant acknowledgeDeadline;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Uni<List<DoseAlertRecord>> ofEvent(UUID eventId) {
        return list("eventId = ?1 order by alertId", eventId);
    }
}
