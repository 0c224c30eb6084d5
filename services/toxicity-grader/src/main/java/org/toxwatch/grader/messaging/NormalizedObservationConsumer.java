package org.toxwatch.grader.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.toxwatch.grader.grading.GradedEventRecord;
import org.toxwatch.grader.grading.ObservationGrading;
import org.toxwatch.grader.observation.NormalizedObservation;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Normalized observation in, graded adverse events out: one per CTCAE term the observation feeds, including grade 0
 * and NOT_GRADABLE, so every observation visibly leaves a trace.
 * <p>
 * Effects are written first (results, graded events) in one transaction, then published, then the record is
 * acknowledged. A redelivered observation version finds its graded events and re-publishes them unchanged.
 */
@ApplicationScoped
public class NormalizedObservationConsumer {

    private final ObjectMapper json;
    private final ObservationGrading grading;
    private final GradedEventPublisher publisher;
    private final GraderMetrics metrics;

    public NormalizedObservationConsumer(ObjectMapper json, ObservationGrading grading, GradedEventPublisher publisher,
            GraderMetrics metrics) {
        this.json = json;
        this.grading = grading;
        this.publisher = publisher;
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
                || observation.effectiveTime() == null || observation.results() == null || observation.results().isEmpty()) {
            return reject("INCOMPLETE_OBSERVATION", "observationId, version, patientId, effectiveTime and results are required");
        }

        return Panache.withTransaction(() -> GradedEventRecord.ofObservationVersion(observation.observationId(), observation.version())
                .chain(existing -> {
                    if (!existing.isEmpty()) {
                        // a redelivery: publish again what stands for this version, change nothing
                        metrics.duplicate();
                        return Uni.createFrom().item(existing.stream().filter(GradedEventRecord::isCurrent).toList());
                    }
                    return grading.grade(observation)
                            .invoke(events -> events.forEach(e -> metrics.graded(e.term, e.grade, e.status)));
                }))
                // after commit: publish in order, one after another
                .chain(events -> Multi.createFrom().iterable(events)
                        .onItem().transformToUniAndConcatenate(publisher::publish)
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> reject(String reason, String detail) {
        metrics.deadLettered(reason);
        return Uni.createFrom().failure(new IllegalArgumentException(reason + ": " + detail));
    }
}
