package org.toxwatch.advisor.lifecycle;

import java.util.EnumSet;
import java.util.Set;

/**
 * The changes an alert can go through, from which states, and into which state. This table is the whole state machine;
 * everything else asks it.
 *
 * <p>RETRACTED is allowed from RESOLVED and OVERRIDDEN too: a dose may have been held, or a hold overridden, on a
 * result that was later corrected or entered in error, and the ward must learn that the basis of that decision is gone.
 * RETRACTED itself is final.
 */
public enum Transition {
    /** Raised from a graded event. */
    OPENED(EnumSet.noneOf(AlertState.class), AlertState.OPEN, false),
    /** A worse grade for the same condition replaced the content; needs a fresh acknowledgement. */
    WORSENED(EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED), AlertState.OPEN, false),
    /** Not acknowledged in time: the escalation level goes up, the state stays OPEN. */
    ESCALATED(EnumSet.of(AlertState.OPEN), AlertState.OPEN, false),
    ACKNOWLEDGED(EnumSet.of(AlertState.OPEN), AlertState.ACKNOWLEDGED, false),
    RESOLVED(EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED), AlertState.RESOLVED, false),
    /** The ward decides against the advice; always with a reason. */
    OVERRIDDEN(EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED), AlertState.OVERRIDDEN, true),
    /** System only: the source result was corrected or entered in error. */
    RETRACTED(EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED, AlertState.RESOLVED, AlertState.OVERRIDDEN),
            AlertState.RETRACTED, true);

    private final EnumSet<AlertState> from;
    private final AlertState to;
    private final boolean needsReason;

    Transition(EnumSet<AlertState> from, AlertState to, boolean needsReason) {
        this.from = from;
        this.to = to;
        this.needsReason = needsReason;
    }

    public boolean allowedFrom(AlertState state) {
        return from.contains(state);
    }

    public AlertState to() {
        return to;
    }

    public boolean needsReason() {
        return needsReason;
    }

    /** The states this transition may start from; empty for OPENED. */
    public Set<AlertState> from() {
        return from.clone();
    }
}
