package org.toxwatch.grader.observation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A {@code normalized-observation.v1} message as the grader reads it. A retraction (status entered-in-error) carries
 * no results; its effectiveTime is that of the result it retracts, and issued (when the lab sent it) when the lab
 * declared the error.
 */
public record NormalizedObservation(
        String observationId,
        String version,
        String status,
        String patientId,
        Instant effectiveTime,
        List<Result> results,
        Instant issued) {

    public static final String ENTERED_IN_ERROR = "entered-in-error";

    @JsonIgnore
    public boolean isRetraction() {
        return ENTERED_IN_ERROR.equals(status);
    }

    /** comparator marks a censored value ("&gt;" 1000 U/L); null when the value is exact. */
    public record Result(String loinc, String analyte, BigDecimal value, String unit, String comparator,
            BigDecimal lowerLimit, BigDecimal upperLimit) {
    }
}
