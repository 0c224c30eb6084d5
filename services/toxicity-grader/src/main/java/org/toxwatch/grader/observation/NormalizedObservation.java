package org.toxwatch.grader.observation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A {@code normalized-observation.v1} message as the grader reads it. */
public record NormalizedObservation(
        String observationId,
        String version,
        String status,
        String patientId,
        Instant effectiveTime,
        List<Result> results) {

    /** comparator marks a censored value ("&gt;" 1000 U/L); null when the value is exact. */
    public record Result(String loinc, String analyte, BigDecimal value, String unit, String comparator,
            BigDecimal lowerLimit, BigDecimal upperLimit) {
    }
}
