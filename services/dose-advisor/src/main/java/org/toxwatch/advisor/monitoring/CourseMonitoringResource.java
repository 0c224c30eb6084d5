package org.toxwatch.advisor.monitoring;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.toxwatch.advisor.alerting.DoseAlertRecord;

import io.smallrye.mutiny.Uni;

/** What a ward asks of a course besides its results: check the labs before a cycle, confirm a clinical qualifier. */
@Path("/treatment-courses/{courseId}")
@Tag(name = "Treatment courses")
@Produces(MediaType.APPLICATION_JSON)
public class CourseMonitoringResource {

    /** A qualifier only a clinician knows, e.g. {@code despite-optimal-antihypertensive-therapy}. */
    public record QualifierConfirmation(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,99}") String qualifier,
            @NotBlank String actor) {
    }

    /** An alert or notice the request raised. */
    public record Raised(String alertId, String type, String drug, String ruleId) {
        static List<Raised> of(List<DoseAlertRecord> rows) {
            return rows.stream().map(r -> new Raised(r.alertId.toString(), r.alertType, r.drug, r.ruleId)).toList();
        }
    }

    private final CourseChecks checks;

    public CourseMonitoringResource(CourseChecks checks) {
        this.checks = checks;
    }

    @POST
    @Path("/cycles/{cycle}/pre-cycle-check")
    @Operation(summary = "Check the pre-cycle labs before a planned cycle now (the scheduler does it the day before)")
    @APIResponse(responseCode = "200", description = "checked; the alerts it raised (none when already checked)")
    @APIResponse(responseCode = "404", description = "no such course, or the course plans no such cycle")
    public Uni<Response> preCycleCheck(@PathParam("courseId") String courseId, @PathParam("cycle") @Positive int cycle) {
        return respond(checks.beforeCycle(courseId, cycle));
    }

    @POST
    @Path("/qualifiers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm a qualifier for the course (e.g. despite-optimal-antihypertensive-therapy)")
    @APIResponse(responseCode = "200", description = "confirmed; the alerts it raised")
    @APIResponse(responseCode = "404", description = "no such course")
    public Uni<Response> confirm(@PathParam("courseId") String courseId, @Valid @NotNull QualifierConfirmation confirmation) {
        return respond(checks.confirmQualifier(courseId, confirmation.qualifier()));
    }

    private static Uni<Response> respond(Uni<List<DoseAlertRecord>> raised) {
        return raised.map(rows -> Response.ok(Map.of("raised", Raised.of(rows))).build())
                .onFailure(CourseChecks.UnknownCourse.class)
                .recoverWithItem(e -> Response.status(404).entity(Map.of("problems", List.of(e.getMessage()))).build())
                .onFailure(IllegalArgumentException.class)
                .recoverWithItem(e -> Response.status(404).entity(Map.of("problems", List.of(e.getMessage()))).build());
    }
}
