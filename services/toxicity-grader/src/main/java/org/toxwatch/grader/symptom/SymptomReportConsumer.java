package org.toxwatch.grader.symptom;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.toxwatch.resilience.retry.OutageRetries;
import org.toxwatch.resilience.retry.RetryThroughOutage;
import org.toxwatch.ctcae.pro.AnswersRefusedException;
import org.toxwatch.grader.grading.ObservationGrading;
import org.toxwatch.grader.messaging.OnceOnlyGrading;
import org.toxwatch.grader.messaging.GraderMetrics;
import org.toxwatch.grader.messaging.RefusedInput;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Symptom report in, graded adverse event out. A grade NCI does not define for the term, or PRO-CTCAE answers with one
 * missing, becomes a NOT_GRADABLE event with the reason (visible downstream); an unknown term, PRO-CTCAE answers that
 * cannot be used (unknown item, a question the item does not ask, an item without a CTCAE term) or an unreadable
 * message is dead-lettered with its reason code. A re-sent report (same reportId) re-publishes its stored event.
 */
@ApplicationScoped
public class SymptomReportConsumer {

    private final ObjectMapper json;
    private final Validator validator;
    private final ObservationGrading grading;
    private final OnceOnlyGrading once;
    private final GraderMetrics metrics;
    private final RetryThroughOutage outages;

    public SymptomReportConsumer(ObjectMapper json, Validator validator, ObservationGrading grading, OnceOnlyGrading once,
            GraderMetrics metrics, OutageRetries retries) {
        this.outages = retries.forChannel("symptom-reports");
        this.json = json;
        this.validator = validator;
        this.grading = grading;
        this.once = once;
        this.metrics = metrics;
    }

    @Incoming("symptom-reports")
    public Uni<Void> onReport(String payload) {
        SymptomReport report;
        try {
            report = json.readValue(payload, SymptomReport.class);
        } catch (Exception e) {
            return reject("MALFORMED_REPORT", "not a symptom-report.v1 message: " + e.getMessage());
        }
        if (report == null) {
            return reject("MALFORMED_REPORT", "the message is the JSON null, not a symptom report");
        }
        Set<ConstraintViolation<SymptomReport>> violations = validator.validate(report);
        if (!violations.isEmpty()) {
            ConstraintViolation<SymptomReport> first = violations.iterator().next();
            return reject("INVALID_REPORT", first.getPropertyPath() + " " + first.getMessage());
        }
        try {
            report.requireUsableAnswers();
        } catch (AnswersRefusedException e) {
            return reject(e.reason().name(), e.detail());
        }
        return outages.run(() -> once.gradeOnce(report.observationId(), "1", earlier -> grading.gradeReport(report, earlier)))
                .onFailure(e -> e instanceof IllegalArgumentException && !(e instanceof RefusedInput))
                .transform(e -> metrics.refused("UNKNOWN_TERM", e.getMessage()))
                .onFailure(GraderMetrics::unexpected).transform(metrics::processingFailed);
    }

    private Uni<Void> reject(String reason, String detail) {
        return Uni.createFrom().failure(metrics.refused(reason, detail));
    }
}
