package org.toxwatch.advisor.alerting;

/**
 * A graded event the advisor refuses: the consumer counts it in {@code toxwatch_dead_letters_total} and writes the
 * record to the dead-letter topic with this message ({@code CODE: detail}) as its reason. The detail is cut
 * short (it may quote the input, and the reason travels as a header next to the original bytes); no stack trace and
 * no cause, so the dead letter carries the reason, not the advisor's insides.
 */
public class RefusedInput extends IllegalArgumentException {

    static final int MAX_DETAIL_LENGTH = 500;

    private final String code;

    public RefusedInput(String code, String detail) {
        super(code + ": " + bounded(detail));
        this.code = code;
    }

    public String code() {
        return code;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    static String bounded(String detail) {
        if (detail == null || detail.length() <= MAX_DETAIL_LENGTH) {
            return detail;
        }
        return detail.substring(0, MAX_DETAIL_LENGTH) + "… (" + detail.length() + " characters in all)";
    }
}
