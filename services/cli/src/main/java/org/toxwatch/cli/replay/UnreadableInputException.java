package org.toxwatch.cli.replay;

/** An input the replay cannot use; the message names where (file and line, or table and row) and why. */
public final class UnreadableInputException extends Exception {

    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
