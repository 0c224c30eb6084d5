package org.toxwatch.advisor.alerting;

import java.net.URI;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes dose alerts keyed by patient; the CloudEvents id is the alert id, stable across redeliveries. */
@ApplicationScoped
public class DoseAlertPublisher {

    static final String TYPE = "org.toxwatch.dose.DoseAlertRaised.v1";
    static final URI SOURCE = URI.create("urn:toxwatch:dose-advisor");

    @Inject
    @Channel("dose-alerts")
    MutinyEmitter<String> channel;

    public Uni<Void> publish(DoseAlertRecord alert) {
        Message<String> message = Message.of(alert.alert)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(alert.patientId).build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(alert.alertId.toString())
                        .withType(TYPE)
                        .withSource(SOURCE)
                        .withSubject(alert.courseId)
                        .withTimestamp(alert.effectiveTime.atZone(ZoneOffset.UTC))
                        .build());
        return channel.sendMessage(message);
    }
}
