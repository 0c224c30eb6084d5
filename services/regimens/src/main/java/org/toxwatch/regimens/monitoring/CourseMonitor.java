package org.toxwatch.regimens.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.toxwatch.regimens.RegimenCatalog;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.DoseEvaluation;
import org.toxwatch.regimens.advice.RuleNotEvaluable;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.course.OccurrenceKey;
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.precycle.LabRequirement;
import org.toxwatch.regimens.precycle.PreCycleCheck;
import org.toxwatch.regimens.resume.HeldRule;
import org.toxwatch.regimens.resume.ResumeCheck;
import org.toxwatch.regimens.rules.DoseRule;

/**
 * Follows one course through its findings and turns the catalog's advice into alert decisions: one page per condition
 * (a drug and what it is about), a worse grade or action updates the open alert instead of opening another, a hold is
 * watched until later results meet its resume criterion (RESUME_ELIGIBLE), occurrences are counted as episodes, and
 * pre-cycle labs are checked before a planned cycle. Pure: the same course, watch and input give the same decisions,
 * with deterministic alert ids, so the advisor and the what-if replay agree.
 */
public final class CourseMonitor {

    private final RegimenCatalog catalog;

    public CourseMonitor(RegimenCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public RegimenCatalog catalog() {
        return catalog;
    }

    /** A new graded finding of the course, carried by graded event {@code eventId}. */
    public MonitorStep onFinding(CourseSnapshot course, CourseWatch watch, String eventId, Finding finding) {
        Objects.requireNonNull(eventId, "eventId");
        if (watch.findings().stream().anyMatch(seen -> seen.eventId().equals(eventId))) {
            // a redelivered event changes nothing: the first delivery decided
            return new MonitorStep(List.of(), watch, new DoseEvaluation(List.of(), List.of()), finding);
        }
        Finding withPersistence = finding.withGradeHeldSince(gradeHeldSince(watch, finding));
        List<OccurrenceKey> counted = catalog.occurrencesOf(course, withPersistence);
        CourseSnapshot withHistory = course.withHistory(watch.history(counted));

        List<Finding> companions = companions(watch, withPersistence);
        DoseEvaluation evaluation = catalog.evaluate(withHistory, withPersistence, companions);
        var advice = new ArrayList<>(evaluation.advice());
        // a later half of a combined rule (bilirubin after its ALT) completes the pair on the earlier finding
        var together = new ArrayList<>(companions);
        together.add(withPersistence);
        for (Finding earlier : companions) {
            DoseEvaluation combined = catalog.evaluateCombinedRules(withHistory, earlier, together);
            advice.addAll(combined.advice());
        }

        var decisions = new ArrayList<AlertDecision>();
        var open = new ArrayList<>(watch.open());
        for (DoseAdvice one : mostSeverePerCondition(advice, withPersistence)) {
            decide(one, conditionKey(one, withPersistence), eventId, withPersistence.grade(), withPersistence.term(),
                    withPersistence.effectiveTime(), open, decisions);
        }

        CourseWatch next = watch.withOpen(open).withFindings(append(watch.findings(), new RecordedFinding(eventId, withPersistence)));
        next = countEpisodes(course, next, withPersistence, eventId, counted);
        next = resumeHolds(next, eventId, decisions, course);
        next = labsArrived(course, next, eventId, decisions);
        return new MonitorStep(decisions, next.pruned(), evaluation, withPersistence);
    }

    /**
     * The pre-cycle check before planned cycle {@code cycleNumber}, on the findings the watch holds: a minimum not met
     * opens (or worsens) a DELAY_CYCLE condition, a lab missing from its window raises a labs-required notice per drug.
     * Runs once per cycle.
     */
    public MonitorStep beforeCycle(CourseSnapshot course, CourseWatch watch, int cycleNumber) {
        if (watch.preCycleChecked().contains(cycleNumber)) {
            return new MonitorStep(List.of(), watch, new DoseEvaluation(List.of(), List.of()), null);
        }
        PreCycleCheck check = catalog.preCycleCheck(course, cycleNumber, findingsOf(watch));
        var decisions = new ArrayList<AlertDecision>();
        var open = new ArrayList<>(watch.open());
        String origin = "pre-cycle|" + course.courseId() + "|" + cycleNumber;
        // the same condition as a delay raised by the lab itself (drug and term), so the two never page twice; results
        // from the cycle's planned day 1 on count toward resuming
        Instant since = check.cycle().plannedStart().atStartOfDay(catalog.calendarZone()).toInstant();
        for (DoseAdvice delay : check.delays()) {
            String term = firstTerm(delay.rule().id());
            decide(delay, delay.drug() + "|" + term, origin, null, term, since, open, decisions);
        }
        var missingByDrug = new LinkedHashMap<String, List<LabRequirement>>();
        check.labsRequired().forEach(lab -> missingByDrug.computeIfAbsent(lab.drug(), d -> new ArrayList<>()).add(lab));
        missingByDrug.forEach((drug, missing) -> {
            String key = drug + "|labs-required|" + cycleNumber;
            if (open.stream().noneMatch(c -> c.key().equals(key))) {
                UUID id = uuid("labs-required", course.courseId(), String.valueOf(cycleNumber), drug);
                decisions.add(new AlertDecision.LabsRequired(id, key, drug, cycleNumber, missing));
                open.add(new OpenCondition(key, id, drug, null, missing.get(0).term(), null, null, null, null, cycleNumber, false));
            }
        });
        CourseWatch next = watch.withOpen(open).withPreCycleChecked(cycleNumber);
        return new MonitorStep(decisions, next, new DoseEvaluation(check.delays(), check.notEvaluable()), null);
    }

    /** A graded event was retracted (entered in error) or superseded (corrected): its alerts are retracted. */
    public MonitorStep onRetraction(CourseWatch watch, String retractedEventId) {
        var decisions = new ArrayList<AlertDecision>();
        var open = new ArrayList<OpenCondition>();
        for (OpenCondition condition : watch.open()) {
            if (retractedEventId.equals(condition.triggerEventId())) {
                decisions.add(new AlertDecision.Retract(condition.alertId(), retractedEventId));
            } else {
                open.add(condition);
            }
        }
        var counted = new HashMap<>(watch.episodes());
        var running = new HashMap<>(watch.openEpisodes());
        running.forEach((key, startedBy) -> {
            if (startedBy.equals(retractedEventId)) {
                counted.merge(key, -1, Integer::sum);
            }
        });
        running.values().removeIf(retractedEventId::equals);
        CourseWatch next = watch.withOpen(open)
                .withFindings(watch.findings().stream().filter(f -> !f.eventId().equals(retractedEventId)).toList())
                .withEpisodes(counted, running);
        return new MonitorStep(decisions, next, new DoseEvaluation(List.of(), List.of()), null);
    }

    /**
     * A clinician confirmed a qualifier ("despite optimal antihypertensive therapy", "steroids tapered to ≤ 10 mg"):
     * open holds are checked again, and the latest finding of each term is re-read with the qualifier confirmed.
     */
    public MonitorStep onQualifierConfirmed(CourseSnapshot course, CourseWatch watch, String qualifierId, String confirmationId) {
        CourseWatch confirmed = watch.confirming(qualifierId);
        var decisions = new ArrayList<AlertDecision>();
        var open = new ArrayList<>(confirmed.open());
        var latestPerTerm = new LinkedHashMap<String, RecordedFinding>();
        confirmed.findings().forEach(f -> latestPerTerm.put(f.finding().term(), f));
        CourseSnapshot withHistory = course.withHistory(confirmed.history(List.of()));
        for (RecordedFinding latest : latestPerTerm.values()) {
            DoseEvaluation again = catalog.evaluate(withHistory, latest.finding(), companions(confirmed, latest.finding()));
            for (DoseAdvice one : mostSeverePerCondition(again.advice(), latest.finding())) {
                decide(one, conditionKey(one, latest.finding()), latest.eventId(), latest.finding().grade(),
                        latest.finding().term(), latest.finding().effectiveTime(), open, decisions);
            }
        }
        CourseWatch next = resumeHolds(confirmed.withOpen(open), confirmationId, decisions, course);
        return new MonitorStep(decisions, next, new DoseEvaluation(List.of(), List.of()), null);
    }

    private void decide(DoseAdvice advice, String key, String eventId, Integer grade, String term, Instant since,
            List<OpenCondition> open, List<AlertDecision> decisions) {
        Optional<OpenCondition> current = open.stream().filter(c -> c.key().equals(key)).findFirst();
        Optional<OpenCondition> stopped = open.stream()
                .filter(c -> c.drug().equals(advice.drug()) && c.action() == DoseAction.DISCONTINUE && !c.overridden())
                .findFirst();
        if (current.isEmpty() && stopped.isPresent()) {
            // the drug is already advised stopped: a new toxicity does not page for it again
            decisions.add(new AlertDecision.Absorb(stopped.get().alertId(), key, advice, eventId));
            return;
        }
        if (current.isEmpty()) {
            UUID id = uuid("dose-alert", eventId, advice.drug(), advice.rule().id());
            decisions.add(new AlertDecision.Open(id, key, advice, eventId));
            open.add(condition(key, id, advice, grade, term, since, eventId));
            return;
        }
        OpenCondition was = current.get();
        boolean worseGrade = grade != null && (was.grade() == null || grade > was.grade());
        boolean worseAction = was.action() != null && advice.action().compareTo(was.action()) > 0;
        if ((worseGrade || worseAction) && was.overridden()) {
            // the ward overrode the milder advice; a worse one is a new decision for them, not a revision of the old
            UUID id = uuid("dose-alert", eventId, advice.drug(), advice.rule().id());
            decisions.add(new AlertDecision.Open(id, key, advice, eventId));
            open.set(open.indexOf(was), condition(key, id, advice, grade, term, since, eventId));
        } else if (worseGrade || worseAction) {
            decisions.add(new AlertDecision.Worsen(was.alertId(), key, advice, eventId));
            open.set(open.indexOf(was), condition(key, was.alertId(), advice, grade, term, since, eventId));
        } else {
            decisions.add(new AlertDecision.Absorb(was.alertId(), key, advice, eventId));
        }
    }

    private static OpenCondition condition(String key, UUID alertId, DoseAdvice advice, Integer grade, String term,
            Instant since, String eventId) {
        return new OpenCondition(key, alertId, advice.drug(), advice.rule().id(), term, advice.action(), grade, since,
                eventId, null, false);
    }

    /** Per condition, the most severe advice (the catalog already keeps one per drug per finding). */
    private List<DoseAdvice> mostSeverePerCondition(List<DoseAdvice> advice, Finding finding) {
        var kept = new LinkedHashMap<String, DoseAdvice>();
        for (DoseAdvice one : advice) {
            kept.merge(conditionKey(one, finding), one, (a, b) -> b.action().compareTo(a.action()) > 0 ? b : a);
        }
        return List.copyOf(kept.values());
    }

    /** A drug and the term it is about; a rule combining two findings is its own condition. */
    private String conditionKey(DoseAdvice advice, Finding finding) {
        Optional<DoseRule> rule = catalog.rule(advice.rule().id());
        if (rule.isPresent() && rule.get().trigger().together() != null) {
            return advice.drug() + "|combined|" + rule.get().id();
        }
        return advice.drug() + "|" + finding.term();
    }

    private String firstTerm(String ruleId) {
        return catalog.rule(ruleId).map(rule -> rule.terms().isEmpty() ? ruleId : rule.terms().get(0)).orElse(ruleId);
    }

    /** Since when the finding's grade (or worse) has held without a break, from the same term's earlier findings. */
    private static Instant gradeHeldSince(CourseWatch watch, Finding finding) {
        if (finding.grade() == null || finding.effectiveTime() == null) {
            return null;
        }
        Instant since = finding.effectiveTime();
        List<RecordedFinding> earlier = watch.findings().stream()
                .filter(f -> f.finding().term().equals(finding.term()) && f.finding().effectiveTime() != null
                        && f.finding().effectiveTime().isBefore(finding.effectiveTime()))
                .toList();
        for (int i = earlier.size() - 1; i >= 0; i--) {
            Finding before = earlier.get(i).finding();
            if (before.grade() == null || before.grade() < finding.grade()) {
                break;
            }
            since = before.effectiveTime();
        }
        return since;
    }

    /** The latest finding of every other term: what combined rules may pair with (each rule applies its own window). */
    private static List<Finding> companions(CourseWatch watch, Finding finding) {
        var latest = new LinkedHashMap<String, Finding>();
        for (RecordedFinding seen : watch.findings()) {
            Finding other = seen.finding();
            if (!other.term().equals(finding.term()) && other.effectiveTime() != null && finding.effectiveTime() != null
                    && !other.effectiveTime().isAfter(finding.effectiveTime().plus(CourseWatch.REMEMBERED))) {
                latest.put(other.term(), other);
            }
        }
        return List.copyOf(latest.values());
    }

    private CourseWatch countEpisodes(CourseSnapshot course, CourseWatch watch, Finding finding, String eventId,
            List<OccurrenceKey> counted) {
        var episodes = new HashMap<>(watch.episodes());
        var running = new HashMap<>(watch.openEpisodes());
        for (OccurrenceKey key : counted) {
            if (!running.containsKey(key)) {
                episodes.merge(key, 1, Integer::sum);
                running.put(key, eventId);
            }
        }
        if (finding.grade() != null) {
            // a gradable finding of the family's term below its band: the running episode is over
            for (OccurrenceKey key : catalog.occurrenceFamiliesReading(course, finding)) {
                if (!counted.contains(key)) {
                    running.remove(key);
                }
            }
        }
        return watch.withEpisodes(episodes, running);
    }

    private CourseWatch resumeHolds(CourseWatch watch, String eventId, List<AlertDecision> decisions, CourseSnapshot course) {
        var open = new ArrayList<OpenCondition>();
        var history = course.withHistory(watch.history(List.of())).history();
        List<Finding> findings = findingsOf(watch);
        for (OpenCondition condition : watch.open()) {
            if (!condition.holdsTreatment() || condition.since() == null || condition.ruleId() == null
                    || catalog.rule(condition.ruleId()).isEmpty()) {
                open.add(condition);
                continue;
            }
            ResumeCheck check = catalog.resumeCheck(
                    new HeldRule(condition.drug(), condition.ruleId(), condition.term(), condition.since()), findings, history);
            if (check.eligible()) {
                decisions.add(new AlertDecision.ResumeEligible(uuid("resume-eligible", condition.alertId().toString(), eventId),
                        condition.alertId(), condition.drug(), check, eventId));
            } else {
                open.add(condition);
            }
        }
        return watch.withOpen(open);
    }

    private CourseWatch labsArrived(CourseSnapshot course, CourseWatch watch, String eventId, List<AlertDecision> decisions) {
        var open = new ArrayList<OpenCondition>();
        for (OpenCondition condition : watch.open()) {
            if (!condition.labsRequiredNotice() || course.cycle(condition.cycleNumber()).isEmpty()) {
                open.add(condition);
                continue;
            }
            PreCycleCheck again = catalog.preCycleCheck(course, condition.cycleNumber(), findingsOf(watch));
            boolean stillMissing = again.labsRequired().stream().anyMatch(lab -> lab.drug().equals(condition.drug()));
            if (stillMissing) {
                open.add(condition);
            } else {
                decisions.add(new AlertDecision.LabsArrived(condition.alertId(), condition.drug(), condition.cycleNumber(), eventId));
            }
        }
        return watch.withOpen(open);
    }

    private static List<Finding> findingsOf(CourseWatch watch) {
        return watch.findings().stream().map(RecordedFinding::finding).toList();
    }

    private static List<RecordedFinding> append(List<RecordedFinding> findings, RecordedFinding one) {
        var all = new ArrayList<>(findings);
        all.add(one);
        return all;
    }

    static UUID uuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }

}
