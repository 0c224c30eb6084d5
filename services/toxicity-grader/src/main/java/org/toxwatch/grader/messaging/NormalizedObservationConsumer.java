package org.toxwatch.grader.messaging;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.toxwatch.grader.grading.ObservationGrading;
import org.toxwatch.grader.grading.ObservationRetraction;
import org.toxwatch.grader.observation.NormalizedObservation;
import org.toxwatch.grader.observation.ObservationCheck;
import org.toxwatch.resilience.retry.OutageRetries;
import org.toxwatch.resilience.retry.RetryThroughOutage;

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
    private final RetryThroughOutage outages;

    public NormalizedObservationConsumer(ObjectMapper json, ObservationGrading grading, ObservationRetraction retraction,
            OnceOnlyGrading once, GraderMetrics metrics, OutageRetries retries) {
        this.outages = retries.forChannel("normalized-observations");
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
        // what does not fit the contract never reaches grading or the database (README, hostile input)
        Optional<ObservationCheck.Refusal> refusal = ObservationCheck.refusal(observation, Instant.now());
        if (refusal.isPresent()) {
            return reject(refusal.get().code(), refusal.get().detail());
        }
        if (observation.isRetraction()) {
            // entered in error: withdraw what was graded from it, once, like any other input version
            return outages.run(() -> once.gradeOnce(observation.observationId(), observation.version(),
                    () -> retraction.retract(observation)))
                    .onFailure(ObservationRetraction.UnknownObservation.class)
                    .invoke(() -> metrics.deadLettered(ObservationRetraction.UnknownObservation.REASON))
                    .onFailure(GraderMetrics::unexpected).transform(metrics::processingFailed);
        }

        // a database or broker outage is waited out on this record; only the record's own faults are dead-lettered
        return outages.run(() -> once.gradeOnce(observation.observationId(), observation.version(),
                () -> grading.grade(observation)))
                .onFailure(GraderMetrics::unexpected).transform(metrics::processingFailed);
    }

    private Uni<Void> reject(String reason, String detail) {
        return Uni.createFrom().failure(metrics.refused(reason, detail));
    }
}
