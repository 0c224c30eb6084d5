package org.toxwatch.grader.messaging;

/**
 * An input the grader refuses, counted in {@code toxwatch_dead_letters_total} when it was created: the channel's
 * dead-letter strategy writes the record with this message ({@code CODE: detail}) as its reason. No stack trace and
 * no cause: the dead letter carries the reason, not the grader's insides.
 */
public class RefusedInput extends IllegalArgumentException {

    private final String code;

    public RefusedInput(String code, String detail) {
        super(code + ": " + DeadLetterReason.bounded(detail));
        this.code = code;
    }

    public String code() {
        return code;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
