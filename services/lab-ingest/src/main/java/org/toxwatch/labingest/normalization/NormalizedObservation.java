package org.toxwatch.labingest.normalization;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code normalized-observation.v1} message (contracts/schemas/normalized-observation.v1.schema.json).
 * <p>
 * A retraction (status entered-in-error) carries no results: the values it withdraws are known to be wrong, and the
 * grader finds what to take back by observationId. Its effectiveTime is that of the result it retracts, and issued is
 * when the lab declared the error, if it said. issued is written only on retractions, so every other message stays
 * byte-for-byte what it was (a lab re-send of an old result still matches its stored content hash).
 */
public record NormalizedObservation(
        String observationId,
        String version,
        String status,
        String patientId,
        Instant effectiveTime,
        List<Result> results,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant issued) {

    public static final String ENTERED_IN_ERROR = "entered-in-error";

    @JsonIgnore
    public boolean isRetraction() {
        return ENTERED_IN_ERROR.equals(status);
    }

    /** This retraction, placed at the sample time of the result it retracts. */
    public NormalizedObservation retracting(Instant retractedEffectiveTime) {
        return new NormalizedObservation(observationId, version, status, patientId, retractedEffectiveTime, List.of(), issued);
    }

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
