package org.toxwatch.dashboard.alerts;

import java.time.Instant;
import java.util.UUID;

/** One step of an alert's lifecycle as the dose-advisor published it. */
public record Transition(UUID alertId, int sequence, String transition, String fromState, String toState, String actor,
        String reason, Instant at, Integer revision, int escalationLevel) {
}
