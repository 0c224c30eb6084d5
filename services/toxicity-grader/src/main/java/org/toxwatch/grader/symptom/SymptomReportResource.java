package org.toxwatch.grader.symptom;

import java.util.LinkedHashMap;
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
import org.toxwatch.ctcae.pro.AnswersRefusedException;
import org.toxwatch.grader.grading.ObservationGrading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Where a ward enters a symptom grade, or a patient app sends PRO-CTCAE answers. The grade is checked at once against
 * the grades NCI defines for the term under the patient's CTCAE version, so the nurse hears "Fatigue has no grade 4"
 * while still at the bedside; PRO-CTCAE answers are turned into their suggested grade at once, so the app hears about
 * a missing or impossible answer while the patient is still there. An accepted report is published on
 * {@code symptom.reports.v1} and graded there (202 Accepted); each refusal is counted by reason.
 */
@Path("/symptom-reports")
public class SymptomReportResource {

    private final ObservationGrading grading;
    private final SymptomReportPublisher publisher;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    public SymptomReportResource(ObservationGrading grading, SymptomReportPublisher publisher, ObjectMapper json,
            MeterRegistry registry) {
        this.grading = grading;
        this.publisher = publisher;
        this.json = json;
        this.registry = registry;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    public Uni<Response> report(@Valid @NotNull SymptomReport report) {
        try {
            report.requireUsableAnswers();
        } catch (AnswersRefusedException e) {
            return Uni.createFrom().item(refused(e.reason().name(), e.getMessage()));
        }
        return grading.checkReport(report).chain(check -> {
            if (check.isEmpty()) {
                return Uni.createFrom().item(refused("UNKNOWN_TERM", "CTCAE has no term '" + report.term() + "'"));
            }
            Grading grading = check.get();
            if (grading.status() == GradingStatus.NOT_GRADABLE) {
                return Uni.createFrom().item(refused("NOT_GRADABLE", grading.explanation()));
            }
            Map<String, Object> accepted = new LinkedHashMap<>();
            accepted.put("reportId", report.reportId());
            accepted.put("term", grading.term());
            accepted.put("grade", grading.grade());
            accepted.put("ctcaeVersion", grading.ctcaeVersion());
            if (report.proCtcae() != null) {
                accepted.put("suggestedFrom", "PRO-CTCAE");
                accepted.put("explanation", grading.explanation());
            }
            return publisher.publish(report, toJson(report)).replaceWith(Response.accepted(accepted).build());
        });
    }

    private Response refused(String reason, String problem) {
        registry.counter("toxwatch.symptom.reports.refused", "service", "toxicity-grader", "reason", reason).increment();
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
