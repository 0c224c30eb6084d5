package org.toxwatch.advisor.alerting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A published dose alert. */
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

    /** The dose-alert.v1 message. */
    public String alert;

    public static Uni<List<DoseAlertRecord>> ofEvent(UUID eventId) {
        return list("eventId = ?1 order by alertId", eventId);
    }
}
