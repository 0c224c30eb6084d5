package org.toxwatch.cli.replay;

import org.toxwatch.cli.replay.ReplayedAlert.Decision;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.course.PlannedCycle;
import org.toxwatch.regimens.monitoring.AlertDecision;
import org.toxwatch.regimens.monitoring.CourseMonitor;
import org.toxwatch.regimens.monitoring.CourseWatch;
import org.toxwatch.regimens.monitoring.MonitorStep;
import org.toxwatch.regimens.precycle.LabRequirement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Replays a cohort's graded events through a fresh {@link CourseMonitor} of one rule set, course by course, and keeps
 * every page it would have sent. The monitor is the advisor's own, so a replay with the rules in force gives the
 * alerts the ward got.
 *
 * <p>Per course, in replay order ({@link Cohort#inReplayOrder}):
 * <ol>
 *   <li>before the first event dated on or after a cycle's planned start (ward calendar of the rule set), that cycle's
 *       pre-cycle check runs on the findings seen so far. It stands for the ward's check the day before the cycle;
 *       a cycle that no event reaches is not checked;</li>
 *   <li>an event that supersedes another (a corrected result) first withdraws the one it replaces, then is read as a
 *       finding; a RETRACTED event only withdraws;</li>
 *   <li>every other event is read as a finding, NOT_GRADABLE ones too (the rules report them not evaluable).</li>
 * </ol>
 */
final class CohortReplay {

    private final CourseMonitor monitor;
    private final ZoneId wardCalendar;

    CohortReplay(RuleSet rules) {
        this.monitor = new CourseMonitor(rules.catalog());
        this.wardCalendar = rules.catalog().calendarZone();
    }

    List<ReplayedAlert> replay(Cohort cohort) {
        var pages = new ArrayList<ReplayedAlert>();
        for (CohortCourse course : cohort.courses()) {
            pages.addAll(replay(course.snapshot(), cohort.eventsOf(course.courseId())));
        }
        return pages;
    }

    private List<ReplayedAlert> replay(CourseSnapshot course, List<CohortEvent> events) {
        var pages = new ArrayList<ReplayedAlert>();
        var conditionOf = new HashMap<UUID, String>();
        var retracted = new HashSet<UUID>();
        var checkedCycles = new HashSet<Integer>();
        CourseWatch watch = CourseWatch.empty();
        for (CohortEvent event : events) {
            LocalDate day = LocalDate.ofInstant(event.effectiveTime(), wardCalendar);
            for (PlannedCycle cycle : course.cycles()) {
                if (!cycle.plannedStart().isAfter(day) && checkedCycles.add(cycle.number())) {
                    MonitorStep step = monitor.beforeCycle(course, watch, cycle.number());
                    watch = step.watch();
                    Instant dayOne = cycle.plannedStart().atStartOfDay(wardCalendar).toInstant();
                    record(step, course, cycle.number(), dayOne, pages, conditionOf, retracted);
                }
            }
            if (event.retraction() || event.supersedes() != null) {
                MonitorStep step = monitor.onRetraction(watch,
                        (event.retraction() ? event.withdrawn() : event.supersedes()).toString());
                watch = step.watch();
                record(step, course, event.cycleNumber(), event.effectiveTime(), pages, conditionOf, retracted);
            }
            if (!event.retraction()) {
                MonitorStep step = monitor.onFinding(course, watch, event.eventId().toString(), event.finding());
                watch = step.watch();
                record(step, course, event.cycleNumber(), event.effectiveTime(), pages, conditionOf, retracted);
            }
        }
        return pages.stream().map(page -> retracted.contains(page.alertId()) ? page.asRetracted() : page).toList();
    }

    private static void record(MonitorStep step, CourseSnapshot course, Integer cycle, Instant time,
            List<ReplayedAlert> pages, Map<UUID, String> conditionOf, Set<UUID> retracted) {
        for (AlertDecision decision : step.decisions()) {
            if (decision instanceof AlertDecision.Open open) {
                conditionOf.put(open.alertId(), open.conditionKey());
                pages.add(new ReplayedAlert(course.patientId(), course.courseId(), cycle, open.advice().drug(),
                        Decision.OPEN, open.advice().action().name(), open.advice().rule().id(), open.conditionKey(),
                        open.triggerEventId(), time, open.alertId(), open.advice().explanation(), false));
            } else if (decision instanceof AlertDecision.Worsen worse) {
                pages.add(new ReplayedAlert(course.patientId(), course.courseId(), cycle, worse.advice().drug(),
                        Decision.WORSEN, worse.advice().action().name(), worse.advice().rule().id(), worse.conditionKey(),
                        worse.triggerEventId(), time, worse.alertId(), worse.advice().explanation(), false));
            } else if (decision instanceof AlertDecision.ResumeEligible resume) {
                String held = conditionOf.getOrDefault(resume.heldAlertId(), resume.drug() + "|" + resume.heldAlertId());
                pages.add(new ReplayedAlert(course.patientId(), course.courseId(), cycle, resume.drug(),
                        Decision.RESUME_ELIGIBLE, "", resume.check().ruleId(), held, resume.triggerEventId(), time,
                        resume.alertId(), resume.check().explanation(), false));
            } else if (decision instanceof AlertDecision.LabsRequired labs) {
                String rules = labs.missing().stream().map(LabRequirement::ruleId).distinct().sorted()
                        .collect(Collectors.joining("+"));
                String missing = labs.missing().stream().map(LabRequirement::describe).collect(Collectors.joining("; "));
                conditionOf.put(labs.alertId(), labs.conditionKey());
                pages.add(new ReplayedAlert(course.patientId(), course.courseId(), labs.cycleNumber(), labs.drug(),
                        Decision.LABS_REQUIRED, "", rules, labs.conditionKey(),
                        "pre-cycle|" + course.courseId() + "|" + labs.cycleNumber(), time, labs.alertId(),
                        "labs required before cycle " + labs.cycleNumber() + ": " + missing, false));
            } else if (decision instanceof AlertDecision.Retract retract) {
                retracted.add(retract.alertId());
            }
            // Absorb and LabsArrived page no one
        }
    }
}
