package org.toxwatch.advisor.lifecycle;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code alert-lifecycle-event.v1} message: one transition of one alert, with the alert's lifecycle fields after
 * it. {@code alert} carries the dose-alert.v1 content for OPENED and WORSENED and is null otherwise. Consumers order
 * one alert's events by {@code sequence}, since two transitions committed close together may be published in either
 * order.
 */
public record LifecycleEvent(
        UUID eventId,
        UUID alertId,
        int sequence,
        String patientId,
        String courseId,
        String drug,
        String alertType,
        Transition transition,
        AlertState fromState,
        AlertState toState,
        String actor,
        String reason,
        Instant at,
        int revision,
        int escalationLevel,
        Instant acknowledgeDeadline,
        JsonNode alert) {
}
