package org.toxwatch.grader.symptom;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
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
import org.toxwatch.grader.security.Roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Where a ward enters a symptom grade, or a patient app sends PRO-CTCAE answers. The grade is checked at once against
 * the grades NCI defines for the term under the patient's CTCAE version, so the nurse hears "Fatigue has no grade 4"
 * while still at the bedside; PRO-CTCAE answers are turned into their suggested grade at once, so the app hears about
 * a missing or impossible answer while the patient is still there. An accepted report is published on
 * {@code symptom.reports.v1} and graded there (202 Accepted); each refusal is counted by reason.
 *
 * <p>Who may (bearer token, roles in {@code groups}); the report's {@code reporterRole} must be what the token says:
 * <table>
 * <caption>roles of POST /symptom-reports</caption>
 * <tr><th>role</th><th>may send</th></tr>
 * <tr><td>nurse, oncologist, pharmacist</td><td>reports with their own role as reporterRole, for any patient</td></tr>
 * <tr><td>patient</td><td>reporterRole patient, only for the patient the token names ({@code upn} = patientId)</td></tr>
 * <tr><td>integration</td><td>reporterRole patient (a patient app relaying its patients' answers)</td></tr>
 * <tr><td>viewer</td><td>nothing (403)</td></tr>
 * </table>
 * A report the token does not cover is 403 with the reason, after the body was found valid (400 first).
 */
@Path("/symptom-reports")
@RolesAllowed({Roles.NURSE, Roles.ONCOLOGIST, Roles.PHARMACIST, Roles.PATIENT, Roles.INTEGRATION})
public class SymptomReportResource {

    private final ObservationGrading grading;
    private final SymptomReportPublisher publisher;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final SecurityIdentity identity;

    public SymptomReportResource(ObservationGrading grading, SymptomReportPublisher publisher, ObjectMapper json,
            MeterRegistry registry, SecurityIdentity identity) {
        this.grading = grading;
        this.publisher = publisher;
        this.json = json;
        this.registry = registry;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    public Uni<Response> report(@Valid @NotNull SymptomReport report) {
        Optional<String> forbidden = notCoveredByToken(report);
        if (forbidden.isPresent()) {
            return Uni.createFrom().item(Response.status(Response.Status.FORBIDDEN)
                    .entity(Map.of("problems", List.of(forbidden.get()))).build());
        }
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

    /** Why the token may not send this report; empty when it may. */
    private Optional<String> notCoveredByToken(SymptomReport report) {
        String reporter = report.reporterRole().name();
        if (report.reporterRole() == SymptomReport.ReporterRole.patient) {
            if (identity.hasRole(Roles.INTEGRATION)) {
                return Optional.empty();
            }
            if (identity.hasRole(Roles.PATIENT)) {
                // a patient's token names them: they report their own symptoms, nobody else's
                return identity.getPrincipal().getName().equals(report.patientId()) ? Optional.empty()
                        : Optional.of("a patient may only report their own symptoms: the token is not patient "
                                + report.patientId() + "'s");
            }
        } else if (identity.hasRole(reporter)) {
            return Optional.empty();
        }
        return Optional.of("reporterRole " + reporter + " is not a role of the token (" + String.join(",",
                identity.getRoles().stream().sorted().toList()) + ")");
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
