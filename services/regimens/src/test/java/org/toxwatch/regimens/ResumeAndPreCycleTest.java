package org.toxwatch.regimens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.regimens.Courses.course;
import static org.toxwatch.regimens.FindingBuilder.ALT;
import static org.toxwatch.regimens.FindingBuilder.NEUTROPHILS;
import static org.toxwatch.regimens.FindingBuilder.finding;
import static org.toxwatch.regimens.FindingBuilder.neutrophils;
import static org.toxwatch.regimens.FindingBuilder.platelets;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.course.CourseHistory;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.precycle.LabRequirement;
import org.toxwatch.regimens.precycle.PreCycleCheck;
import org.toxwatch.regimens.resume.HeldRule;
import org.toxwatch.regimens.resume.ResumeCheck;

/** Resume criteria as data (RESUME_ELIGIBLE) and pre-cycle treatment parameters (DELAY_CYCLE, labs required). */
class ResumeAndPreCycleTest {

    private static final Instant HELD_AT = Instant.parse("2026-01-12T08:00:00Z");

    private final RegimenCatalog catalog = RegimenCatalog.standard();

    // rules.csv line 110: delayed until ANC >= 1.5 x10^9/L AND platelets >= 75 x10^9/L
    @ParameterizedTest(name = "ANC {0}, platelets {1} after the delay -> {2}")
    @CsvSource({
            "1.6, 80, ELIGIBLE",
            "1.5, 75, ELIGIBLE",
            "1.49, 80, NOT_YET",
            "1.6, 74.9, NOT_YET",
            "1.6, , AWAITING_RESULTS",
            ", , AWAITING_RESULTS"})
    void oxaliplatinDelayResumesWhenBothCountsRecover(String anc, String count, ResumeCheck.Status status) {
        var hold = new HeldRule("haic-folfox", "haic-folfox-oxaliplatin-neutropenia-g4", NEUTROPHILS, HELD_AT);
        var later = new java.util.ArrayList<Finding>();
        if (anc != null) {
            later.add(neutrophils(anc).grade(0).at("2026-01-19T08:00:00Z").build());
        }
        if (count != null) {
            later.add(platelets(count).grade(1).at("2026-01-19T08:00:00Z").build());
        }

        ResumeCheck check = catalog.resumeCheck(hold, later, CourseHistory.unknown());

        assertEquals(status, check.status(), check::explanation);
        assertEquals(status == ResumeCheck.Status.ELIGIBLE, check.eligible());
    }

    @Test
    void resultsFromBeforeTheHoldDoNotCountAndTheLatestLaterResultDecides() {
        var hold = new HeldRule("haic-folfox", "haic-folfox-oxaliplatin-neutropenia-g4", NEUTROPHILS, HELD_AT);
        List<Finding> results = List.of(
                neutrophils("2.0").grade(0).at("2026-01-11T08:00:00Z").build(),   // before the hold
                platelets("90").grade(0).at("2026-01-11T08:00:00Z").build(),      // before the hold
                neutrophils("1.8").grade(0).at("2026-01-15T08:00:00Z").build(),
                neutrophils("1.1").grade(2).at("2026-01-18T08:00:00Z").build(),   // latest: not recovered
                platelets("100").grade(0).at("2026-01-18T08:00:00Z").build());

        ResumeCheck check = catalog.resumeCheck(hold, results, CourseHistory.unknown());

        assertEquals(ResumeCheck.Status.NOT_YET, check.status(), check::explanation);
        assertTrue(check.unmet().get(0).contains("NEUTROPHILS 1.1 10*9/L at 2026-01-18T08:00:00Z"), check::explanation);
    }

    // rules.csv line 13: lenvatinib held for grade 3 neutropenia resumes when resolved to <= grade 2
    @ParameterizedTest(name = "later ANC grade {0} -> {1}")
    @CsvSource({"2, ELIGIBLE", "1, ELIGIBLE", "3, NOT_YET"})
    void lenvatinibHoldResumesAtGradeTwoOrLess(int grade, ResumeCheck.Status status) {
        var hold = new HeldRule("lenvatinib", "lenvatinib-neutrophils-g3-first", NEUTROPHILS, HELD_AT);

        ResumeCheck check = catalog.resumeEligible(hold, finding(NEUTROPHILS).grade(grade).at("2026-01-20T08:00:00Z").build());

        assertEquals(status, check.status(), check::explanation);
    }

    // rules.csv line 52: atezolizumab resumes at grade 0-1 AND prednisone <= 10 mg/day, which a clinician confirms
    @Test
    void immunotherapyResumeWaitsForTheSteroidConfirmation() {
        var hold = new HeldRule("atezolizumab", "atezolizumab-hcc-hepatitis-baseline-1-3x-hold", ALT, HELD_AT);
        List<Finding> later = List.of(finding(ALT).grade(1).at("2026-02-01T08:00:00Z").build());

        ResumeCheck waiting = catalog.resumeCheck(hold, later, CourseHistory.unknown());
        ResumeCheck confirmed = catalog.resumeCheck(hold, later, CourseHistory.unknown().confirming("prednisone-10mg-or-less"));

        assertEquals(ResumeCheck.Status.AWAITING_RESULTS, waiting.status(), waiting::explanation);
        assertTrue(waiting.awaiting().get(0).contains("prednisone <= 10 mg/day"), waiting::explanation);
        assertEquals(ResumeCheck.Status.ELIGIBLE, confirmed.status(), confirmed::explanation);
    }

