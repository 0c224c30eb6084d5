package org.toxwatch.labingest.normalization;

/**
 * An Observation that ToxWatch cannot use. It is never dropped: the consumer nacks it, and the channel's
 * dead-letter strategy writes the untouched input with this message as {@code dead-letter-reason}.
 */
public class RejectedObservation extends RuntimeException {

    /**
     * Longest detail kept in the reason. Details quote the input (a unit, a date, a parser's complaint), and the reason
     * travels as a header next to the original bytes: an echoed megabyte would make the dead-letter record too large
     * for the broker, and it would not be written at all.
     */
    static final int MAX_DETAIL_LENGTH = 500;

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
        RETRACTS_UNKNOWN_OBSERVATION,
        /** Not the input's fault as far as we know (the database failed, a bug): the record can be replayed as it is. */
        PROCESSING_FAILED
    }

    private final Reason reason;

    public RejectedObservation(Reason reason, String detail) {
        super(reason + ": " + shortened(detail), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static String shortened(String detail) {
        if (detail == null || detail.length() <= MAX_DETAIL_LENGTH) {
            return detail;
        }
        return detail.substring(0, MAX_DETAIL_LENGTH) + "… (" + detail.length() + " characters in all)";
    }
}
