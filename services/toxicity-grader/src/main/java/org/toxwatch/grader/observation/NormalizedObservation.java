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

    public record Result(String loinc, String analyte, BigDecimal value, String unit, BigDecimal lowerLimit,
            BigDecimal upperLimit) {
    }
}
