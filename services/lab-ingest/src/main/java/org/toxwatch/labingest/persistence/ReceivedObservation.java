package org.toxwatch.labingest.persistence;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.toxwatch.resilience.batch.InList;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

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

    /** Audit, and the order in which versions of one result arrived; clinical logic uses effectiveTime. */
    @Column(name = "received_at")
    public Instant receivedAt;

    /** The accepted versions among these (observation id, version) keys. */
    public static Uni<List<ReceivedObservation>> byKeys(List<String> dedupKeys) {
        if (dedupKeys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, Object> parameters = new HashMap<>();
        return list("dedupKey in " + InList.of("key", dedupKeys, parameters), parameters);
    }

    /** The version of a result accepted last (in arrival order), or null when the result was never accepted. */
    public static Uni<ReceivedObservation> latestOf(String observationId) {
        return find("observationId = ?1 order by receivedAt desc", observationId).firstResult();
    }

    public boolean isRetraction() {
        return "entered-in-error".equals(status);
    }

    public static String dedupKey(String observationId, String version) {
        return observationId + "|" + version;
    }
}
