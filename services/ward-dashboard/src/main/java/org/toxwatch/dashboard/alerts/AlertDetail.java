package org.toxwatch.dashboard.alerts;

import java.time.Instant;
import java.util.List;

import org.toxwatch.dashboard.audit.AuditEntry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** An alert card with its lifecycle and, on GET /api/alerts/{alertId}, what the ward did to it here. */
public record AlertDetail(@JsonUnwrapped AlertCard card, List<TransitionView> transitions,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<AuditEntry> audit) {

    public record TransitionView(int sequence, String transition, String fromState, String toState, String actor,
            String reason, Instant at, int escalationLevel) {

        public static TransitionView of(Transition t) {
            return new TransitionView(t.sequence(), t.transition(), t.fromState(), t.toState(), t.actor(), t.reason(),
                    t.at(), t.escalationLevel());
        }
    }
}
