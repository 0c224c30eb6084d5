package org.toxwatch.advisor.monitoring;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.toxwatch.advisor.course.CourseRecord;
import org.toxwatch.advisor.course.TreatmentCourse;
import org.toxwatch.regimens.RegimenCatalog;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The day-before check: cycles planned to start within {@code toxwatch.pre-cycle.days-before} days of today (the
 * ward's calendar, the machine's clock: this is a reminder, like an escalation timer) get their pre-cycle check, once.
 * What the check decides depends only on the stored results, so a replay gives the same answer.
 */
@ApplicationScoped
public class PreCycleSchedule {

    private static final Logger LOG = Logger.getLogger(PreCycleSchedule.class);

    private final CourseChecks checks;
    private final RegimenCatalog catalog;
    private final ObjectMapper json;
    private final int daysBefore;

    public PreCycleSchedule(CourseChecks checks, RegimenCatalog catalog, ObjectMapper json,
            @ConfigProperty(name = "toxwatch.pre-cycle.days-before", defaultValue = "1") int daysBefore) {
        this.checks = checks;
        this.catalog = catalog;
        this.json = json;
        this.daysBefore = daysBefore;
    }

    @Scheduled(identity = "pre-cycle-check", every = "${toxwatch.pre-cycle.check-every:15m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> checkUpcomingCycles() {
        LocalDate today = LocalDate.now(catalog.calendarZone());
        return Panache.withSession(() -> CourseRecord.<CourseRecord>listAll())
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToMultiAndConcatenate(row -> Multi.createFrom().iterable(read(row.course).cycles())
                        .filter(cycle -> !cycle.plannedStart().isBefore(today)
                                && !cycle.plannedStart().isAfter(today.plusDays(daysBefore)))
                        .map(cycle -> new Object[] {row.courseId, cycle.number()}))
                .onItem().transformToUniAndConcatenate(due -> checks.beforeCycle((String) due[0], (Integer) due[1])
                        .onFailure().invoke(e -> LOG.errorf(e, "pre-cycle check of a course failed; the next run tries again"))
                        .onFailure().recoverWithNull())
                .collect().last()
                .onFailure().invoke(e -> LOG.errorf(e, "pre-cycle checks failed; the next run tries again"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private TreatmentCourse read(String course) {
        try {
            return json.readValue(course, TreatmentCourse.class);
        } catch (Exception e) {
            throw new IllegalStateException("a stored course is unreadable", e);
        }
    }
}
