package org.toxwatch.advisor.lifecycle;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.toxwatch.advisor.alerting.DoseAlertPublisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes stored transitions on {@code dose.alerts.lifecycle.v1}, keyed by patient, the stored message byte for byte
 * with its stored id; a WORSENED transition also re-publishes the alert's new content on {@code dose.alerts.v1}.
 * Called only after the transitions' transaction has committed; a transition whose publication was cut off by a
 * crash is published later by {@link TransitionRelay}.
 */
@ApplicationScoped
public class LifecyclePublisher {

    static final String TYPE = "org.toxwatch.dose.AlertLifecycleChanged.v1";
    static final URI SOURCE = URI.create("urn:toxwatch:dose-advisor");

    @Inject
    @Channel("dose-alert-lifecycle")
    MutinyEmitter<String> channel;

    @Inject
    DoseAlertPublisher alerts;

    @Inject
    ObjectMapper json;

    /** Sends the transitions in order, then marks them published (the outbox's mark, see {@link TransitionRelay}). */
    public Uni<Void> publish(List<AlertTransitionRecord> transitions) {
        return Multi.createFrom().iterable(transitions)
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().last()
                .chain(() -> TransitionPublication.mark(transitions, Instant.now()));
    }

    public Uni<Void> publish(AlertTransitionRecord transition) {
        return publish(List.of(transition));
    }

    private Uni<Void> send(AlertTransitionRecord transition) {
        LifecycleEvent event = read(transition.event);
        Message<String> message = Message.of(transition.event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.patientId()).build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(transition.lifecycleEventId.toString())
                        .withType(TYPE)
                        .withSource(SOURCE)
                        .withSubject(event.alertId().toString())
                        .withTimestamp(event.at().atZone(ZoneOffset.UTC))
                        .build());
        Uni<Void> sent = channel.sendMessage(message);
        if (transition.transition != Transition.WORSENED) {
            return sent;
        }
        return sent.chain(() -> alerts.publish(event.alertId(), event.revision(), event.patientId(), event.courseId(),
                Instant.parse(event.alert().path("effectiveTime").asText()), write(event.alert())));
    }

    private String write(JsonNode content) {
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a dose alert", e);
        }
    }

    private LifecycleEvent read(String event) {
        try {
            return json.readValue(event, LifecycleEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored lifecycle event is unreadable", e);
        }
    }
}
