package org.toxwatch.cli.grading;

/**
 * The input as a whole cannot be read: missing, not a file, no header, not CSV or not a FHIR Bundle. Unlike a bad
 * row, nothing is written; the command exits with code 2.
 */
public class InputFileUnreadableException extends Exception {

    public InputFileUnreadableException(String message) {
        super(message);
    }

    public InputFileUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
