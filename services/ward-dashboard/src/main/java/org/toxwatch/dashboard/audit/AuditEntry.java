package org.toxwatch.dashboard.audit;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One ward action attempted through the dashboard, whatever came of it. */
@Schema(description = "A ward action attempted through the dashboard: allowed, refused or failed")
public record AuditEntry(
        @Schema(description = "when the person acted (machine clock)") Instant at,
        @Schema(description = "the token's upn (or sub)") String actor,
        @Schema(description = "the role the action was taken in; for a refusal, the token's groups") String role,
        @Schema(description = "ACKNOWLEDGE, OVERRIDE or RESOLVE") String action,
        UUID alertId,
        @Schema(description = "null when the dashboard had not seen the alert") String patientId,
        String reason,
        @Schema(description = "the HTTP status the ward got: 200, 400, 403, 404, 409, 502, ...") int outcome,
        @Schema(description = "what happened, e.g. the advisor's answer or why it was refused") String detail) {
}
