package org.toxwatch.labingest.messaging;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.toxwatch.labingest.normalization.NormalizedObservation;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Publishes normalized observations keyed by patient, as CloudEvents whose id is stable across re-sends. */
@ApplicationScoped
public class NormalizedObservationPublisher {

    static final String TYPE = "org.toxwatch.lab.ObservationNormalized.v1";
    static final URI SOURCE = URI.create("urn:toxwatch:lab-ingest");

    @Inject
    @Channel("normalized-observations")
    MutinyEmitter<String> channel;

    /** Completes when the broker has acknowledged the record. */
    public Uni<Void> publish(NormalizedObservation observation, String json, UUID eventId) {
        Message<String> message = Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(observation.patientId()).build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(eventId.toString())
                        .withType(TYPE)
                        .withSource(SOURCE)
                        .withSubject(observation.observationId())
                        // event time, not the clock: a replay produces the same record
                        .withTimestamp(observation.effectiveTime().atZone(ZoneOffset.UTC))
                        .build());
        return channel.sendMessage(message);
    }
}
