package org.toxwatch.advisor.course;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.toxwatch.advisor.config.DuplicateKeyRetry;
import org.toxwatch.advisor.security.Roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Treatment courses enter here. The course is stored, then published on {@code treatment.courses.v1} (compacted, keyed
 * by patient) for the grader; the response returns once both are done. PUT because a ward re-sends the whole course.
 *
 * <p>Who may (bearer token, roles in {@code groups}):
 * <table>
 * <caption>roles per endpoint</caption>
 * <tr><th>endpoint</th><th>integration</th><th>viewer, nurse, oncologist, pharmacist</th></tr>
 * <tr><td>PUT /treatment-courses/{courseId}</td><td>yes</td><td>no</td></tr>
 * <tr><td>GET /treatment-courses/{courseId}</td><td>yes</td><td>yes</td></tr>
 * </table>
 * Courses come from the hospital's order system (role {@code integration}), the one place a course is prescribed: a
 * person changes a course there, not here, so the two cannot disagree.
 */
@Path("/treatment-courses")
@Tag(name = "Treatment courses")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class TreatmentCourseResource {

    private final CourseCheck check;
    private final CoursePublisher publisher;
    private final ObjectMapper json;

    public TreatmentCourseResource(CourseCheck check, CoursePublisher publisher, ObjectMapper json) {
        this.check = check;
        this.publisher = publisher;
        this.json = json;
    }

    @PUT
    @Path("/{courseId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INTEGRATION)
    @Operation(summary = "Create or replace a treatment course (integration: the hospital's order system)")
    @APIResponse(responseCode = "200", description = "stored and published")
    @APIResponse(responseCode = "400", description = "invalid course, with the problems listed")
    @APIResponse(responseCode = "401", description = "no valid bearer token")
    @APIResponse(responseCode = "403", description = "the token's role may not send courses")
    public Uni<Response> put(@PathParam("courseId") String courseId, @Valid @NotNull TreatmentCourse course) {
        if (!courseId.equals(course.courseId())) {
            return Uni.createFrom().item(problems(List.of("courseId in the path and in the body differ")));
        }
        CourseCheck.Outcome outcome = check.check(course);
        if (!outcome.problems().isEmpty()) {
            return Uni.createFrom().item(problems(outcome.problems()));
        }
        TreatmentCourse accepted = outcome.course();
        String message = toJson(accepted);
        // a PUT racing another for the same new course reads the winner's row on its retry (no 500)
        return DuplicateKeyRetry.retried(() -> Panache.withTransaction(() -> CourseRecord.<CourseRecord>findById(courseId)
                .chain(existing -> {
                    if (existing != null && !existing.patientId.equals(accepted.patientId())) {
                        return Uni.createFrom().item(false);
                    }
                    CourseRecord row = existing != null ? existing : new CourseRecord();
                    row.courseId = courseId;
                    row.patientId = accepted.patientId();
                    row.course = message;
                    row.updatedAt = Instant.now();
                    return row.persist().replaceWith(true);
                })))
                // publish after commit: if publishing fails the client sees an error and repeats the (idempotent) PUT
                .chain(stored -> stored
                        ? publisher.publish(accepted, message).replaceWith(Response.ok(message).build())
                        : Uni.createFrom().item(problems(List.of("course " + courseId + " belongs to another patient"))));
    }

    @GET
    @Path("/{courseId}")
    @RolesAllowed({Roles.INTEGRATION, Roles.VIEWER, Roles.NURSE, Roles.ONCOLOGIST, Roles.PHARMACIST})
    @Operation(summary = "Read a treatment course (integration, viewer, nurse, oncologist, pharmacist)")
    @APIResponse(responseCode = "200", description = "the course")
    @APIResponse(responseCode = "404", description = "no such course")
    @WithSession
    public Uni<Response> get(@PathParam("courseId") String courseId) {
        return CourseRecord.<CourseRecord>findById(courseId)
                .map(row -> row == null ? Response.status(Response.Status.NOT_FOUND).build() : Response.ok(row.course).build());
    }

    private static Response problems(List<String> problems) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("problems", problems)).build();
    }

    private String toJson(TreatmentCourse course) {
        try {
            return json.writeValueAsString(course);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a course", e);
        }
    }
}
