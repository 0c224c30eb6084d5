package org.toxwatch.grader.messaging;

import java.net.URI;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.toxwatch.grader.grading.GradedEventRecord;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes graded adverse events keyed by patient; the CloudEvents id is the event id, stable across redeliveries. */
@ApplicationScoped
public class GradedEventPublisher {

    static final String TYPE = "org.toxwatch.ae.AdverseEventGraded.v1";
    static final URI SOURCE = URI.create("urn:toxwatch:toxicity-grader");

    @Inject
    @Channel("graded-events")
    MutinyEmitter<String> channel;

    /** Completes when the broker has acknowledged the record. */
    public Uni<Void> publish(GradedEventRecord event) {
        Message<String> message = Message.of(event.event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.patientId).build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(event.eventId.toString())
                        .withType(TYPE)
                        .withSource(SOURCE)
                        .withSubject(event.observationId)
                        // event time, not the clock: a replay produces the same record
                        .withTimestamp(event.effectiveTime.atZone(ZoneOffset.UTC))
                        .build());
        return channel.sendMessage(message);
    }
}
