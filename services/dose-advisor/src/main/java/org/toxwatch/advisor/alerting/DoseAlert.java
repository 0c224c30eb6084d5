package org.toxwatch.advisor.alerting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The {@code dose-alert.v1} message: a recommendation that explains itself (rule, source, thresholds, baseline). */
public record DoseAlert(
        UUID alertId,
        AlertType type,
        String patientId,
        String courseId,
        Integer cycleNumber,
        String drug,
        String action,
        Rule rule,
        DoseLevel currentDoseLevel,
        DoseLevel recommendedDoseLevel,
        String resumeWhen,
        Trigger trigger,
        Instant effectiveTime,
        String explanation) {

    public enum AlertType {
        DOSE_HOLD, DOSE_REDUCE, DELAY_CYCLE, DISCONTINUE
    }

    /**
     * The catalog rule that fired, where it comes from, and whether its wording was verified against the source;
     * decidedBy names the institution override when one decided the advice.
     */
    public record Rule(String id, String text, String source, String sourceKind, boolean verified, int sourceLine,
            String decidedBy) {
    }

    public record DoseLevel(int level, String dose) {
    }

    /** The graded adverse event that fired the rule. */
    public record Trigger(UUID eventId, String observationId, String term, String ctcaeVersion, Integer grade,
            BigDecimal value, String unit, BigDecimal lowerLimit, BigDecimal upperLimit, BigDecimal baseline,
            String explanation) {
    }
}
