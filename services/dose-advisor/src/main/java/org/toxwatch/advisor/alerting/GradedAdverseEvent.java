package org.toxwatch.advisor.alerting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A {@code graded-adverse-event.v1} message as the advisor reads it (tolerant reader). */
public record GradedAdverseEvent(
        UUID eventId,
        String observationId,
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
        String explanation,
        UUID supersedes,
        UUID retracts) {

    /** A RETRACTED event withdraws the event in {@code retracts} and grades nothing itself. */
    public boolean retraction() {
        return "RETRACTED".equals(status);
    }

    /** The earlier event this one withdraws (a retraction) or replaces (a corrected result); null otherwise. */
    public UUID withdraws() {
        return retracts != null ? retracts : supersedes;
    }

    /** The patient's pre-treatment value of the analyte, with the ULN that judged it. */
    public record PatientBaseline(BigDecimal value, BigDecimal upperLimit) {
    }

    BigDecimal baselineValue() {
        return baseline == null ? null : baseline.value();
    }

    BigDecimal baselineUpperLimit() {
        return baseline == null ? null : baseline.upperLimit();
    }
}
