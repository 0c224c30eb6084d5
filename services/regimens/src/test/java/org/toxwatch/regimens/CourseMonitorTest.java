package org.toxwatch.regimens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.toxwatch.regimens.Courses.course;
import static org.toxwatch.regimens.FindingBuilder.ALT;
import static org.toxwatch.regimens.FindingBuilder.HAND_FOOT;
import static org.toxwatch.regimens.FindingBuilder.NEUTROPHILS;
import static org.toxwatch.regimens.FindingBuilder.bilirubin;
import static org.toxwatch.regimens.FindingBuilder.finding;
import static org.toxwatch.regimens.FindingBuilder.neutrophils;
import static org.toxwatch.regimens.FindingBuilder.platelets;
import static org.toxwatch.regimens.FindingBuilder.transaminase;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.monitoring.AlertDecision;
import org.toxwatch.regimens.monitoring.CourseMonitor;
import org.toxwatch.regimens.monitoring.CourseWatch;
import org.toxwatch.regimens.monitoring.MonitorStep;
import org.toxwatch.regimens.monitoring.RecordedFinding;

/** The monitor's alert semantics over a course's findings: dedup, worsening, resume, occurrences, combined events. */
class CourseMonitorTest {

    private final CourseMonitor monitor = new CourseMonitor(RegimenCatalog.standard());
    private final CourseSnapshot lenvatinib = course("70", false, "lenvatinib", 0);
    private final List<AlertDecision> decided = new ArrayList<>();
    private CourseWatch watch = CourseWatch.empty();
    private int events;

    private MonitorStep feed(CourseSnapshot course, Finding finding) {
        MonitorStep step = monitor.onFinding(course, watch, "event-" + (++events), finding);
        watch = step.watch();
        decided.addAll(step.decisions());
        return step;
    }

