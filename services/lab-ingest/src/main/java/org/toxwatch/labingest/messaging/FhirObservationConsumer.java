package org.toxwatch.labingest.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.toxwatch.labingest.fhir.FhirObservationReader;
import org.toxwatch.labingest.normalization.NormalizedObservation;
import org.toxwatch.labingest.normalization.ObservationNormalizer;
import org.toxwatch.labingest.normalization.RejectedObservation;
import org.toxwatch.labingest.persistence.ReceivedObservation;
import org.toxwatch.resilience.retry.OutageRetries;
import org.toxwatch.resilience.retry.RetryThroughOutage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * FHIR Observation in, normalized observation out.
 * <p>
 * Order of effects: look up the (observation id, version) key; if new, publish and then record it in the same
 * transaction. A crash between publish and commit re-publishes on redelivery with the same CloudEvents id, which the
 * grader absorbs, so nothing is lost and nothing is graded twice. A rejected input fails the returned Uni, and the
 * channel's dead-letter strategy writes it, untouched, to {@code lab.observations.fhir.v1.dlq} with the reason. An
 * outage of the database or the broker is not the input's fault: the record is retried until it passes.
 * <p>
 * An entered-in-error Observation becomes a retraction (a normalized observation with that status and no results) when
 * the result it names was accepted before; otherwise there is nothing to take back and it is dead-lettered.
 */
@ApplicationScoped
public class FhirObservationConsumer {

    private static final Logger LOG = Logger.getLogger(FhirObservationConsumer.class);

    private final FhirObservationReader reader;
    private final ObservationNormalizer normalizer;
    private final NormalizedObservationPublisher publisher;
    private final IngestMetrics metrics;
    private final ObjectMapper json;
    private final RetryThroughOutage outages;

    public FhirObservationConsumer(FhirObservationReader reader, ObservationNormalizer normalizer,
            NormalizedObservationPublisher publisher, IngestMetrics metrics, ObjectMapper json, OutageRetries retries) {
        this.reader = reader;
        this.normalizer = normalizer;
        this.publisher = publisher;
        this.metrics = metrics;
        this.json = json;
        this.outages = retries.forChannel("fhir-observations");
    }

    @Incoming("fhir-observations")
    public Uni<Void> onObservation(String payload, IncomingKafkaRecordMetadata<String, String> record) {
        metrics.received();
        // an unreachable database or broker is waited out (the record is retried, never dead-lettered for it);
        // whatever else fails (a bug) is dead-lettered as well, but with a code and counted
        return outages.run(() -> process(payload))
                .onFailure(failure -> !(failure instanceof RejectedObservation))
                .recoverWithUni(failure -> reject(new RejectedObservation(RejectedObservation.Reason.PROCESSING_FAILED,
                        failure.getClass().getSimpleName() + ": " + failure.getMessage())))
                // the code and the position only: the input may carry patient data, and so may a detail quoting it;
                // the whole reason goes with the original to the dead-letter topic, whose readers may see both
                .onFailure(RejectedObservation.class).invoke(rejected -> LOG.warnf("dead-lettering %s-%d@%d: %s",
                        record.getTopic(), record.getPartition(), record.getOffset(),
                        ((RejectedObservation) rejected).reason()));
    }

    private Uni<Void> process(String payload) {
        NormalizedObservation normalized;
        try {
            normalized = normalizer.normalize(reader.read(payload));
        } catch (RejectedObservation rejected) {
            return reject(rejected);
        }
        if (normalized.isRetraction()) {
            return Panache.withTransaction(() -> retract(normalized));
        }
        return Panache.withTransaction(() -> acceptOnce(normalized, false));
    }

    /**
     * entered-in-error: published only for a result accepted before, for the same patient, and placed at that result's
     * sample time. A result already retracted is not retracted again (a re-send with a new version is absorbed).
     */
    private Uni<Void> retract(NormalizedObservation retraction) {
        return ReceivedObservation.latestOf(retraction.observationId()).chain(latest -> {
            if (latest == null || !latest.patientId.equals(retraction.patientId())) {
                return reject(new RejectedObservation(RejectedObservation.Reason.RETRACTS_UNKNOWN_OBSERVATION,
                        "observation " + retraction.observationId() + " is entered-in-error, but no result with that"
                                + " identifier was received for patient " + retraction.patientId() + ": nothing to retract"));
            }
            return acceptOnce(retraction.retracting(latest.effectiveTime), latest.isRetraction());
        });
    }

    /** Publishes and records a new (observation id, version); absorbs a repeat; refuses the same key with other content. */
    private Uni<Void> acceptOnce(NormalizedObservation normalized, boolean alreadyRetracted) {
        String message = toJson(normalized);
        String key = ReceivedObservation.dedupKey(normalized.observationId(), normalized.version());
        String contentHash = sha256(message);
        UUID eventId = UUID.nameUUIDFromBytes(("normalized-observation|" + key).getBytes(StandardCharsets.UTF_8));

        return ReceivedObservation.<ReceivedObservation>findById(key)
                .chain(existing -> {
                    if (existing == null && alreadyRetracted) {
                        metrics.duplicate();
                        LOG.debugf("absorbed a retraction of the already retracted observation %s", key);
                        return Uni.createFrom().voidItem();
                    }
                    if (existing == null) {
                        return publisher.publish(normalized, message, eventId)
                                .chain(() -> record(normalized, key, contentHash, eventId, message).persist())
                                .invoke(() -> {
                                    normalized.results().forEach(r -> metrics.normalized(r.analyte()));
                                    if (normalized.isRetraction()) {
                                        metrics.retracted();
                                    }
                                })
                                .replaceWithVoid();
                    }
                    if (existing.contentHash.equals(contentHash)) {
                        metrics.duplicate();
                        LOG.debugf("absorbed a repeated observation %s", key);
                        return Uni.createFrom().voidItem();
                    }
                    return reject(new RejectedObservation(RejectedObservation.Reason.CONFLICTING_DUPLICATE,
                            "observation " + normalized.observationId() + " version " + normalized.version()
                                    + " was already received with different content; send a new version (corrected/amended)"));
                });
    }

    private Uni<Void> reject(RejectedObservation rejected) {
        metrics.deadLettered(rejected.reason());
        return Uni.createFrom().failure(rejected);
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
