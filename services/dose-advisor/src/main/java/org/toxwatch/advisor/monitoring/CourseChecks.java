package org.toxwatch.advisor.monitoring;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.toxwatch.advisor.alerting.DoseAlertPublisher;
import org.toxwatch.advisor.alerting.DoseAlertRecord;
import org.toxwatch.advisor.alerting.DoseAlerting;
import org.toxwatch.advisor.config.DuplicateKeyRetry;
import org.toxwatch.advisor.course.CourseRecord;
import org.toxwatch.advisor.course.TreatmentCourse;
import org.toxwatch.advisor.lifecycle.AlertLifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Course inputs that are not graded events: the pre-cycle check before a planned cycle and a clinician's confirmation
 * of a qualifier. Each runs in its own transaction; its alerts and lifecycle transitions are published after commit.
 */
@ApplicationScoped
public class CourseChecks {

    /** The course does not exist. */
    public static final class UnknownCourse extends RuntimeException {
        public UnknownCourse(String courseId) {
            super("no treatment course " + courseId);
        }
    }

    /** No rule of the course names the qualifier: a 400, nothing is stored. */
    public static final class UnknownQualifier extends RuntimeException {
        public UnknownQualifier(String message) {
            super(message);
        }
    }

    private final DoseAlerting alerting;
    private final DoseAlertPublisher alerts;
    private final AlertLifecycle lifecycle;
    private final ObjectMapper json;

    public CourseChecks(DoseAlerting alerting, DoseAlertPublisher alerts, AlertLifecycle lifecycle, ObjectMapper json) {
        this.alerting = alerting;
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.json = json;
    }

    public Uni<List<DoseAlertRecord>> beforeCycle(String courseId, int cycleNumber) {
        return run(courseId, course -> alerting.checkBeforeCycle(course, cycleNumber),
                DoseAlerting.preCycleCause(courseId, cycleNumber));
    }

    public Uni<List<DoseAlertRecord>> confirmQualifier(String courseId, String qualifierId) {
        UUID confirmation = UUID.randomUUID();
        return run(courseId, course -> {
            Set<String> known = alerting.qualifiersOf(course);
            if (!known.contains(qualifierId)) {
                return Uni.createFrom().failure(new UnknownQualifier("no rule of course " + courseId + " names the"
                        + " qualifier " + qualifierId + "; its rules name " + known));
            }
            return alerting.confirmQualifier(course, qualifierId, confirmation);
        }, confirmation);
    }

    private Uni<List<DoseAlertRecord>> run(String courseId,
            java.util.function.Function<TreatmentCourse, Uni<List<DoseAlertRecord>>> check, UUID cause) {
        // two checks of one course at once: the one that lost the race to store the watch or an alert runs again
        return DuplicateKeyRetry.retried(() -> Panache.withTransaction(() -> CourseRecord.<CourseRecord>findById(courseId)
                .chain(row -> {
                    if (row == null) {
                        return Uni.createFrom().failure(new UnknownCourse(courseId));
                    }
                    return check.apply(read(row.course));
                })))
                .call(opened -> Multi.createFrom().iterable(opened)
                        .onItem().transformToUniAndConcatenate(alerts::publish).collect().last())
                .call(() -> lifecycle.publishCausedBy(cause));
    }

    private TreatmentCourse read(String course) {
        try {
            return json.readValue(course, TreatmentCourse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored course is unreadable", e);
        }
    }
}
