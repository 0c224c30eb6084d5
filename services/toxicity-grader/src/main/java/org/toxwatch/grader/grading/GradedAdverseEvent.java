package org.toxwatch.grader.grading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code graded-adverse-event.v1} message (contracts/schemas/graded-adverse-event.v1.schema.json).
 * <p>
 * {@code retracts} is written only on a RETRACTED event, so the other events stay exactly what they were.
 */
public record GradedAdverseEvent(
        UUID eventId,
        String observationId,
        String observationVersion,
        String patientId,
        String courseId,
        Integer cycleNumber,
        Instant effectiveTime,
        String ctcaeVersion,
        String term,
        Integer grade,
        String status,
        String analyte,
        BigDecimal value,
        String unit,
        BigDecimal lowerLimit,
        BigDecimal upperLimit,
        PatientBaseline baseline,
        Band band,
        String explanation,
        UUID supersedes,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID retracts) {

    /** The status of an event that withdraws an earlier one whose lab result was entered in error. */
    public static final String RETRACTED = "RETRACTED";

    /**
     * The patient's pre-treatment value of this analyte, when one is known (stated in the course, or the last result
     * before cycle 1). {@code usedForGrading} says whether the grade was measured against it (abnormal baseline) or
     * against ULN; rules downstream (e.g. the PD-(L)1 HCC hepatitis rule) need it either way.
     */
    public record PatientBaseline(BigDecimal value, String unit, BigDecimal upperLimit, Instant effectiveTime,
            boolean abnormal, boolean usedForGrading) {
    }

    /** The CTCAE band the value fell in, with its bounds resolved to numbers in {@code unit}. */
    public record Band(int grade, BigDecimal lower, boolean lowerInclusive, BigDecimal upper, boolean upperInclusive,
            String basis, String nciText) {
    }
}
