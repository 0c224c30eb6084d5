package org.toxwatch.grader.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.toxwatch.grader.grading.ObservationGrading;
import org.toxwatch.grader.grading.ObservationRetraction;
import org.toxwatch.grader.observation.NormalizedObservation;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Normalized observation in, graded adverse events out: one per CTCAE term the observation feeds, including grade 0
 * and NOT_GRADABLE, so every observation visibly leaves a trace.
 * <p>
 * Effects are written first (results, graded events) in one transaction, then published, then the record is
 * acknowledged. A redelivered observation version finds its graded events and re-publishes them unchanged.
 * <p>
 * A retraction (status entered-in-error) yields instead one RETRACTED event per event that stood on the observation.
 * Retracting an observation never graded here is dead-lettered (RETRACTS_UNKNOWN_OBSERVATION).
 */
@ApplicationScoped
public class NormalizedObservationConsumer {

    private final ObjectMapper json;
    private final ObservationGrading grading;
    private final ObservationRetraction retraction;
    private final OnceOnlyGrading once;
    private final GraderMetrics metrics;

    public NormalizedObservationConsumer(ObjectMapper json, ObservationGrading grading, ObservationRetraction retraction,
            OnceOnlyGrading once, GraderMetrics metrics) {
        this.json = json;
        this.grading = grading;
        this.retraction = retraction;
        this.once = once;
        this.metrics = metrics;
    }

    @Incoming("normalized-observations")
    public Uni<Void> onObservation(String payload) {
        metrics.received();
        NormalizedObservation observation;
        try {
            observation = json.readValue(payload, NormalizedObservation.class);
        } catch (Exception e) {
            return reject("MALFORMED_OBSERVATION", "not a normalized-observation.v1 message: " + e.getMessage());
        }
        if (observation.observationId() == null || observation.version() == null || observation.patientId() == null
                || observation.effectiveTime() == null) {
            return reject("INCOMPLETE_OBSERVATION", "observationId, version, patientId, effectiveTime and results are required");
        }
        if (observation.isRetraction()) {
            // entered in error: withdraw what was graded from it, once, like any other input version
            return once.gradeOnce(observation.observationId(), observation.version(), () -> retraction.retract(observation))
                    .onFailure(ObservationRetraction.UnknownObservation.class)
                    .invoke(() -> metrics.deadLettered(ObservationRetraction.UnknownObservation.REASON));
        }
        if (observation.results() == null || observation.results().isEmpty()) {
            return reject("INCOMPLETE_OBSERVATION", "observationId, version, patientId, effectiveTime and results are required");
        }

        return once.gradeOnce(observation.observationId(), observation.version(), () -> grading.grade(observation));
    }

    private Uni<Void> reject(String reason, String detail) {
        metrics.deadLettered(reason);
        return Uni.createFrom().failure(new IllegalArgumentException(reason + ": " + detail));
    }
}
