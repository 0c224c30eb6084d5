package org.toxwatch.grader.symptom;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.GradingStatus;
import org.toxwatch.grader.grading.ObservationGrading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Where a ward enters a symptom grade. The grade is checked at once against the grades NCI defines for the term under
 * the patient's CTCAE version, so the nurse hears "Fatigue has no grade 4" while still at the bedside; an accepted
 * report is published on {@code symptom.reports.v1} and graded there (202 Accepted).
 */
@Path("/symptom-reports")
public class SymptomReportResource {

    private final ObservationGrading grading;
    private final SymptomReportPublisher publisher;
    private final ObjectMapper json;

    public SymptomReportResource(ObservationGrading grading, SymptomReportPublisher publisher, ObjectMapper json) {
        this.grading = grading;
        this.publisher = publisher;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    public Uni<Response> report(@Valid @NotNull SymptomReport report) {
        return grading.checkReport(report).chain(check -> {
            if (check.isEmpty()) {
                return Uni.createFrom().item(problem("CTCAE has no term '" + report.term() + "'"));
            }
            Grading grading = check.get();
            if (grading.status() == GradingStatus.NOT_GRADABLE) {
                return Uni.createFrom().item(problem(grading.explanation()));
            }
            return publisher.publish(report, toJson(report)).replaceWith(Response.accepted(Map.of(
                    "reportId", report.reportId(), "term", grading.term(), "grade", grading.grade(),
                    "ctcaeVersion", grading.ctcaeVersion())).build());
        });
    }

    private static Response problem(String problem) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("problems", List.of(problem))).build();
    }

    private String toJson(SymptomReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a symptom report", e);
        }
    }
}
