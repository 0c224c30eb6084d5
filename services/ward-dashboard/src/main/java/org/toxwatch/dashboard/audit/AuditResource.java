package org.toxwatch.dashboard.audit;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.toxwatch.dashboard.security.WardRoles;

import io.smallrye.mutiny.Uni;

@Path("/api/audit")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@RolesAllowed({WardRoles.NURSE, WardRoles.ONCOLOGIST, WardRoles.PHARMACIST, WardRoles.VIEWER})
public class AuditResource {

    static final int MAX_LIMIT = 500;

    private final AuditTrail audit;

    public AuditResource(AuditTrail audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Ward actions attempted through the dashboard, newest first")
    public Uni<List<AuditEntry>> find(@QueryParam("alertId") UUID alertId, @QueryParam("patientId") String patientId,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        return audit.find(alertId, patientId == null || patientId.isBlank() ? null : patientId, bounded);
    }
}
