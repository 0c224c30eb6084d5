package org.toxwatch.grader.messaging;

/**
 * A dead-letter reason as the grader writes it: a code from a bounded set (it tags {@code toxwatch_dead_letters_total}),
 * a colon, a detail. The detail is cut short: it may quote the input (a term, a parser's complaint), and the reason
 * travels as a header next to the original bytes, so an echoed megabyte would make the dead letter too large for the
 * broker and it would not be written at all.
 */
public final class DeadLetterReason {

    public static final int MAX_DETAIL_LENGTH = 500;

    private DeadLetterReason() {
    }

    public static String bounded(String detail) {
        if (detail == null || detail.length() <= MAX_DETAIL_LENGTH) {
            return detail;
        }
        return detail.substring(0, MAX_DETAIL_LENGTH) + "… (" + detail.length() + " characters in all)";
    }
}
