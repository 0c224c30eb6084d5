package org.toxwatch.advisor.alerting;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.toxwatch.advisor.course.CourseRecord;
import org.toxwatch.advisor.course.TreatmentCourse;
import org.toxwatch.advisor.lifecycle.AlertLifecycle;
import org.toxwatch.advisor.monitoring.CourseWatches;
import org.toxwatch.advisor.monitoring.GradedEventLogRecord;
import org.toxwatch.advisor.monitoring.StoredWatch;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.RuleNotEvaluable;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.course.PlannedCycle;
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.monitoring.AlertDecision;
import org.toxwatch.regimens.monitoring.CourseMonitor;
import org.toxwatch.regimens.monitoring.CourseWatch;
import org.toxwatch.regimens.monitoring.MonitorStep;
import org.toxwatch.regimens.monitoring.RecordedFinding;
import org.toxwatch.regimens.precycle.LabRequirement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies the course monitor to one input of a course (a graded event, a pre-cycle check, a confirmed qualifier) and
 * stores what it decided: new alerts and notices (OPEN), worse grades on open alerts (WORSENED), repeats absorbed into
 * them (no page), retractions and labs that arrived. Also stores the assessment itself, so a "no action" outcome is
 * auditable. Runs inside the caller's transaction; the caller publishes the returned alerts and the lifecycle
 * transitions of the cause after the commit.
 */
@ApplicationScoped
public class DoseAlerting {

    private final CourseMonitor monitor;
    private final CourseWatches watches;
    private final ObjectMapper json;
    private final AdvisorMetrics metrics;
    private final AlertLifecycle lifecycle;

    public DoseAlerting(CourseMonitor monitor, CourseWatches watches, ObjectMapper json, AdvisorMetrics metrics,
            AlertLifecycle lifecycle) {
        this.monitor = monitor;
        this.watches = watches;
        this.json = json;
        this.metrics = metrics;
        this.lifecycle = lifecycle;
    }

    /**
     * What caused the decisions being stored: a graded event (the trigger), or a check without one (a pre-cycle check, a
     * confirmed qualifier), whose alerts then name the stored result they rest on ({@code basis}).
     */
    private record Cause(UUID id, TreatmentCourse course, GradedAdverseEvent event, Integer cycleNumber, Instant effectiveTime,
            RecordedFinding basis) {

        Cause(UUID id, TreatmentCourse course, GradedAdverseEvent event, Integer cycleNumber, Instant effectiveTime) {
            this(id, course, event, cycleNumber, effectiveTime, null);
        }

        Cause basedOn(RecordedFinding finding, java.time.ZoneId ward) {
            if (event != null || finding == null) {
                return this;
            }
            Instant at = effectiveTime != null ? effectiveTime : finding.finding().effectiveTime();
            Integer cycle = cycleNumber != null ? cycleNumber
                    : snapshot(course).cycleAt(LocalDate.ofInstant(finding.finding().effectiveTime(), ward))
                            .map(PlannedCycle::number).orElse(null);
            return new Cause(id, course, null, cycle, at, finding);
        }

        DoseAlert.Trigger trigger() {
            if (event != null) {
                return DoseAlerting.trigger(event);
            }
            if (basis == null) {
                return null;
            }
            Finding f = basis.finding();
            return new DoseAlert.Trigger(UUID.fromString(basis.eventId()), null, f.term(), f.ctcaeVersion(), f.grade(),
                    f.value(), f.unit(), f.lowerLimit(), f.upperLimit(), f.baseline(), f.explanation());
        }
    }

    /**
     * What assessing one graded event stored: the alerts it opened, and whether it recorded any alert transition (an
     * alert opened, worsened, retracted or resolved), which the caller publishes after the commit. Or, storing nothing,
     * why the event is refused.
     */
    public record Assessment(List<DoseAlertRecord> opened, boolean transitionsRecorded, RefusedInput refusal) {

        public Assessment(List<DoseAlertRecord> opened, boolean transitionsRecorded) {
            this(opened, transitionsRecorded, null);
        }

        static Assessment nothingChanged() {
            return new Assessment(List.of(), false);
        }

        static Assessment refused(RefusedInput refusal) {
            return new Assessment(List.of(), false, refusal);
        }

        static Assessment of(List<DoseAlertRecord> opened, List<AlertDecision> decisions) {
            // every decision but a repeat absorbed into an open alert records a transition
            return new Assessment(opened, decisions.stream().anyMatch(d -> !(d instanceof AlertDecision.Absorb)));
        }
    }

