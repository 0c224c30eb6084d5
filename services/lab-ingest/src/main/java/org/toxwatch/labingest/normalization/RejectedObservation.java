package org.toxwatch.labingest.normalization;

/**
 * An Observation that ToxWatch cannot use. It is never dropped: the consumer nacks it, and the channel's
 * dead-letter strategy writes the untouched input with this message as {@code dead-letter-reason}.
 */
public class RejectedObservation extends RuntimeException {

    /** Why an observation was rejected; a bounded set so it can tag metrics. */
    public enum Reason {
        MALFORMED_JSON,
        NOT_AN_OBSERVATION,
        MISSING_FIELD,
        UNSUPPORTED_STATUS,
        UNKNOWN_CODE,
        MISSING_UNIT,
        UNIT_NOT_GRADABLE,
        UNREADABLE_RESULT,
        INVALID_VALUE,
        CONFLICTING_DUPLICATE,
        /** entered-in-error for a result this service never accepted (for that patient): there is nothing to take back. */
        RETRACTS_UNKNOWN_OBSERVATION
    }

    private final Reason reason;

    public RejectedObservation(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
