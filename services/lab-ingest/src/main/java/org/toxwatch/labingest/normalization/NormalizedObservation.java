package org.toxwatch.labingest.normalization;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The {@code normalized-observation.v1} message (contracts/schemas/normalized-observation.v1.schema.json). */
public record NormalizedObservation(
        String observationId,
        String version,
        String status,
        String patientId,
        Instant effectiveTime,
        List<Result> results) {

    /**
     * One analyte's value and limits, in the analyte's canonical UCUM unit; reported* keep what the lab sent
     * (a number, or text such as a dipstick "2+"). comparator marks a censored value ("&gt;" 1000 U/L).
     */
    public record Result(
            String loinc,
            String analyte,
            BigDecimal value,
            String unit,
            @JsonInclude(JsonInclude.Include.NON_NULL) String comparator,
            Object reportedValue,
            String reportedUnit,
            BigDecimal lowerLimit,
            BigDecimal upperLimit) {
    }
}
