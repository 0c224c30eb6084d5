package org.toxwatch.grader.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.toxwatch.grader.grading.GradedEventRecord;
import org.toxwatch.grader.grading.KnownRecords;
import org.toxwatch.grader.grading.ObservationGrading;
import org.toxwatch.grader.grading.ObservationRetraction;
import org.toxwatch.grader.observation.NormalizedObservation;
import org.toxwatch.grader.observation.ObservationCheck;
import org.toxwatch.resilience.batch.InOrder;
import org.toxwatch.resilience.deadletter.DeadLetterHeaders;
import org.toxwatch.resilience.retry.OutageRetries;
import org.toxwatch.resilience.retry.RetryThroughOutage;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Normalized observations in, graded adverse events out: one per CTCAE term an observation feeds, including grade 0
 * and NOT_GRADABLE, so every observation visibly leaves a trace. Read a poll's batch at a time.
 * <p>
 * Per batch: inputs that do not fit the contract are refused first. The rest are graded in order, one after another,
 * in one transaction (results, graded events; what grading reads of what is stored, read once for the batch:
 * {@link BatchHistory}, {@link KnownRecords}); after the commit their events are published and, once the broker has
 * them all, the refused inputs go to {@code lab.observations.normalized.v1.dlq} and the batch is acknowledged. A
 * redelivered observation version finds its graded events and re-publishes them unchanged. A retraction (status
 * entered-in-error) yields one RETRACTED event per event that stood on the observation.
 * <p>
 * A database or broker outage is waited out on the batch. Any other failure of the batch (an input refused on what is
 * stored: an outdated version, the retraction of an observation never graded here; or a bug) is not blamed on the
 * batch: it is then taken one input at a time, each in its own transaction as before batching, and only an input that
 * fails on its own is dead-lettered, with its reason (OUTDATED_VERSION, RETRACTS_UNKNOWN_OBSERVATION,
 * PROCESSING_FAILED).
 */
@ApplicationScoped
public class NormalizedObservationConsumer {

    private static final Logger LOG = Logger.getLogger(NormalizedObservationConsumer.class);
    /** Graded events of a batch awaiting the broker's acknowledgement at once. */
    private static final int SENDS_IN_FLIGHT = 64;

    private final ObjectMapper json;
    private final ObservationGrading grading;
    private final ObservationRetraction retraction;
    private final OnceOnlyGrading once;
    private final GradedEventPublisher publisher;
    private final GraderMetrics metrics;
    private final RetryThroughOutage outages;

    /** Refused inputs, written with the headers SmallRye's dead-letter strategy writes (a batch is acknowledged whole). */
    @Inject
    @Channel("normalized-observations-dead-letters")
    MutinyEmitter<String> deadLetters;

    public NormalizedObservationConsumer(ObjectMapper json, ObservationGrading grading, ObservationRetraction retraction,
            OnceOnlyGrading once, GradedEventPublisher publisher, GraderMetrics metrics,
            OutageRetries retries) {
        this.outages = retries.forChannel("normalized-observations");
        this.json = json;
        this.grading = grading;
        this.retraction = retraction;
        this.once = once;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** One input of a batch and what became of it. */
    private static final class Input {
        final IncomingKafkaRecord<String, String> record;
        NormalizedObservation observation;
        RefusedInput refused;
        OnceOnlyGrading.Graded graded;

        @SuppressWarnings("unchecked")
        Input(KafkaRecord<String, String> record) {
            this.record = record.unwrap(IncomingKafkaRecord.class);
        }
    }

    @Incoming("normalized-observations")
    public Uni<Void> onObservations(KafkaRecordBatch<String, String> batch) {
        List<Input> inputs = batch.getRecords().stream().map(Input::new).toList();
        inputs.forEach(this::check);
        List<Input> valid = inputs.stream().filter(i -> i.refused == null).toList();
        // a database or broker outage is waited out on the batch; only an input's own faults are dead-lettered
        return outages.run(() -> gradeTogether(valid))
                .onFailure().recoverWithUni(failure -> {
                    LOG.infof("a batch of %d observations was not graded as one (%s: %s); grading them one at a time",
                            valid.size(), failure.getClass().getSimpleName(), failure.getMessage());
                    metrics.batchRetaken();
                    return oneAtATime(valid);
                })
                .chain(() -> outages.run(() -> InOrder.each(inputs.stream().filter(i -> i.refused != null).toList(),
                        input -> deadLetters.sendMessage(DeadLetterHeaders.deadLetterOf(input.record, input.refused)))))
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /** Reads the input; what does not fit the contract never reaches grading or the database (README, hostile input). */
    private void check(Input input) {
        metrics.received();
        try {
            input.observation = json.readValue(input.record.getPayload(), NormalizedObservation.class);
        } catch (Exception e) {
            input.refused = metrics.refused("MALFORMED_OBSERVATION",
                    "not a normalized-observation.v1 message: " + e.getMessage());
            return;
        }
        Optional<ObservationCheck.Refusal> refusal = ObservationCheck.refusal(input.observation, Instant.now());
        refusal.ifPresent(r -> input.refused = metrics.refused(r.code(), r.detail()));
    }

    /** The batch graded in one transaction, counted after the commit, its events published together. */
    private Uni<Void> gradeTogether(List<Input> valid) {
        if (valid.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<NormalizedObservation> observations = valid.stream().map(i -> i.observation).toList();
        return Panache.withTransaction(() -> grading.knownFor(observations)
                .chain(known -> BatchHistory.of(observations).chain(history -> InOrder.each(valid, input -> once.gradeWithin(
                        input.observation.observationId(), input.observation.version(), history.of(input.observation),
                        gradingOf(input.observation, known), RefusedInput::new)
                .invoke(graded -> input.graded = graded)
                .replaceWithVoid()))))
                .invoke(() -> valid.forEach(input -> once.count(input.graded)))
                .chain(() -> Multi.createFrom().iterable(valid)
                        .onItem().transformToIterable(input -> input.graded.events())
                        .onItem().transformToUni(publisher::publish)
                        .merge(SENDS_IN_FLIGHT)
                        .collect().last()
                        .replaceWithVoid());
    }

    /** Each input in its own transaction, published before the next: only an input that fails on its own is refused. */
    private Uni<Void> oneAtATime(List<Input> valid) {
        return InOrder.each(valid, input -> outages.run(() -> gradeAlone(input.observation))
                .onFailure(ObservationRetraction.UnknownObservation.class)
                .invoke(() -> metrics.deadLettered(ObservationRetraction.UnknownObservation.REASON))
                .onFailure(GraderMetrics::unexpected).transform(metrics::processingFailed)
                .onFailure().recoverWithItem(refused -> {
                    input.refused = (RefusedInput) refused;
                    return null;
                }));
    }

    private Uni<Void> gradeAlone(NormalizedObservation observation) {
        return once.gradeOnce(observation.observationId(), observation.version(), observation.isRetraction()
                ? earlier -> retraction.retract(observation)
                : earlier -> grading.grade(observation, earlier));
    }

    /** A retraction withdraws what was graded from the observation; any other version is graded. */
    private Function<List<GradedEventRecord>, Uni<List<GradedEventRecord>>> gradingOf(NormalizedObservation observation,
            KnownRecords known) {
        return observation.isRetraction()
                ? earlier -> {
                    known.resultsForgotten();
                    return retraction.retract(observation);
                }
                : earlier -> grading.grade(observation, earlier, known);
    }
}