    /**
     * Assesses a graded event not assessed before, in the caller's transaction; {@code known} holds what its batch
     * found stored (its course among them) and learns what this event stores. An event naming another patient's course
     * is refused before anything is stored, so a batch can go on with the next event.
     */
    Uni<Assessment> assess(GradedAdverseEvent event, KnownEvents known) {
        CourseRecord course = known.courseOf(event);
        if (course != null && !course.patientId.equals(event.patientId())) {
            return Uni.createFrom().item(Assessment.refused(new RefusedInput("COURSE_OF_ANOTHER_PATIENT", "event "
                    + event.eventId() + " names course " + event.courseId() + ", which belongs to another patient")));
        }
        // logged first, as the event log is read: an event that names itself is found withdrawn by itself
        known.markLogged(event);
        known.markAssessed(event.eventId());
        boolean withdrawn = known.withdrawn(event.eventId());
        return log(event).chain(() -> {
            if (withdrawn) {
                // its correction or retraction overtook it: judging it now would page on a result already replaced
                return assessment(event, AssessedEvent.Outcome.SUPERSEDED, null, null).persist()
                        .replaceWith(Assessment.nothingChanged());
            }
            if (course == null) {
                // graded without a course (e.g. labs before the ward registered the course): nothing to advise on
                return assessment(event, AssessedEvent.Outcome.NO_COURSE, null, null).persist()
                        .replaceWith(Assessment.nothingChanged());
            }
            return assessWithCourse(event, course, known);
        });
    }

    private Uni<Assessment> assessWithCourse(GradedAdverseEvent event, CourseRecord row, KnownEvents known) {
        TreatmentCourse treatment = known.treatmentOf(row, stored -> read(stored, TreatmentCourse.class));
        var cause = new Cause(event.eventId(), treatment, event, event.cycleNumber(), event.effectiveTime());
        return known.watchOf(treatment.courseId(), watches::load).chain(watch -> {
            if (event.withdraws() == null) {
                return assessFinding(cause, watch, known);
            }
            MonitorStep withdrawal = monitor.onRetraction(watch, event.withdraws().toString());
            var opened = new ArrayList<DoseAlertRecord>();
            return apply(withdrawal.decisions(), cause, withdrawal.watch(), opened).chain(absorbed -> event.retraction()
                    ? known.keepWatch(treatment.courseId(), withdrawal.watch())
                            .chain(() -> assessment(event, AssessedEvent.Outcome.RETRACTION, null, null).persist())
                            .replaceWith(Assessment.of(List.of(), withdrawal.decisions()))
                    // a corrected result: its predecessor's alerts are withdrawn, then it is judged on its own
                    : assessFinding(cause, withdrawal.watch(), known).map(judged -> new Assessment(judged.opened(),
                            judged.transitionsRecorded() || Assessment.of(List.of(), withdrawal.decisions())
                                    .transitionsRecorded())));
        });
    }

    /** The pre-cycle check before planned cycle {@code cycleNumber} (once per cycle); the alerts it opened. */
    public Uni<List<DoseAlertRecord>> checkBeforeCycle(TreatmentCourse course, int cycleNumber) {
        CourseSnapshot snapshot = snapshot(course);
        PlannedCycle cycle = snapshot.cycle(cycleNumber).orElseThrow(
                () -> new IllegalArgumentException("course " + course.courseId() + " plans no cycle " + cycleNumber));
        Instant dayOne = cycle.plannedStart().atStartOfDay(monitor.catalog().calendarZone()).toInstant();
        var cause = new Cause(preCycleCause(course.courseId(), cycleNumber), course, null, cycleNumber, dayOne);
        return watches.load(course.courseId()).chain(watch -> {
            MonitorStep step = monitor.beforeCycle(snapshot, watch, cycleNumber);
            var opened = new ArrayList<DoseAlertRecord>();
            return apply(step.decisions(), cause, step.watch(), opened)
                    .chain(() -> watches.save(course.courseId(), step.watch()))
                    .replaceWith(opened);
        });
    }

    /** A clinician confirmed a qualifier for the course: holds and the latest findings are read again. */
    public Uni<List<DoseAlertRecord>> confirmQualifier(TreatmentCourse course, String qualifierId, UUID confirmationId) {
        var cause = new Cause(confirmationId, course, null, null, null);
        return watches.load(course.courseId()).chain(watch -> {
            MonitorStep step = monitor.onQualifierConfirmed(snapshot(course), watch, qualifierId, confirmationId.toString());
            var opened = new ArrayList<DoseAlertRecord>();
            return apply(step.decisions(), cause, step.watch(), opened)
                    .chain(() -> watches.save(course.courseId(), step.watch()))
                    .replaceWith(opened);
        });
    }

