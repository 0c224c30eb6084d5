package org.toxwatch.advisor.monitoring;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.toxwatch.advisor.alerting.DoseAlertRecord;
import org.toxwatch.advisor.lifecycle.Actor;
import org.toxwatch.advisor.security.Roles;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * What a ward asks of a course besides its results: check the labs before a cycle, confirm a clinical qualifier.
 *
 * <p>Who may (bearer token, roles in {@code groups}):
 * <table>
 * <caption>roles per endpoint</caption>
 * <tr><th>endpoint</th><th>viewer</th><th>nurse</th><th>oncologist, pharmacist</th><th>integration</th></tr>
 * <tr><td>POST .../cycles/{cycle}/pre-cycle-check</td><td>no</td><td>yes</td><td>yes</td><td>no</td></tr>
 * <tr><td>POST .../qualifiers</td><td>no</td><td>no</td><td>yes</td><td>no</td></tr>
 * </table>
 * A qualifier is a clinical judgement that can complete a resume criterion, so only those who may override advice
 * may confirm one; who did is taken from the token.
 */
@Path("/treatment-courses/{courseId}")
@Tag(name = "Treatment courses")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class CourseMonitoringResource {

    private static final Logger LOG = Logger.getLogger(CourseMonitoringResource.class);
    private static final Set<String> MAY_CONFIRM = Set.of(Roles.ONCOLOGIST, Roles.PHARMACIST);

    /** A qualifier only a clinician knows, e.g. {@code despite-optimal-antihypertensive-therapy}; who confirms is the token's. */
    public record QualifierConfirmation(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,99}") String qualifier) {
    }

    /** An alert or notice the request raised. */
    public record Raised(String alertId, String type, String drug, String ruleId) {
        static List<Raised> of(List<DoseAlertRecord> rows) {
            return rows.stream().map(r -> new Raised(r.alertId.toString(), r.alertType, r.drug, r.ruleId)).toList();
        }
    }

    private final CourseChecks checks;
    private final SecurityIdentity identity;

    public CourseMonitoringResource(CourseChecks checks, SecurityIdentity identity) {
        this.checks = checks;
        this.identity = identity;
    }

    @POST
    @Path("/cycles/{cycle}/pre-cycle-check")
    @RolesAllowed({Roles.NURSE, Roles.ONCOLOGIST, Roles.PHARMACIST})
    @Operation(summary = "Check the pre-cycle labs before a planned cycle now (the scheduler does it the day before; nurse, oncologist, pharmacist)")
    @APIResponse(responseCode = "200", description = "checked; the alerts it raised (none when already checked)")
    @APIResponse(responseCode = "404", description = "no such course, or the course plans no such cycle")
    public Uni<Response> preCycleCheck(@PathParam("courseId") String courseId, @PathParam("cycle") @Positive int cycle) {
        return respond(checks.beforeCycle(courseId, cycle));
    }

    @POST
    @Path("/qualifiers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ONCOLOGIST, Roles.PHARMACIST})
    @Operation(summary = "Confirm a qualifier for the course (e.g. despite-optimal-antihypertensive-therapy; oncologist, pharmacist)")
    @APIResponse(responseCode = "200", description = "confirmed; the alerts it raised")
    @APIResponse(responseCode = "404", description = "no such course")
    public Uni<Response> confirm(@PathParam("courseId") String courseId, @Valid @NotNull QualifierConfirmation confirmation) {
        Actor actor = Actor.person(identity.getPrincipal().getName(), Roles.actingRole(identity, MAY_CONFIRM)
                .orElseThrow(() -> new IllegalStateException("no allowed role passed the role check")));
        // not stored with the course watch yet: the log keeps who confirmed what (once the course is known to exist)
        return respond(checks.confirmQualifier(courseId, confirmation.qualifier()).invoke(raised -> LOG.infof(
                "qualifier %s confirmed for course %s by %s", confirmation.qualifier(), courseId, actor.id())));
    }

    private static Uni<Response> respond(Uni<List<DoseAlertRecord>> raised) {
        return raised.map(rows -> Response.ok(Map.of("raised", Raised.of(rows))).build())
                .onFailure(CourseChecks.UnknownQualifier.class)
                .recoverWithItem(e -> Response.status(400).entity(Map.of("problems", List.of(e.getMessage()))).build())
                .onFailure(CourseChecks.UnknownCourse.class)
                .recoverWithItem(e -> Response.status(404).entity(Map.of("problems", List.of(e.getMessage()))).build())
                .onFailure(IllegalArgumentException.class)
                .recoverWithItem(e -> Response.status(404).entity(Map.of("problems", List.of(e.getMessage()))).build());
    }
}
