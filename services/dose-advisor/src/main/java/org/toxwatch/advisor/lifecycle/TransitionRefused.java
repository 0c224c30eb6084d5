package org.toxwatch.advisor.lifecycle;

import java.util.UUID;

/** The alert is not in a state that allows the transition, or changed under the caller: a 409 with the current state. */
public class TransitionRefused extends RuntimeException {

    private final UUID alertId;
    private final AlertState state;
    private final int revision;

    public TransitionRefused(UUID alertId, AlertState state, int revision, String message) {
        super(message);
        this.alertId = alertId;
        this.state = state;
        this.revision = revision;
    }

    public UUID alertId() {
        return alertId;
    }

    /** The alert's state when the transition was refused. */
    public AlertState state() {
        return state;
    }

    public int revision() {
        return revision;
    }
}
