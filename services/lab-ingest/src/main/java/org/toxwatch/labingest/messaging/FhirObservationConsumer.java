package org.toxwatch.labingest.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.toxwatch.labingest.fhir.FhirObservationReader;
import org.toxwatch.labingest.normalization.NormalizedObservation;
import org.toxwatch.labingest.normalization.ObservationNormalizer;
import org.toxwatch.labingest.normalization.RejectedObservation;
import org.toxwatch.labingest.persistence.ReceivedObservation;
import org.toxwatch.resilience.batch.InOrder;
import org.toxwatch.resilience.deadletter.DeadLetterHeaders;
import org.toxwatch.resilience.retry.OutageRetries;
import org.toxwatch.resilience.retry.RetryThroughOutage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * FHIR Observations in, normalized observations out, a poll's batch at a time.
 * <p>
 * Per batch: every input is read and normalized; the (observation id, version) keys of the batch are looked up in one
 * query; new versions are recorded, all of them are published (the producer sends them together), and only when the
 * broker has acknowledged every one does the transaction commit; then the refused inputs go to
 * {@code lab.observations.fhir.v1.dlq} with their reason, in input order, and the batch is acknowledged. A crash
 * anywhere before the commit replays the batch: its records are published again with the same CloudEvents ids, which
 * the grader absorbs, so nothing is lost and nothing is graded twice. A repeat of a key absorbs (within a batch too);
 * the same key with other content is refused. An outage of the database or the broker is not an input's fault: the
 * batch is retried until it passes. Any other failure of a batch (a bug, a constraint) is not blamed on all its inputs:
 * the batch is then taken one input at a time, each in its own transaction, and only an input that fails on its own is
 * dead-lettered (PROCESSING_FAILED).
 * <p>
 * An entered-in-error Observation becomes a retraction (a normalized observation with that status and no results) when
 * the result it names was accepted before, for that patient, in an earlier batch or earlier in this one; otherwise there
 * is nothing to take back and it is dead-lettered.
 */
@ApplicationScoped
public class FhirObservationConsumer {

    private static final Logger LOG = Logger.getLogger(FhirObservationConsumer.class);
    /** Records of a batch awaiting the broker's acknowledgement at once. */
    private static final int SENDS_IN_FLIGHT = 64;

    private final FhirObservationReader reader;
    private final ObservationNormalizer normalizer;
    private final NormalizedObservationPublisher publisher;
    private final IngestMetrics metrics;
    private final ObjectMapper json;
    private final RetryThroughOutage outages;

    /** Refused inputs, written with the headers SmallRye's dead-letter strategy writes (a batch is acknowledged whole). */
    @Inject
    @Channel("fhir-observations-dead-letters")
    MutinyEmitter<String> deadLetters;

    public FhirObservationConsumer(FhirObservationReader reader, ObservationNormalizer normalizer,
            NormalizedObservationPublisher publisher, IngestMetrics metrics,
            ObjectMapper json, OutageRetries retries) {
        this.reader = reader;
        this.normalizer = normalizer;
        this.publisher = publisher;
        this.metrics = metrics;
        this.json = json;
        this.outages = retries.forChannel("fhir-observations");
    }

    /** One input of a batch and what became of it. */
    private static final class Input {
        final IncomingKafkaRecord<String, String> record;
        NormalizedObservation normalized;
        RejectedObservation refused;
        /** Published and recorded by this batch (counted as normalized once the batch commits). */
        boolean accepted;

        @SuppressWarnings("unchecked")
        Input(KafkaRecord<String, String> record) {
            this.record = record.unwrap(IncomingKafkaRecord.class);
        }
    }

    /** A new version to publish and record, decided inside the batch's transaction. */
    private record Accepted(NormalizedObservation normalized, String message, UUID eventId) {
    }

