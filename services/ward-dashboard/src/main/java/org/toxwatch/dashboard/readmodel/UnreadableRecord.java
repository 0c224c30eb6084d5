package org.toxwatch.dashboard.readmodel;

/**
 * A record the dashboard cannot read (not JSON, a required field missing or malformed). The reason starts with a code,
 * as the dead-letter reasons of the other services do.
 */
public class UnreadableRecord extends RuntimeException {

    private final String code;

    public UnreadableRecord(String code, String detail) {
        super(code + ": " + detail);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
