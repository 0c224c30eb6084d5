package org.toxwatch.labingest.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An accepted Observation version; its key makes a lab re-send a no-op. */
@Entity
@Table(name = "received_observation")
public class ReceivedObservation extends PanacheEntityBase {

    @Id
    @Column(name = "dedup_key")
    public String dedupKey;

    @Column(name = "observation_id")
    public String observationId;

    public String version;

    public String status;

    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "effective_time")
    public Instant effectiveTime;

    @Column(name = "content_hash")
    public String contentHash;

    @Column(name = "event_id")
    public UUID eventId;

    public String normalized;

    /** Audit only; clinical logic uses effectiveTime. */
    @Column(name = "received_at")
    public Instant receivedAt;

    public static String dedupKey(String observationId, String version) {
        return observationId + "|" + version;
    }
}