    /**
     * The qualifiers a clinician can confirm for a course: those its drugs' rules name (to confirm, to fire only if, to
     * stand aside unless, or in a resume criterion). Anything else is refused, so a caller cannot fill a course's
     * watch with made-up qualifiers that every later event would read.
     */
    public Set<String> qualifiersOf(TreatmentCourse course) {
        Set<String> ids = new java.util.TreeSet<>();
        for (TreatmentCourse.CourseDrug drug : course.drugs()) {
            for (org.toxwatch.regimens.rules.DoseRule rule : monitor.catalog().rules(drug.drug())) {
                var qualifiers = rule.qualifiers();
                java.util.stream.Stream.of(qualifiers.confirm(), qualifiers.onlyIf(), qualifiers.unlessConfirmed())
                        .filter(java.util.Objects::nonNull).forEach(q -> ids.add(q.id()));
                rule.resumeCriteria().stream().filter(c -> c.qualifier() != null)
                        .forEach(c -> ids.add(c.qualifier().id()));
            }
        }
        return ids;
    }

    public static UUID preCycleCause(String courseId, int cycleNumber) {
        return uuid("pre-cycle", courseId, String.valueOf(cycleNumber));
    }

    private Uni<Assessment> assessFinding(Cause cause, CourseWatch watch, KnownEvents known) {
        GradedAdverseEvent event = cause.event();
        MonitorStep step = monitor.onFinding(snapshot(cause.course()), watch, event.eventId().toString(), finding(event));
        var opened = new ArrayList<DoseAlertRecord>();
        return apply(step.decisions(), cause, step.watch(), opened).chain(absorbed -> {
            AssessedEvent.Outcome outcome = !step.pages().isEmpty() ? AssessedEvent.Outcome.ALERTED
                    : !absorbed.isEmpty() ? AssessedEvent.Outcome.ABSORBED
                    : step.evaluation().notEvaluable().isEmpty() ? AssessedEvent.Outcome.NO_ACTION
                    : AssessedEvent.Outcome.NOT_EVALUABLE;
            return known.keepWatch(cause.course().courseId(), step.watch())
                    .chain(() -> assessment(event, outcome, notEvaluable(step.evaluation().notEvaluable()),
                            absorbed.isEmpty() ? null : String.join(",", absorbed)).persist())
                    .replaceWith(Assessment.of(opened, step.decisions()));
        });
    }

