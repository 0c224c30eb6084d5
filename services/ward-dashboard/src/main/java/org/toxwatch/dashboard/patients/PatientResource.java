package org.toxwatch.dashboard.patients;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.toxwatch.dashboard.security.WardRoles;

import io.smallrye.mutiny.Uni;

@Path("/api/patients")
@Tag(name = "Patients")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@RolesAllowed({WardRoles.NURSE, WardRoles.ONCOLOGIST, WardRoles.PHARMACIST, WardRoles.VIEWER})
public class PatientResource {

    private final PatientReadModel patients;

    public PatientResource(PatientReadModel patients) {
        this.patients = patients;
    }

    @GET
    @Path("/{patientId}")
    @Operation(summary = "A patient's courses, dose-level history, worst grade per cycle, lab series with CTCAE grade "
            + "bands, and alert timeline")
    @APIResponse(responseCode = "404", description = "the dashboard knows nothing of this patient")
    public Uni<PatientView> get(@PathParam("patientId") String patientId) {
        return patients.view(patientId).map(view -> view.orElseThrow(
                () -> new NotFoundException("no patient " + patientId)));
    }
}
