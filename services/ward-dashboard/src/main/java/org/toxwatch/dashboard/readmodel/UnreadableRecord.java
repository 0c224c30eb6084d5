package org.toxwatch.dashboard.readmodel;

/**
 * A record the dashboard cannot read (not JSON, a required field missing or malformed). The reason starts with a code,
 * as the dead-letter reasons of the other services do.
 */
public class UnreadableRecord extends RuntimeException {

    private final String code;

    public UnreadableRecord(String code, String detail) {
        super(code + ": " + bounded(detail), null, false, false);
        this.code = code;
    }

    /** Details may quote the record (a parser's complaint); the log line and the skipped record keep 500 characters. */
    private static String bounded(String detail) {
        return detail == null || detail.length() <= 500 ? detail
                : detail.substring(0, 500) + "… (" + detail.length() + " characters in all)";
    }

    public String code() {
        return code;
    }
}
