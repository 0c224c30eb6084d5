package org.toxwatch.ctcae.units;

/**
 * A reported result is not something the analyte can take: text where a number is needed, or a dipstick reading
 * that is none of the scale's levels. Never guessed (CRITERIA.md A13).
 */
public class ResultNotGradableException extends NotGradableException {

    private final String reportedValue;

    public ResultNotGradableException(String reportedValue, String reason) {
        super("Result " + (reportedValue == null ? "(none)" : "'" + reportedValue + "'") + " not gradable: " + reason,
                reason);
        this.reportedValue = reportedValue;
    }

    /** The result as the lab wrote it; null when none was given. */
    public String reportedValue() {
        return reportedValue;
    }
}
