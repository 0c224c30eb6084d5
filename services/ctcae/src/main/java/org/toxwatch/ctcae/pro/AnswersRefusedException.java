package org.toxwatch.ctcae.pro;

/**
 * PRO-CTCAE answers that cannot be used at all: an item ToxWatch does not know, answers the item cannot have (a
 * question it does not ask, a score off its scale, a first answer of 0 followed by a symptom the branching never asks
 * about), or an item whose grade suggests no CTCAE term we grade. Unlike a missing answer (NOT_GRADABLE), these are
 * input errors: refused at the REST door, dead-lettered on the topic.
 */
public final class AnswersRefusedException extends RuntimeException {

    /** Reason codes as they appear in dead-letter reasons and metrics. */
    public enum Reason {
        UNKNOWN_PRO_CTCAE_ITEM, INVALID_PRO_CTCAE_ANSWERS, NO_CTCAE_TERM
    }

    private final Reason reason;
    private final String detail;

    public AnswersRefusedException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
