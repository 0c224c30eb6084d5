package org.toxwatch.grader.grading;

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

    /**
     * The input (observation id|version) whose arrival recorded this event when that input is another observation:
     * a retraction that withdrew or re-paired this observation's febrile neutropenia. Null otherwise.
     */
    @Column(name = "prompted_by")
    public String promptedBy;

    /** Audit only: when the grader recorded it. */
    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** Every event ever recorded for an observation version, current or superseded. */
    public static Uni<List<GradedEventRecord>> ofObservationVersion(String observationId, String version) {
        return list("observationId = ?1 and observationVersion = ?2 order by recordedAt", observationId, version);
    }

    /** Events of a patient's term that stand (not superseded), taken within [from, to] (event time), oldest first. */
    public static Uni<List<GradedEventRecord>> standingOfTerm(String patientId, String term, Instant from, Instant to) {
        return list("patientId = ?1 and term = ?2 and supersededBy is null and effectiveTime >= ?3 and effectiveTime <= ?4"
                + " order by effectiveTime, observationId", patientId, term, from, to);
    }

    /**
     * In one query, every event of the observation (any version, as {@link #ofObservation}) and every event this input
     * version recorded for other observations ({@link #promptedBy}), oldest first: what the input recorded when it was
     * handled, and what stands for the observation. A redelivered input re-publishes the current ones.
     */
    public static Uni<List<GradedEventRecord>> ofObservationOrPromptedBy(String observationId, String version) {
        return list("observationId = ?1 or promptedBy = ?2 order by recordedAt", observationId,
                inputKey(observationId, version));
    }

    /** {@link #ofObservationOrPromptedBy} for several inputs in one query, oldest first. */
    public static Uni<List<GradedEventRecord>> ofObservationsOrPromptedBy(List<String> observationIds,
            List<String> inputKeys) {
        Map<String, Object> parameters = new HashMap<>();
        return list("observationId in " + InList.of("observation", observationIds, parameters) + " or promptedBy in "
                + InList.of("input", inputKeys, parameters) + " order by recordedAt", parameters);
    }

    public static String inputKey(String observationId, String version) {
        return observationId + "|" + version;
    }

    /** Every event recorded for an observation, any version, current or superseded, newest first. */
    public static Uni<List<GradedEventRecord>> ofObservation(String observationId) {
        return list("observationId = ?1 order by recordedAt desc", observationId);
    }

    public boolean isCurrent() {
        return supersededBy == null;
    }

    /** A RETRACTED event: it withdraws another and is never itself withdrawn. */
    public boolean isRetraction() {
        return GradedAdverseEvent.RETRACTED.equals(status);
    }
}
