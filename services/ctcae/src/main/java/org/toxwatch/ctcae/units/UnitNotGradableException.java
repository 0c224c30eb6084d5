package org.toxwatch.ctcae.units;

/**
 * A reported unit cannot be turned into the analyte's canonical unit: it is missing, unknown, or measures something
 * else (a percentage for an absolute count, say). The value must then not be graded (CRITERIA.md A13), never guessed.
 * Callers at the edge (lab ingest) must catch it and dead-letter the observation with {@link #reason()}.
 */
public class UnitNotGradableException extends NotGradableException {

    private final String reportedUnit;

    public UnitNotGradableException(String reportedUnit, String reason) {
        super("Unit " + (reportedUnit == null ? "(none)" : "'" + reportedUnit + "'") + " not gradable: " + reason,
                reason);
        this.reportedUnit = reportedUnit;
    }

    /** The unit as the lab wrote it; null when none was given. */
    public String reportedUnit() {
        return reportedUnit;
    }
}