    /** Stores the decisions in order; returns the ids of alerts repeats were absorbed into. */
    private Uni<List<String>> apply(List<AlertDecision> decisions, Cause cause, CourseWatch watch, List<DoseAlertRecord> opened) {
        var absorbed = new ArrayList<String>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AlertDecision decision : decisions) {
            RecordedFinding basis = cause.event() == null ? basis(decision, watch) : null;
            chain = chain.chain(() -> explained(basis)).chain(explained -> store(decision,
                    cause.basedOn(explained, monitor.catalog().calendarZone()), opened, absorbed));
        }
        return chain.replaceWith(absorbed);
    }

    /** {@code basis} with its explanation, which a stored watch leaves to the graded-event log (see StoredWatch). */
    private Uni<RecordedFinding> explained(RecordedFinding basis) {
        if (basis == null || StoredWatch.explained(basis)) {
            return Uni.createFrom().item(basis);
        }
        return GradedEventLogRecord.<GradedEventLogRecord>findById(UUID.fromString(basis.eventId()))
                .map(logged -> logged == null ? basis : new RecordedFinding(basis.eventId(), basis.finding()
                        .withExplanation(read(logged.event, GradedAdverseEvent.class).explanation())));
    }

    private Uni<Void> store(AlertDecision decision, Cause cause, List<DoseAlertRecord> opened, List<String> absorbed) {
        if (decision instanceof AlertDecision.Open open) {
            return raise(advised(cause, open.advice(), open.alertId(), null), cause, opened);
        }
        if (decision instanceof AlertDecision.Worsen worse) {
            return lifecycle.worsened(worse.alertId(), advised(cause, worse.advice(), worse.alertId(), null)).replaceWithVoid();
        }
        if (decision instanceof AlertDecision.Absorb absorb) {
            absorbed.add(absorb.alertId().toString());
            metrics.absorbed();
            return Uni.createFrom().voidItem();
        }
        if (decision instanceof AlertDecision.ResumeEligible resume) {
            return heldContent(resume.heldAlertId()).chain(held -> raise(resumeNotice(cause, resume, held), cause, opened));
        }
        if (decision instanceof AlertDecision.LabsRequired labs) {
            return raise(labsNotice(cause, labs), cause, opened);
        }
        if (decision instanceof AlertDecision.LabsArrived arrived) {
            return lifecycle.resolvedBySystem(arrived.alertId(),
                    "the pre-cycle labs for cycle " + arrived.cycleNumber() + " have arrived", cause.id()).replaceWithVoid();
        }
        AlertDecision.Retract retract = (AlertDecision.Retract) decision;
        return lifecycle.retract(retract.alertId(), retractionReason(cause), cause.id()).replaceWithVoid();
    }

    /**
     * For a decision no graded event caused: the stored result it rests on, i.e. the finding of its trigger event, or
     * else the latest finding of a term its rule reads (the lab that missed a pre-cycle minimum, the result that met a
     * resume criterion).
     */
    private RecordedFinding basis(AlertDecision decision, CourseWatch watch) {
        String eventId = null;
        String ruleId = null;
        if (decision instanceof AlertDecision.Open open) {
            eventId = open.triggerEventId();
            ruleId = open.advice().rule().id();
        } else if (decision instanceof AlertDecision.Worsen worse) {
            eventId = worse.triggerEventId();
            ruleId = worse.advice().rule().id();
        } else if (decision instanceof AlertDecision.ResumeEligible resume) {
            eventId = resume.triggerEventId();
            ruleId = resume.check().ruleId();
        } else {
            return null;
        }
        String byEvent = eventId;
        var terms = monitor.catalog().rule(ruleId).map(rule -> rule.terms()).orElse(List.of());
        RecordedFinding latestOfRule = null;
        for (RecordedFinding finding : watch.findings()) {
            if (finding.eventId().equals(byEvent)) {
                return finding;
            }
            if (terms.contains(finding.finding().term())) {
                latestOfRule = finding;
            }
        }
        return latestOfRule;
    }

    /** Stores a new alert OPEN; its row names the cause, so a redelivery or re-run publishes it again with the same id. */
    private Uni<Void> raise(DoseAlert alert, Cause cause, List<DoseAlertRecord> opened) {
        DoseAlertRecord row = record(alert, cause.id());
        opened.add(row);
        return lifecycle.opened(row).replaceWithVoid();
    }

    private static String retractionReason(Cause cause) {
        GradedAdverseEvent event = cause.event();
        return event.retraction()
                ? "the result behind this alert was entered in error (" + event.explanation() + ")"
                : "the result behind this alert was corrected; the corrected result is judged on its own (event "
                        + event.eventId() + ")";
    }

    /** The stored content of the hold a RESUME_ELIGIBLE notice follows up (for its dose levels). */
    private Uni<DoseAlert> heldContent(UUID heldAlertId) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select a.alert from DoseAlertRecord a where a.alertId = :id", String.class)
                .setParameter("id", heldAlertId).getSingleResultOrNull())
                .map(content -> content == null ? null : read(content, DoseAlert.class));
    }

    private Uni<Void> log(GradedAdverseEvent event) {
        var row = new GradedEventLogRecord();
        row.eventId = event.eventId();
        row.patientId = event.patientId();
        row.courseId = event.courseId();
        row.effectiveTime = event.effectiveTime();
        row.receivedAt = Instant.now();
        row.event = write(event);
        row.withdraws = event.withdraws();
        return row.persist().replaceWithVoid();
    }

    /** Rules that could not be checked (no baseline, no ULN, ...): kept so a clinician can see what was not assessed. */
    private static String notEvaluable(List<RuleNotEvaluable> rules) {
        return rules.isEmpty() ? null
                : rules.stream().map(r -> r.drug() + " " + r.ruleId() + ": " + r.reason())
                        .collect(Collectors.joining("\n"));
    }

    private AssessedEvent assessment(GradedAdverseEvent event, AssessedEvent.Outcome outcome, String notEvaluable,
            String absorbedInto) {
        metrics.assessed(outcome);
        AssessedEvent row = new AssessedEvent();
        row.notEvaluable = notEvaluable;
        row.absorbedInto = absorbedInto;
        row.eventId = event.eventId();
        row.patientId = event.patientId();
        row.courseId = event.courseId();
        row.outcome = outcome;
        row.assessedAt = Instant.now();
        return row;
    }

    static CourseSnapshot snapshot(TreatmentCourse course) {
        Map<String, Integer> levels = course.drugs().stream()
                .collect(Collectors.toMap(TreatmentCourse.CourseDrug::drug, TreatmentCourse.CourseDrug::doseLevel,
                        (a, b) -> a, java.util.LinkedHashMap::new));
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

    private static DoseAlert.Trigger trigger(GradedAdverseEvent event) {
        return event == null ? null
                : new DoseAlert.Trigger(event.eventId(), event.observationId(), event.term(), event.ctcaeVersion(),
                        event.grade(), event.value(), event.unit(), event.lowerLimit(), event.upperLimit(),
                        event.baselineValue(), event.explanation());
    }

    private static DoseAlert.Rule rule(org.toxwatch.regimens.advice.RuleReference rule) {
        return new DoseAlert.Rule(rule.id(), rule.text(), rule.source(), rule.sourceKind(), rule.verified(), rule.csvLine(),
                rule.decidedBy());
    }

    private static DoseAlert.DoseLevel level(org.toxwatch.regimens.ladder.DoseLevel level) {
        return level == null ? null : new DoseAlert.DoseLevel(level.level(), level.dose());
    }

    /** A dose advice as an alert. */
    private static DoseAlert advised(Cause cause, DoseAdvice advice, UUID alertId, UUID relatedAlertId) {
        return new DoseAlert(alertId, typeOf(advice.action().name()), cause.course().patientId(), cause.course().courseId(),
                cause.cycleNumber(), advice.drug(), advice.action().name(), rule(advice.rule()), level(advice.currentLevel()),
                level(advice.recommendedLevel()), advice.resumeWhen(), cause.trigger(), cause.effectiveTime(),
                advice.explanation(), 1, relatedAlertId);
    }

    private DoseAlert resumeNotice(Cause cause, AlertDecision.ResumeEligible resume, DoseAlert held) {
        DoseAlert.Rule reference = held != null ? held.rule() : catalogRule(resume.check().ruleId());
        String explanation = resume.check().explanation() + ". Follows alert " + resume.heldAlertId()
                + (held == null ? "" : " (" + held.action() + " " + held.drug() + ", " + held.effectiveTime() + ")")
                + "; resuming is the clinician's decision"
                + (held != null && held.recommendedDoseLevel() != null ? ", at " + held.recommendedDoseLevel().dose() : "")
                + ".";
        return new DoseAlert(resume.alertId(), DoseAlert.AlertType.RESUME_ELIGIBLE, cause.course().patientId(),
                cause.course().courseId(), cause.cycleNumber(), resume.drug(), "RESUME", reference,
                held == null ? null : held.currentDoseLevel(), held == null ? null : held.recommendedDoseLevel(),
                resume.check().criterion(), cause.trigger(), cause.effectiveTime(), explanation, 1,
                resume.heldAlertId());
    }

    private DoseAlert labsNotice(Cause cause, AlertDecision.LabsRequired labs) {
        LabRequirement first = labs.missing().get(0);
        DoseAlert.Rule reference = catalogRule(first.ruleId());
        String missing = labs.missing().stream()
                .map(lab -> lab.term() + " (rule " + lab.ruleId() + ", " + lab.windowStart() + " to " + lab.cycleStart() + ")")
                .distinct().collect(Collectors.joining("; "));
        String explanation = "Before cycle " + labs.cycleNumber() + " (planned " + first.cycleStart()
                + ") no result in the pre-cycle window for: " + missing + ". Draw them before the cycle starts.";
        return new DoseAlert(labs.alertId(), DoseAlert.AlertType.LABS_REQUIRED, cause.course().patientId(),
                cause.course().courseId(), labs.cycleNumber(), labs.drug(), "DRAW_LABS", reference, null, null, null, null,
                cause.effectiveTime(), explanation, 1, null);
    }

    private DoseAlert.Rule catalogRule(String ruleId) {
        var rule = monitor.catalog().rule(ruleId).orElseThrow(() -> new IllegalStateException("unknown rule " + ruleId));
        return new DoseAlert.Rule(rule.id(), rule.text(), rule.source(),
                rule.sourceKind().code(), rule.verified(), rule.csvLine(), null);
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

    private DoseAlertRecord record(DoseAlert alert, UUID eventId) {
        metrics.alerted(alert.drug(), alert.type());
        DoseAlertRecord row = new DoseAlertRecord();
        row.alertId = alert.alertId();
        row.eventId = eventId;
        row.patientId = alert.patientId();
        row.courseId = alert.courseId();
        row.drug = alert.drug();
        row.alertType = alert.type().name();
        row.ruleId = alert.rule().id();
        row.effectiveTime = alert.effectiveTime();
        row.relatedAlertId = alert.relatedAlertId();
        row.alert = write(alert);
        return row;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    private static UUID uuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }
}
