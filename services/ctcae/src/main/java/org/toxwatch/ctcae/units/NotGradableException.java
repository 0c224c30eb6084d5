package org.toxwatch.ctcae.units;

/**
 * A reported result cannot be put into the analyte's canonical form, so it must not be graded (CRITERIA.md A13).
 * Unchecked so that stream and reactive code can carry it; callers at the edge catch it and report {@link #reason()}.
 */
public abstract class NotGradableException extends RuntimeException {

    private final String reason;

    protected NotGradableException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** Why the result cannot be used, in words an operator can act on. */
    public String reason() {
        return reason;
    }
}
