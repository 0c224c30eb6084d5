package org.toxwatch.dashboard.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One alert as the ward screen shows it, at one position ({@code seq}) of the change sequence. */
@Schema(description = "A dose alert or notice as the ward screen shows it")
public record AlertCard(
        UUID alertId,
        String patientId,
        String courseId,
        @Schema(description = "the course's ward, 'unassigned' when it names none") String ward,
        Integer cycleNumber,
        String drug,
        @Schema(description = "DOSE_HOLD, DOSE_REDUCE, DELAY_CYCLE, DISCONTINUE, RESUME_ELIGIBLE or LABS_REQUIRED") String type,
        String action,
        @Schema(description = "DISCONTINUE 5, DOSE_HOLD 4, DELAY_CYCLE 3, DOSE_REDUCE 2, LABS_REQUIRED 1, RESUME_ELIGIBLE 0") int severity,
        @Schema(description = "OPEN, ACKNOWLEDGED, RESOLVED, OVERRIDDEN or RETRACTED") String state,
        int escalationLevel,
        @Schema(description = "content revision; a worse grade replaces the content under the same alert id") int revision,
        @Schema(description = "the CTCAE term of the result that fired it; null for LABS_REQUIRED") String term,
        Integer grade,
        BigDecimal value,
        String unit,
        String explanation,
        String ruleId,
        String ruleSource,
        @Schema(description = "false: the rule's wording is not verified against its source") Boolean ruleVerified,
        String resumeWhen,
        String recommendedDose,
        @Schema(description = "the lab result's time (event time)") Instant effectiveTime,
        Instant openedAt,
        Instant updatedAt,
        @Schema(description = "position of this version of the card in the change sequence") long seq) {
}
