package org.toxwatch.grader.messaging;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.toxwatch.grader.grading.GradedEventRecord;
import org.toxwatch.grader.observation.NormalizedObservation;

import io.smallrye.mutiny.Uni;

/**
 * The graded-event history of a batch's observations, read in one query before the batch is graded, and handed to each
 * observation in turn while nothing graded earlier in the batch can have changed it. Grading an observation records
 * and supersedes only that observation's events; a retraction also re-pairs other observations' febrile neutropenia.
 * So an observation already met in the batch, or any observation after a retraction, reads its history again from
 * the session (which sees everything the batch stored so far).
 */
final class BatchHistory {

    private final List<GradedEventRecord> readBefore;
    private final Set<String> met = new HashSet<>();
    private boolean retractionMet;

    private BatchHistory(List<GradedEventRecord> readBefore) {
        this.readBefore = readBefore;
    }

    static Uni<BatchHistory> of(List<NormalizedObservation> observations) {
        if (observations.isEmpty()) {
            return Uni.createFrom().item(new BatchHistory(List.of()));
        }
        List<String> ids = observations.stream().map(NormalizedObservation::observationId).distinct().toList();
        List<String> inputs = observations.stream()
                .map(o -> GradedEventRecord.inputKey(o.observationId(), o.version())).distinct().toList();
        return GradedEventRecord.ofObservationsOrPromptedBy(ids, inputs).map(BatchHistory::new);
    }

    /** The observation's history as {@link GradedEventRecord#ofObservationOrPromptedBy} reads it; call in batch order. */
    Uni<List<GradedEventRecord>> of(NormalizedObservation observation) {
        String id = observation.observationId();
        String input = GradedEventRecord.inputKey(id, observation.version());
        boolean unchanged = !retractionMet && met.add(id);
        retractionMet |= observation.isRetraction();
        if (!unchanged) {
            return GradedEventRecord.ofObservationOrPromptedBy(id, observation.version());
        }
        return Uni.createFrom().item(readBefore.stream()
                .filter(r -> id.equals(r.observationId) || input.equals(r.promptedBy)).toList());
    }
}
