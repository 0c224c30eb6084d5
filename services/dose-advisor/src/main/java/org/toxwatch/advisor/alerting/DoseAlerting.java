package org.toxwatch.advisor.alerting;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.toxwatch.advisor.course.CourseRecord;
import org.toxwatch.advisor.course.TreatmentCourse;
import org.toxwatch.advisor.lifecycle.AlertLifecycle;
import org.toxwatch.regimens.RegimenCatalog;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.DoseEvaluation;
import org.toxwatch.regimens.advice.RuleNotEvaluable;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.course.PlannedCycle;
import org.toxwatch.regimens.finding.Finding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Applies the regimen rule catalog to one graded adverse event, in the context of the patient's course, and stores the
 * resulting alerts (with the assessment itself, so a "no action" outcome is auditable too). Runs inside the caller's
 * transaction.
 */
@ApplicationScoped
public class DoseAlerting {

    private final RegimenCatalog catalog;
    private final ObjectMapper json;
    private final AdvisorMetrics metrics;
    private final AlertLifecycle lifecycle;

    public DoseAlerting(RegimenCatalog catalog, ObjectMapper json, AdvisorMetrics metrics, AlertLifecycle lifecycle) {
        this.catalog = catalog;
        this.json = json;
        this.metrics = metrics;
        this.lifecycle = lifecycle;
    }

    public Uni<List<DoseAlertRecord>> assess(GradedAdverseEvent event) {
        Uni<CourseRecord> course = event.courseId() == null
                ? Uni.createFrom().nullItem()
                : CourseRecord.findById(event.courseId());
        return course.chain(row -> {
            if (row == null) {
                // graded without a course (e.g. labs before the ward registered the course): nothing to advise on
                return assessment(event, AssessedEvent.Outcome.NO_COURSE, null).persist()
                        .replaceWith(List.<DoseAlertRecord>of());
            }
            TreatmentCourse treatment = read(row.course);
            DoseEvaluation evaluation = catalog.evaluate(snapshot(treatment), finding(event));
            List<DoseAlertRecord> alerts = evaluation.advice().stream()
                    .map(advice -> record(alert(event, treatment, advice)))
                    .toList();
            AssessedEvent.Outcome outcome = !alerts.isEmpty() ? AssessedEvent.Outcome.ALERTED
                    : evaluation.notEvaluable().isEmpty() ? AssessedEvent.Outcome.NO_ACTION
                    : AssessedEvent.Outcome.NOT_EVALUABLE;
            return assessment(event, outcome, notEvaluable(evaluation.notEvaluable())).persist()
                    .chain(() -> Multi.createFrom().iterable(alerts)
                            .onItem().transformToUniAndConcatenate(lifecycle::opened)
                            .collect().asList())
                    .replaceWith(alerts);
        });
    }

    /** Rules that could not be checked (no baseline, no ULN, ...): kept so a clinician can see what was not assessed. */
    private static String notEvaluable(List<RuleNotEvaluable> rules) {
        return rules.isEmpty() ? null
                : rules.stream().map(r -> r.drug() + " " + r.ruleId() + ": " + r.reason())
                        .collect(Collectors.joining("\n"));
    }

    private AssessedEvent assessment(GradedAdverseEvent event, AssessedEvent.Outcome outcome, String notEvaluable) {
        metrics.assessed(outcome);
        AssessedEvent row = new AssessedEvent();
        row.notEvaluable = notEvaluable;
        row.eventId = event.eventId();
        row.patientId = event.patientId();
        row.courseId = event.courseId();
        row.outcome = outcome;
        row.assessedAt = Instant.now();
        return row;
    }

    private static CourseSnapshot snapshot(TreatmentCourse course) {
        Map<String, Integer> levels = course.drugs().stream()
                .collect(Collectors.toMap(TreatmentCourse.CourseDrug::drug, TreatmentCourse.CourseDrug::doseLevel));
        List<PlannedCycle> cycles = course.cycles().stream()
                .map(c -> new PlannedCycle(c.number(), c.plannedStart()))
                .toList();
        return new CourseSnapshot(course.courseId(), course.patientId(), course.bodyWeightKg(),
                Boolean.TRUE.equals(course.hccLiverInvolvement()), cycles, levels);
    }

    private static Finding finding(GradedAdverseEvent event) {
        return new Finding(event.term(), event.ctcaeVersion(), event.grade(), event.analyte(), event.value(), event.unit(),
                event.lowerLimit(), event.upperLimit(), event.baselineValue(), event.baselineUpperLimit(), event.effectiveTime(),
                event.explanation());
    }

    private static DoseAlert alert(GradedAdverseEvent event, TreatmentCourse course, DoseAdvice advice) {
        UUID alertId = UUID.nameUUIDFromBytes(String.join("|", "dose-alert", event.eventId().toString(), advice.drug(),
                advice.rule().id()).getBytes(StandardCharsets.UTF_8));
        return new DoseAlert(
                alertId,
                typeOf(advice.action().name()),
                event.patientId(),
                course.courseId(),
                event.cycleNumber(),
                advice.drug(),
                advice.action().name(),
                new DoseAlert.Rule(advice.rule().id(), advice.rule().text(), advice.rule().source(),
                        advice.rule().sourceKind(), advice.rule().verified(), advice.rule().csvLine(),
                        advice.rule().decidedBy()),
                advice.currentLevel() == null ? null
                        : new DoseAlert.DoseLevel(advice.currentLevel().level(), advice.currentLevel().dose()),
                advice.recommendedLevel() == null ? null
                        : new DoseAlert.DoseLevel(advice.recommendedLevel().level(), advice.recommendedLevel().dose()),
                advice.resumeWhen(),
                new DoseAlert.Trigger(event.eventId(), event.observationId(), event.term(), event.ctcaeVersion(),
                        event.grade(), event.value(), event.unit(), event.lowerLimit(), event.upperLimit(), event.baselineValue(),
                        event.explanation()),
                event.effectiveTime(),
                advice.explanation(),
                1);
    }

    /** HOLD and HOLD_AND_REDUCE are both a hold now; the reduction shows in recommendedDoseLevel for the restart. */
    static DoseAlert.AlertType typeOf(String action) {
        return switch (action) {
            case "HOLD", "HOLD_AND_REDUCE" -> DoseAlert.AlertType.DOSE_HOLD;
            case "REDUCE" -> DoseAlert.AlertType.DOSE_REDUCE;
            case "DELAY_CYCLE" -> DoseAlert.AlertType.DELAY_CYCLE;
            case "DISCONTINUE" -> DoseAlert.AlertType.DISCONTINUE;
            default -> throw new IllegalArgumentException("action " + action + " does not raise an alert");
        };
    }

    private DoseAlertRecord record(DoseAlert alert) {
        metrics.alerted(alert.drug(), alert.type());
        DoseAlertRecord row = new DoseAlertRecord();
        row.alertId = alert.alertId();
        row.eventId = alert.trigger().eventId();
        row.patientId = alert.patientId();
        row.courseId = alert.courseId();
        row.drug = alert.drug();
        row.alertType = alert.type().name();
        row.ruleId = alert.rule().id();
        row.effectiveTime = alert.effectiveTime();
        try {
            row.alert = json.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a dose alert", e);
        }
        return row;
    }

    private TreatmentCourse read(String course) {
        try {
            return json.readValue(course, TreatmentCourse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored course is unreadable", e);
        }
    }
}
