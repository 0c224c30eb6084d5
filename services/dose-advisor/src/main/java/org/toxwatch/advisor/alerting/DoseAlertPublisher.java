package org.toxwatch.advisor.alerting;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes dose alerts keyed by patient. The CloudEvents id is the alert id for the first revision and a name-based
 * id of (alert id, revision) after a worse grade replaced the content: stable across redeliveries, and a new revision is
 * not mistaken downstream for a repeat of the old one.
 */
@ApplicationScoped
public class DoseAlertPublisher {

    static final String TYPE = "org.toxwatch.dose.DoseAlertRaised.v1";
    static final URI SOURCE = URI.create("urn:toxwatch:dose-advisor");

    @Inject
    @Channel("dose-alerts")
    MutinyEmitter<String> channel;

    public Uni<Void> publish(DoseAlertRecord alert) {
        return publish(alert.alertId, Math.max(alert.revision, 1), alert.patientId, alert.courseId, alert.effectiveTime,
                alert.alert);
    }

    /** One revision of an alert's content (a dose-alert.v1 message). */
    public Uni<Void> publish(UUID alertId, int revision, String patientId, String courseId, Instant effectiveTime,
            String content) {
        Message<String> message = Message.of(content)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(patientId).build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(cloudEventId(alertId, revision).toString())
                        .withType(TYPE)
                        .withSource(SOURCE)
                        .withSubject(courseId)
                        .withTimestamp(effectiveTime.atZone(ZoneOffset.UTC))
                        .build());
        return channel.sendMessage(message);
    }

    public static UUID cloudEventId(UUID alertId, int revision) {
        return revision <= 1 ? alertId
                : UUID.nameUUIDFromBytes(("dose-alert-revision|" + alertId + "|" + revision).getBytes(StandardCharsets.UTF_8));
    }
}
