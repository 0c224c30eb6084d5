package org.toxwatch.grader.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.toxwatch.grader.course.CourseRecord;
import org.toxwatch.grader.security.Roles;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Lets operators (and the demo) see whether the grader has received a course yet: grading depends on it.
 *
 * <p>Who may: {@code GET /treatment-courses/{courseId}} — viewer, nurse, oncologist, pharmacist and integration (the
 * order system checking its course arrived); not patient.
 */
@Path("/treatment-courses")
@RolesAllowed({Roles.VIEWER, Roles.NURSE, Roles.ONCOLOGIST, Roles.PHARMACIST, Roles.INTEGRATION})
public class KnownCourseResource {

    @GET
    @Path("/{courseId}")
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    public Uni<Response> course(@PathParam("courseId") String courseId) {
        return CourseRecord.<CourseRecord>findById(courseId)
                .map(row -> row == null
                        ? Response.status(Response.Status.NOT_FOUND).build()
                        : Response.ok(row.course).build());
    }
}