    @Incoming("fhir-observations")
    public Uni<Void> onObservations(KafkaRecordBatch<String, String> batch) {
        List<Input> inputs = batch.getRecords().stream().map(Input::new).toList();
        inputs.forEach(input -> metrics.received());
        // an unreachable database or broker is waited out (the batch is retried, never dead-lettered for it)
        return outages.run(() -> ingest(inputs))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("a batch of %d observations failed (%s: %s); taking its inputs one at a time",
                            inputs.size(), failure.getClass().getSimpleName(), failure.getMessage());
                    metrics.batchRetaken();
                    return oneAtATime(inputs);
                })
                .chain(() -> {
                    List<Input> refused = refused(inputs);
                    // the dead-letter topic unreachable is an outage like any other: waited out, never skipped
                    return outages.run(() -> deadLetter(refused));
                })
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /** Normalizes, records and publishes the batch in one transaction; the refused inputs are marked, not written. */
    private Uni<Void> ingest(List<Input> inputs) {
        for (Input input : inputs) {
            input.normalized = null;
            input.refused = null;
            input.accepted = false;
            try {
                input.normalized = normalizer.normalize(reader.read(input.record.getPayload()));
            } catch (RejectedObservation rejected) {
                input.refused = rejected;
            }
        }
        List<String> keys = inputs.stream().filter(i -> i.normalized != null)
                .map(i -> ReceivedObservation.dedupKey(i.normalized.observationId(), i.normalized.version()))
                .distinct().toList();
        List<Accepted> toPublish = new ArrayList<>();
        return Panache.withTransaction(() -> ReceivedObservation.byKeys(keys).chain(rows -> {
            Map<String, ReceivedObservation> known = new HashMap<>();
            rows.forEach(row -> known.put(row.dedupKey, row));
            // results accepted earlier in this batch, by observation id (what a retraction later in it takes back)
            Map<String, ReceivedObservation> acceptedHere = new HashMap<>();
            return InOrder.each(inputs.stream().filter(i -> i.normalized != null).toList(),
                    input -> decide(input, known, acceptedHere, toPublish))
                    .chain(() -> publishAll(toPublish));
        })).invoke(() -> inputs.stream().filter(i -> i.accepted).forEach(i -> {
            i.normalized.results().forEach(r -> metrics.normalized(r.analyte()));
            if (i.normalized.isRetraction()) {
                metrics.retracted();
            }
        }));
    }

    /** Accepts a new version (recorded now, published with the batch), absorbs a repeat, or refuses the input. */
    private Uni<Void> decide(Input input, Map<String, ReceivedObservation> known, Map<String, ReceivedObservation> acceptedHere,
            List<Accepted> toPublish) {
        NormalizedObservation normalized = input.normalized;
        if (!normalized.isRetraction()) {
            return accept(input, normalized, false, known, acceptedHere, toPublish);
        }
        ReceivedObservation inBatch = acceptedHere.get(normalized.observationId());
        Uni<ReceivedObservation> latest = inBatch != null ? Uni.createFrom().item(inBatch)
                : ReceivedObservation.latestOf(normalized.observationId());
        return latest.chain(row -> {
            if (row == null || !row.patientId.equals(normalized.patientId())) {
                input.refused = new RejectedObservation(RejectedObservation.Reason.RETRACTS_UNKNOWN_OBSERVATION,
                        "observation " + normalized.observationId() + " is entered-in-error, but no result with that"
                                + " identifier was received for patient " + normalized.patientId() + ": nothing to retract");
                return Uni.createFrom().voidItem();
            }
            return accept(input, normalized.retracting(row.effectiveTime), row.isRetraction(), known, acceptedHere,
                    toPublish);
        });
    }

    private Uni<Void> accept(Input input, NormalizedObservation normalized, boolean alreadyRetracted,
            Map<String, ReceivedObservation> known, Map<String, ReceivedObservation> acceptedHere, List<Accepted> toPublish) {
        String message = toJson(normalized);
        String key = ReceivedObservation.dedupKey(normalized.observationId(), normalized.version());
        String contentHash = sha256(message);
        ReceivedObservation existing = known.get(key);
        if (existing == null && alreadyRetracted) {
            metrics.duplicate();
            LOG.debugf("absorbed a retraction of the already retracted observation %s", key);
            return Uni.createFrom().voidItem();
        }
        if (existing == null) {
            UUID eventId = UUID.nameUUIDFromBytes(("normalized-observation|" + key).getBytes(StandardCharsets.UTF_8));
            ReceivedObservation row = record(normalized, key, contentHash, eventId, message);
            known.put(key, row);
            acceptedHere.put(normalized.observationId(), row);
            toPublish.add(new Accepted(normalized, message, eventId));
            input.normalized = normalized;
            input.accepted = true;
            // written with the batch's other rows when the transaction flushes, after every record is published
            return row.persist().replaceWithVoid();
        }
        if (existing.contentHash.equals(contentHash)) {
            metrics.duplicate();
            LOG.debugf("absorbed a repeated observation %s", key);
            return Uni.createFrom().voidItem();
        }
        input.refused = new RejectedObservation(RejectedObservation.Reason.CONFLICTING_DUPLICATE,
                "observation " + normalized.observationId() + " version " + normalized.version()
                        + " was already received with different content; send a new version (corrected/amended)");
        return Uni.createFrom().voidItem();
    }

    /** Sends every record of the batch, then waits for the broker to acknowledge them all. */
    private Uni<Void> publishAll(List<Accepted> toPublish) {
        if (toPublish.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // sent in order, at most SENDS_IN_FLIGHT awaiting the broker at once (well inside the emitter's buffer)
        return Multi.createFrom().iterable(toPublish)
                .onItem().transformToUni(a -> publisher.publish(a.normalized(), a.message(), a.eventId()))
                .merge(SENDS_IN_FLIGHT)
                .collect().last().replaceWithVoid();
    }

    /**
     * The batch, one input at a time, each through the same path as a batch of one in its own transaction: only an
     * input that fails on its own is refused.
     */
    private Uni<Void> oneAtATime(List<Input> inputs) {
        return InOrder.each(inputs, input -> outages.run(() -> ingest(List.of(input)))
                .onFailure().recoverWithItem(failure -> {
                    input.accepted = false;
                    input.refused = new RejectedObservation(RejectedObservation.Reason.PROCESSING_FAILED,
                            failure.getClass().getSimpleName() + ": " + failure.getMessage());
                    return null;
                }));
    }

    /** The refused inputs of a batch, each logged and counted once. */
    private List<Input> refused(List<Input> inputs) {
        List<Input> refused = inputs.stream().filter(i -> i.refused != null).toList();
        for (Input input : refused) {
            // the code and the position only: the input may carry patient data, and so may a detail quoting it;
            // the whole reason goes with the original to the dead-letter topic, whose readers may see both
            LOG.warnf("dead-lettering %s-%d@%d: %s", input.record.getTopic(), input.record.getPartition(),
                    input.record.getOffset(), input.refused.reason());
            metrics.deadLettered(input.refused.reason());
        }
        return refused;
    }

    /** The refused inputs to the dead-letter topic, one after another, in input order. */
    private Uni<Void> deadLetter(List<Input> refused) {
        return InOrder.each(refused,
                input -> deadLetters.sendMessage(DeadLetterHeaders.deadLetterOf(input.record, input.refused)));
    }

    private static ReceivedObservation record(NormalizedObservation normalized, String key, String contentHash,
            UUID eventId, String message) {
        ReceivedObservation row = new ReceivedObservation();
        row.dedupKey = key;
        row.observationId = normalized.observationId();
        row.version = normalized.version();
        row.status = normalized.status();
        row.patientId = normalized.patientId();
        row.effectiveTime = normalized.effectiveTime();
        row.contentHash = contentHash;
        row.eventId = eventId;
        row.normalized = message;
        row.receivedAt = Instant.now();
        return row;
    }

    private String toJson(NormalizedObservation normalized) {
        try {
            return json.writeValueAsString(normalized);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a normalized observation", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