    @Test
    void discontinuationHasNoResumeCriterion() {
        var stop = new HeldRule("lenvatinib", "lenvatinib-hypertension-g4", "Hypertension", HELD_AT);

        assertEquals(ResumeCheck.Status.NO_CRITERION,
                catalog.resumeEligible(stop, finding("Hypertension").grade(1).at("2026-02-01T08:00:00Z").build()).status());
        assertThrows(IllegalArgumentException.class, () -> catalog.resumeEligible(
                new HeldRule("lenvatinib", "no-such-rule", NEUTROPHILS, HELD_AT), finding(NEUTROPHILS).grade(1).build()));
    }

    // Pre-cycle parameters before cycle 2 (planned 2026-01-26): rules.csv lines 113-114 (label) and 130-133 (He 2017),
    // window of 3 days before day 1, day 1 included
    private final CourseSnapshot haic = course("58.5", true, "haic-folfox", 0);

    private static List<Finding> labs(String anc, String count, String drawn) {
        return List.of(neutrophils(anc).grade(0).at(drawn).build(), platelets(count).grade(0).at(drawn).build(),
                FindingBuilder.bilirubin("12", "21").grade(0).at(drawn).build(),
                finding("Hypoalbuminemia").analyte("ALBUMIN").value("38", "g/L").grade(0).at(drawn).build());
    }

    @Test
    void labsInsideTheWindowThatMeetEveryMinimumAreReady() {
        PreCycleCheck check = catalog.preCycleCheck(haic, 2, labs("2.1", "150", "2026-01-24T07:00:00Z"));

        assertEquals(PreCycleCheck.Status.READY, check.status(), check::toString);
        assertTrue(check.delays().isEmpty() && check.labsRequired().isEmpty());
    }

    @Test
    void aMinimumNotMetDelaysTheCycleAndNamesTheRule() {
        // ANC 1.3: above the He 2017 minimum (1.2) but below the label's 1.5, which is the default (RULES.md 2.8)
        PreCycleCheck check = catalog.preCycleCheck(haic, 2, labs("1.3", "150", "2026-01-25T07:00:00Z"));

        assertEquals(PreCycleCheck.Status.DELAY_CYCLE, check.status());
        assertEquals(1, check.delays().size());
        assertEquals(DoseAction.DELAY_CYCLE, check.delays().get(0).action());
        assertEquals("haic-folfox-oxaliplatin-precycle-neutrophils", check.delays().get(0).rule().id());
        assertTrue(check.delays().get(0).explanation().contains("cycle 2, planned 2026-01-26"), check.delays().get(0).explanation());
    }

    @Test
    void twoMinimumsNotMetGiveOneDelayNamingBoth() {
        PreCycleCheck check = catalog.preCycleCheck(haic, 2, labs("1.3", "70", "2026-01-25T07:00:00Z"));

        assertEquals(1, check.delays().size());
        assertTrue(check.delays().get(0).explanation().contains("Other pre-cycle minimums not met: haic-folfox-oxaliplatin-precycle-platelets"),
                check.delays().get(0).explanation());
    }

    @Test
    void noLabInTheWindowRaisesLabsRequiredNamingEachMissingAnalyte() {
        // drawn 2026-01-22: one day before the window opens, so it does not count
        PreCycleCheck check = catalog.preCycleCheck(haic, 2, labs("2.1", "150", "2026-01-22T07:00:00Z"));

        assertEquals(PreCycleCheck.Status.LABS_REQUIRED, check.status());
        assertEquals(List.of("Neutrophil count decreased", "Platelet count decreased", "Blood bilirubin increased", "Hypoalbuminemia"),
                check.labsRequired().stream().map(LabRequirement::term).distinct().toList());
        LabRequirement first = check.labsRequired().get(0);
        assertEquals(java.time.LocalDate.parse("2026-01-23"), first.windowStart());
        assertTrue(first.describe().contains("no result between 2026-01-23 and 2026-01-26"), first.describe());
    }

    @Test
    void theLatestLabInTheWindowDecides() {
        var results = new java.util.ArrayList<>(labs("1.0", "150", "2026-01-23T07:00:00Z"));
        results.add(neutrophils("1.9").grade(0).at("2026-01-25T07:00:00Z").build());

        assertEquals(PreCycleCheck.Status.READY, catalog.preCycleCheck(haic, 2, results).status());
    }

    @Test
    void aMissingLabAndAFailedMinimumStillDelayAndListTheMissingLab() {
        List<Finding> onlyCounts = List.of(neutrophils("1.0").grade(2).at("2026-01-25T07:00:00Z").build(),
                platelets("150").grade(0).at("2026-01-25T07:00:00Z").build());

        PreCycleCheck check = catalog.preCycleCheck(haic, 2, onlyCounts);

        assertEquals(PreCycleCheck.Status.DELAY_CYCLE, check.status());
        assertEquals(List.of("Blood bilirubin increased", "Hypoalbuminemia"),
                check.labsRequired().stream().map(LabRequirement::term).toList());
    }
}
