package org.toxwatch.labingest.normalization;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The {@code normalized-observation.v1} message (contracts/schemas/normalized-observation.v1.schema.json). */
public record NormalizedObservation(
        String observationId,
        String version,
        String status,
        String patientId,
        Instant effectiveTime,
        List<Result> results) {

    /** One analyte's value and limits, in the analyte's canonical UCUM unit; reported* keep what the lab sent. */
    public record Result(
            String loinc,
            String analyte,
            BigDecimal value,
            String unit,
            BigDecimal reportedValue,
            String reportedUnit,
            BigDecimal lowerLimit,
            BigDecimal upperLimit) {
    }
}