    private static <T extends AlertDecision> List<T> only(List<AlertDecision> decisions, Class<T> kind) {
        return decisions.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    // rules.csv lines 13-14 (lenvatinib label): grade 3 neutropenia holds; a repeat does not page, grade 4 worsens it
    @Test
    void oneConditionPagesOnceAndAWorseGradeUpdatesTheSameAlert() {
        MonitorStep first = feed(lenvatinib, neutrophils("0.8").grade(3).at("2026-01-12T08:00:00Z").build());
        MonitorStep repeat = feed(lenvatinib, neutrophils("0.7").grade(3).at("2026-01-13T08:00:00Z").build());
        MonitorStep worse = feed(lenvatinib, neutrophils("0.4").grade(4).at("2026-01-14T08:00:00Z").build());

        var opened = only(first.decisions(), AlertDecision.Open.class);
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).advice().action()).isEqualTo(DoseAction.HOLD);
        assertThat(repeat.decisions()).singleElement().isInstanceOf(AlertDecision.Absorb.class);
        assertThat(repeat.pages()).isEmpty();
        var worsened = only(worse.decisions(), AlertDecision.Worsen.class);
        assertThat(worsened).singleElement().satisfies(w -> assertThat(w.alertId()).isEqualTo(opened.get(0).alertId()));
        assertThat(watch.open()).singleElement().satisfies(c -> assertThat(c.grade()).isEqualTo(4));
    }

    // rules.csv line 13: held for grade 3 neutropenia, resume when resolved to <= grade 2 (RESUME_ELIGIBLE notice)
    @Test
    void aHoldIsFollowedByResumeEligibleAndTheNextEpisodePagesAgain() {
        var held = only(feed(lenvatinib, neutrophils("0.8").grade(3).at("2026-01-12T08:00:00Z").build()).decisions(),
                AlertDecision.Open.class).get(0);
        MonitorStep stillLow = feed(lenvatinib, neutrophils("0.9").grade(3).at("2026-01-15T08:00:00Z").build());
        MonitorStep recovered = feed(lenvatinib, neutrophils("1.4").grade(2).at("2026-01-19T08:00:00Z").build());
        MonitorStep again = feed(lenvatinib, neutrophils("0.8").grade(3).at("2026-02-02T08:00:00Z").build());

        assertThat(only(stillLow.decisions(), AlertDecision.ResumeEligible.class)).isEmpty();
        var resume = only(recovered.decisions(), AlertDecision.ResumeEligible.class);
        assertThat(resume).singleElement().satisfies(r -> {
            assertThat(r.heldAlertId()).isEqualTo(held.alertId());
            assertThat(r.check().explanation()).contains("grade 2 at 2026-01-19T08:00:00Z");
        });
        assertThat(only(again.decisions(), AlertDecision.Open.class)).singleElement()
                .satisfies(o -> assertThat(o.alertId()).isNotEqualTo(held.alertId()));
    }

    // rules.csv lines 39-44 (sorafenib label), RULES.md 6 conflict 11: grade >= 2 hand-foot skin reaction episodes are
    // counted together; first: continue (hold only when not improved after 7 days), second and third: hold and reduce,
    // fourth: discontinue
    @Test
    void sorafenibHandFootEpisodesAreCountedAndTheFourthDiscontinues() {
        CourseSnapshot sorafenib = course("70", false, "sorafenib", 0);
        MonitorStep first = feed(sorafenib, finding(HAND_FOOT).grade(2).at("2026-01-06T08:00:00Z").build());
        MonitorStep persisting = feed(sorafenib, finding(HAND_FOOT).grade(2).at("2026-01-14T08:00:00Z").build());
        feed(sorafenib, finding(HAND_FOOT).grade(1).at("2026-01-20T08:00:00Z").build());
        MonitorStep second = feed(sorafenib, finding(HAND_FOOT).grade(2).at("2026-01-27T08:00:00Z").build());
        feed(sorafenib, finding(HAND_FOOT).grade(0).at("2026-02-03T08:00:00Z").build());
        MonitorStep third = feed(sorafenib, finding(HAND_FOOT).grade(2).at("2026-02-10T08:00:00Z").build());
        feed(sorafenib, finding(HAND_FOOT).grade(1).at("2026-02-17T08:00:00Z").build());
        MonitorStep fourth = feed(sorafenib, finding(HAND_FOOT).grade(2).at("2026-02-24T08:00:00Z").build());

        assertThat(first.pages()).as("first occurrence: continue with care, no alert").isEmpty();
        assertThat(persisting.finding().gradeHeldSince()).isEqualTo("2026-01-06T08:00:00Z");
        assertThat(ruleOf(persisting)).isEqualTo("sorafenib-hfsr-g2-first-not-improved");
        assertThat(ruleOf(second)).isEqualTo("sorafenib-hfsr-g2-second-third");
        assertThat(ruleOf(third)).isEqualTo("sorafenib-hfsr-g2-second-third");
        assertThat(ruleOf(fourth)).isEqualTo("sorafenib-hfsr-g2-fourth");
        assertThat(only(decided, AlertDecision.ResumeEligible.class)).hasSize(3);
    }

    private static String ruleOf(MonitorStep step) {
        return only(step.decisions(), AlertDecision.Open.class).stream().map(o -> o.advice().rule().id()).findFirst()
                .orElse("no alert: " + step.decisions());
    }

    // rules.csv line 136: an ALT above 3 x ULN, then a total bilirubin >= 2 x ULN in a separate observation 2 h later:
    // the pair completes on the bilirubin and stops both the TKI and the PD-1 inhibitor
    @Test
    void aBilirubinArrivingAfterItsAltCompletesTheHysLawStop() {
        CourseSnapshot triple = course("70", false, "haic-folfox", 0, "lenvatinib", 0, "sintilimab", 0);
        MonitorStep alt = feed(triple, transaminase(ALT, "150", "40").grade(2).at("2026-01-12T08:00:00Z").build());
        MonitorStep bili = feed(triple, bilirubin("45", "20").grade(2).at("2026-01-12T10:00:00Z").build());

        assertThat(only(alt.decisions(), AlertDecision.Open.class)).extracting(o -> o.advice().action())
                .doesNotContain(DoseAction.DISCONTINUE);
        var stops = only(bili.decisions(), AlertDecision.Open.class).stream()
                .filter(o -> o.advice().rule().id().equals("tki-pd-1-hys-law-discontinue-both")).toList();
        assertThat(stops).extracting(o -> o.advice().drug()).containsExactlyInAnyOrder("lenvatinib", "sintilimab");
        assertThat(stops).allSatisfy(o -> assertThat(o.advice().action()).isEqualTo(DoseAction.DISCONTINUE));
    }

    // rules.csv lines 113-114 and 130-133: labs missing from the 3-day window before cycle 2 raise a notice, which the
    // labs' arrival settles
    @Test
    void missingPreCycleLabsRaiseANoticeThatTheirArrivalSettles() {
        CourseSnapshot haic = course("58.5", true, "haic-folfox", 0);
        MonitorStep check = monitor.beforeCycle(haic, watch, 2);
        watch = check.watch();
        MonitorStep twice = monitor.beforeCycle(haic, watch, 2);

        var notice = only(check.decisions(), AlertDecision.LabsRequired.class);
        assertThat(notice).singleElement().satisfies(n -> {
            assertThat(n.drug()).isEqualTo("haic-folfox");
            assertThat(n.missing()).extracting(m -> m.term()).contains(NEUTROPHILS, "Platelet count decreased");
        });
        assertThat(twice.decisions()).as("a cycle is checked once").isEmpty();

        for (Finding lab : List.of(neutrophils("2.1").grade(0).at("2026-01-24T07:00:00Z").build(),
                platelets("150").grade(0).at("2026-01-24T07:00:00Z").build(),
                bilirubin("12", "21").grade(0).at("2026-01-24T07:00:00Z").build())) {
            assertThat(only(feed(haic, lab).decisions(), AlertDecision.LabsArrived.class)).isEmpty();
        }
        MonitorStep last = feed(haic, finding("Hypoalbuminemia").analyte("ALBUMIN").value("38", "g/L").grade(0)
                .at("2026-01-24T07:00:00Z").build());
        assertThat(only(last.decisions(), AlertDecision.LabsArrived.class)).singleElement()
                .satisfies(a -> assertThat(a.alertId()).isEqualTo(notice.get(0).alertId()));
    }

    // rules.csv lines 113-114: ANC 1.3 two days before cycle 2 delays it; the day-before check finds the same condition
    // (no second page), and labs that recover after day 1 make the delayed cycle eligible to start
    @Test
    void aPreCycleDelayPagesOnceAndResumesWhenTheCountsRecover() {
        CourseSnapshot haic = course("58.5", true, "haic-folfox", 0);
        MonitorStep lab = feed(haic, neutrophils("1.3").grade(2).at("2026-01-24T07:00:00Z").build());
        feed(haic, platelets("150").grade(0).at("2026-01-24T07:00:00Z").build());
        MonitorStep check = monitor.beforeCycle(haic, watch, 2);
        watch = check.watch();
        // resume when ANC >= 1.5 (rules.csv line 113): the ANC alone decides
        MonitorStep recovered = feed(haic, neutrophils("1.8").grade(1).at("2026-01-28T07:00:00Z").build());

        var delay = only(lab.decisions(), AlertDecision.Open.class);
        assertThat(delay).singleElement().satisfies(d -> assertThat(d.advice().action()).isEqualTo(DoseAction.DELAY_CYCLE));
        assertThat(check.decisions()).as("the day-before check does not page the same delay again")
                .noneMatch(d -> d instanceof AlertDecision.Open || d instanceof AlertDecision.Worsen);
        assertThat(only(recovered.decisions(), AlertDecision.ResumeEligible.class)).singleElement()
                .satisfies(r -> assertThat(r.heldAlertId()).isEqualTo(delay.get(0).alertId()));
    }

    @Test
    void aDelayFoundOnlyByTheDayBeforeCheckIsWatchedFromDayOne() {
        CourseSnapshot haic = course("58.5", true, "haic-folfox", 0);
        watch = monitor.onFinding(haic, watch, "early", neutrophils("1.3").grade(2).at("2026-01-24T07:00:00Z").build())
                .watch().without(c -> true);
        MonitorStep check = monitor.beforeCycle(haic, watch, 2);
        watch = check.watch();
        MonitorStep stillLow = feed(haic, neutrophils("1.4").grade(2).at("2026-01-26T07:00:00Z").build());
        MonitorStep recovered = feed(haic, neutrophils("1.8").grade(1).at("2026-01-27T07:00:00Z").build());

        assertThat(only(check.decisions(), AlertDecision.Open.class)).singleElement()
                .satisfies(d -> assertThat(d.advice().action()).isEqualTo(DoseAction.DELAY_CYCLE));
        assertThat(only(stillLow.decisions(), AlertDecision.ResumeEligible.class)).isEmpty();
        assertThat(only(recovered.decisions(), AlertDecision.ResumeEligible.class)).hasSize(1);
    }

    @Test
    void aRetractedResultRetractsItsAlertAndANewEpisodeCanPage() {
        MonitorStep held = feed(lenvatinib, neutrophils("0.8").grade(3).at("2026-01-12T08:00:00Z").build());
        var opened = only(held.decisions(), AlertDecision.Open.class).get(0);

        MonitorStep retraction = monitor.onRetraction(watch, opened.triggerEventId());
        watch = retraction.watch();

        assertThat(retraction.decisions()).singleElement().isEqualTo(new AlertDecision.Retract(opened.alertId(), opened.triggerEventId()));
        assertThat(watch.open()).isEmpty();
        assertThat(watch.findings()).isEmpty();
        assertThat(only(feed(lenvatinib, neutrophils("0.8").grade(3).at("2026-01-13T08:00:00Z").build()).decisions(),
                AlertDecision.Open.class)).hasSize(1);
    }

    @Test
    void aRedeliveredEventDecidesNothing() {
        Finding low = neutrophils("0.8").grade(3).at("2026-01-12T08:00:00Z").build();
        MonitorStep first = monitor.onFinding(lenvatinib, watch, "same-event", low);
        MonitorStep redelivered = monitor.onFinding(lenvatinib, first.watch(), "same-event", low);

        assertThat(first.decisions()).hasSize(1);
        assertThat(redelivered.decisions()).isEmpty();
        assertThat(redelivered.watch()).isEqualTo(first.watch());
    }

    // a result taken earlier can arrive later (an analyser's backlog): the watch still reads findings in event time
    @Test
    void aLateEarlierResultTakesItsPlaceInEventTimeOrder() {
        feed(lenvatinib, neutrophils("1.2").grade(2).at("2026-01-14T08:00:00Z").build());
        feed(lenvatinib, neutrophils("1.6").grade(1).at("2026-01-20T08:00:00Z").build());
        feed(lenvatinib, neutrophils("0.8").grade(3).at("2026-01-12T08:00:00Z").build());
        feed(lenvatinib, neutrophils("1.7").grade(1).at("2026-01-21T08:00:00Z").build());

        assertThat(watch.findings()).extracting(f -> f.finding().effectiveTime().toString())
                .containsExactly("2026-01-12T08:00:00Z", "2026-01-14T08:00:00Z", "2026-01-20T08:00:00Z", "2026-01-21T08:00:00Z");
        assertThat(watch.findings()).extracting(RecordedFinding::eventId)
                .containsExactly("event-3", "event-1", "event-2", "event-4");
    }

    @Test
    void theSameHistoryReplaysToTheSameDecisions() {
        List<Finding> history = List.of(neutrophils("0.8").grade(3).at("2026-01-12T08:00:00Z").build(),
                neutrophils("0.4").grade(4).at("2026-01-13T08:00:00Z").build(),
                neutrophils("1.6").grade(1).at("2026-01-20T08:00:00Z").build());
        List<AlertDecision> once = replay(history);
        List<AlertDecision> twice = replay(history);

        assertThat(once).isNotEmpty().isEqualTo(twice);
    }

    private List<AlertDecision> replay(List<Finding> findings) {
        CourseWatch replayed = CourseWatch.empty();
        var all = new ArrayList<AlertDecision>();
        int n = 0;
        for (Finding finding : findings) {
            MonitorStep step = monitor.onFinding(lenvatinib, replayed, "replay-" + (++n), finding);
            replayed = step.watch();
            all.addAll(step.decisions());
        }
        return all;
    }

    // an overridden stop no longer stands for a stopped drug: a new toxicity of that drug pages
    @Test
    void aStoppedDrugAbsorbsNewToxicityUntilTheStopIsOverridden() {
        var stop = only(feed(lenvatinib, neutrophils("0.3").grade(4).at("2026-01-12T08:00:00Z").build()).decisions(),
                AlertDecision.Open.class).get(0);
        assertThat(stop.advice().action()).isEqualTo(DoseAction.DISCONTINUE);
        MonitorStep whileStopped = feed(lenvatinib, platelets("20").grade(4).at("2026-01-13T08:00:00Z").build());
        watch = watch.overriding(stop.alertId());
        MonitorStep afterOverride = feed(lenvatinib, platelets("20").grade(4).at("2026-01-14T08:00:00Z").build());

        assertThat(whileStopped.pages()).isEmpty();
        assertThat(only(afterOverride.decisions(), AlertDecision.Open.class)).hasSize(1);
    }

    @Test
    void aWorseGradeAfterAnOverrideOpensANewAlertButARepeatStaysQuiet() {
        var held = only(feed(lenvatinib, neutrophils("0.8").grade(3).at("2026-01-12T08:00:00Z").build()).decisions(),
                AlertDecision.Open.class).get(0);
        watch = watch.overriding(held.alertId());
        MonitorStep repeat = feed(lenvatinib, neutrophils("0.8").grade(3).at("2026-01-13T08:00:00Z").build());
        MonitorStep worse = feed(lenvatinib, neutrophils("0.4").grade(4).at("2026-01-14T08:00:00Z").build());

        assertThat(repeat.pages()).isEmpty();
        assertThat(only(worse.decisions(), AlertDecision.Worsen.class)).isEmpty();
        assertThat(only(worse.decisions(), AlertDecision.Open.class)).singleElement()
                .satisfies(o -> assertThat(o.alertId()).isNotEqualTo(held.alertId()));
    }

    // rules.csv line 52: atezolizumab held for HCC hepatitis resumes at grade 0-1 AND prednisone <= 10 mg/day, which only
    // a clinician can confirm; the confirmation re-checks the open hold
    @Test
    void aConfirmedQualifierCompletesAResumeCriterion() {
        CourseSnapshot atezolizumab = course("70", true, "atezolizumab", 0, "bevacizumab", 0);
        var hold = only(feed(atezolizumab, transaminase(ALT, "250", "40").baseline("60", "40").grade(3)
                .at("2026-01-12T08:00:00Z").build()).decisions(), AlertDecision.Open.class).stream()
                .filter(o -> o.advice().drug().equals("atezolizumab")).findFirst().orElseThrow();
        MonitorStep recovered = feed(atezolizumab, transaminase(ALT, "45", "40").baseline("60", "40").grade(1)
                .at("2026-01-26T08:00:00Z").build());

        MonitorStep confirmed = monitor.onQualifierConfirmed(atezolizumab, watch, "prednisone-10mg-or-less", "confirmation-1");

        assertThat(hold.advice().action()).isEqualTo(DoseAction.HOLD);
        assertThat(only(recovered.decisions(), AlertDecision.ResumeEligible.class))
                .noneMatch(r -> r.heldAlertId().equals(hold.alertId()));
        assertThat(only(confirmed.decisions(), AlertDecision.ResumeEligible.class))
                .anySatisfy(r -> {
                    assertThat(r.heldAlertId()).isEqualTo(hold.alertId());
                    assertThat(r.check().explanation()).contains("prednisone");
                });
        assertThat(confirmed.watch().confirmedQualifiers()).contains("prednisone-10mg-or-less");
    }
}
