package org.toxwatch.advisor.lifecycle;

/**
 * Where a dose alert stands. OPEN until someone on the ward acknowledges it; RESOLVED or OVERRIDDEN when the ward has
 * acted on it (or decided not to, with a reason); RETRACTED when the result behind it was corrected or entered in error.
 * Escalation is not a state: an overdue OPEN alert stays OPEN at a higher escalation level.
 */
public enum AlertState {
    OPEN, ACKNOWLEDGED, RESOLVED, OVERRIDDEN, RETRACTED
}
