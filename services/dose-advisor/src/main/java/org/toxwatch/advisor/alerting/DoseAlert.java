package org.toxwatch.advisor.alerting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code dose-alert.v1} message: a recommendation that explains itself (rule, source, thresholds, baseline).
 * {@code revision} counts content versions of one alert id (1 when raised); {@code relatedAlertId} is, for a
 * RESUME_ELIGIBLE notice, the hold it follows up. {@code trigger} is null only for LABS_REQUIRED.
 */
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
        String explanation,
        Integer revision,
        UUID relatedAlertId) {

    /** The same alert as another revision of its content: a worse grade replaces the content, the alert id stays. */
    public DoseAlert revised(UUID alertId, int revision) {
        return new DoseAlert(alertId, type, patientId, courseId, cycleNumber, drug, action, rule, currentDoseLevel,
                recommendedDoseLevel, resumeWhen, trigger, effectiveTime, explanation, revision, relatedAlertId);
    }

    public enum AlertType {
        DOSE_HOLD, DOSE_REDUCE, DELAY_CYCLE, DISCONTINUE,
        /** a notice: later results meet the resume criterion of the hold in relatedAlertId */
        RESUME_ELIGIBLE,
        /** a notice: pre-cycle labs are missing from their window */
        LABS_REQUIRED
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
