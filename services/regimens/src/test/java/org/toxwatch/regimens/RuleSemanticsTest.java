package org.toxwatch.regimens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.regimens.Courses.course;
import static org.toxwatch.regimens.Courses.withHistory;
import static org.toxwatch.regimens.FindingBuilder.HAND_FOOT;
import static org.toxwatch.regimens.FindingBuilder.HYPERTENSION;
import static org.toxwatch.regimens.FindingBuilder.NEUTROPHILS;
import static org.toxwatch.regimens.FindingBuilder.finding;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.DoseEvaluation;
import org.toxwatch.regimens.advice.RuleNotEvaluable;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.course.OccurrenceKey;
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.ladder.DoseLevel;

/** Occurrence counting, persistence and clinician-only qualifiers as explicit inputs (issue #4 item 3). */
class RuleSemanticsTest {

    private static final String HFSR = "sorafenib-hfsr-grade-2-or-worse";

    private final RegimenCatalog catalog = RegimenCatalog.standard();

    private Optional<DoseAdvice> advice(CourseSnapshot course, String drug, Finding finding) {
        return catalog.advise(course, finding).stream().filter(advice -> advice.drug().equals(drug)).findFirst();
    }

    // rules.csv lines 40-44 (sorafenib hand-foot skin reaction), counted over grade >= 2 episodes (RULES.md 6, conflict 11)
    @ParameterizedTest(name = "HFSR grade {0} with {1} earlier episodes -> {2} (rules.csv line {3})")
    @CsvSource({
            "2, 0, , 40",
            "2, 1, HOLD_AND_REDUCE, 41",
            "2, 2, HOLD_AND_REDUCE, 41",
            "2, 3, DISCONTINUE, 42",
            "3, 0, HOLD_AND_REDUCE, 43",
            "3, 1, HOLD_AND_REDUCE, 43",
            "3, 2, DISCONTINUE, 44"})
    void sorafenibHandFootFollowsTheOccurrence(int grade, int prior, DoseAction action, int csvLine) {
        CourseSnapshot course = withHistory(course("70", true, "sorafenib", 0), new Object[] {"sorafenib", HFSR, prior});

        Optional<DoseAdvice> advice = advice(course, "sorafenib", finding(HAND_FOOT).grade(grade).build());

        assertEquals(action, advice.map(DoseAdvice::action).orElse(null), advice::toString);
        advice.ifPresent(given -> {
            assertEquals(csvLine, given.rule().csvLine());
            assertTrue(given.explanation().contains((prior + 1) + (prior == 0 ? "st" : prior == 1 ? "nd" : prior == 2 ? "rd" : "th")
                    + " occurrence of " + HFSR + " (" + prior + " before in this course)"), given.explanation());
            assertFalse(given.explanation().contains("First occurrence assumed"), given.explanation());
        });
    }

    @Test
    void handFootGradeTwoAndThreeEpisodesCountAsOccurrencesOfOneFamily() {
        CourseSnapshot course = course("70", true, "sorafenib", 0, "lenvatinib", 0);

        assertEquals(List.of(new OccurrenceKey("sorafenib", HFSR)), catalog.occurrencesOf(course, finding(HAND_FOOT).grade(3).build()));
        assertEquals(List.of(new OccurrenceKey("sorafenib", HFSR)), catalog.occurrencesOf(course, finding(HAND_FOOT).grade(2).build()));
        assertTrue(catalog.occurrencesOf(course, finding(HAND_FOOT).grade(1).build()).isEmpty());
    }

    // rules.csv lines 13-14: lenvatinib grade 3 neutropenia holds on the first occurrence, reduces from the second
    @ParameterizedTest(name = "ANC grade 3 with {0} earlier episodes -> {1}")
    @CsvSource({"0, HOLD, 0, 13", "1, HOLD_AND_REDUCE, 1, 14", "3, HOLD_AND_REDUCE, 1, 14"})
    void lenvatinibNeutropeniaReducesFromTheSecondOccurrence(int prior, DoseAction action, int nextLevel, int csvLine) {
        CourseSnapshot course = withHistory(course("60", true, "lenvatinib", 0),
                new Object[] {"lenvatinib", "lenvatinib-neutrophils-g3-4", prior});

        DoseAdvice advice = advice(course, "lenvatinib", finding(NEUTROPHILS).grade(3).build()).orElseThrow();

        assertEquals(action, advice.action());
        assertEquals(csvLine, advice.rule().csvLine());
        assertEquals(nextLevel, advice.recommendedLevel().level(), "ladder state: current level in, next level out");
    }

    @Test
    void laterOccurrenceRuleIsNotEvaluableWhenOccurrencesAreNotSupplied() {
        // rules.csv line 14: without counts the first occurrence is assumed (and said), and the reduction rule is listed
        DoseEvaluation evaluation = catalog.evaluate(course("60", true, "lenvatinib", 0), finding(NEUTROPHILS).grade(3).build());

        assertEquals(DoseAction.HOLD, evaluation.advice().get(0).action());
        RuleNotEvaluable later = evaluation.notEvaluable().stream()
                .filter(rule -> "lenvatinib-neutrophils-g3-later".equals(rule.ruleId())).findFirst().orElseThrow();
        assertTrue(later.reason().contains("prior occurrences of lenvatinib-neutrophils-g3-4 were not supplied"), later.reason());
    }

    @Test
    void reductionFromTheNextLevelIsReadFromTheLadderState() {
        // the advisor holds the level: after one reduction the course carries level 1 and the next reduction goes to 2
        CourseSnapshot reduced = withHistory(course("60", true, "lenvatinib", 0), new Object[] {"lenvatinib", "lenvatinib-neutrophils-g3-4", 1})
                .withDoseLevel("lenvatinib", 1);

        DoseAdvice advice = advice(reduced, "lenvatinib", finding(NEUTROPHILS).grade(3).build()).orElseThrow();

        assertEquals(new DoseLevel(1, "8 mg once daily"), advice.currentLevel());
        assertEquals(new DoseLevel(2, "4 mg once daily"), advice.recommendedLevel());
    }

    // rules.csv line 41: grade 2 hand-foot skin reaction not improved within 7 days (first occurrence)
    @ParameterizedTest(name = "HFSR grade 2 held since {0} -> {1}")
    @CsvSource({
            "2026-01-04T08:00:00Z, HOLD_AND_REDUCE",
            "2026-01-05T08:00:00Z, ",
            "2026-01-12T08:00:00Z, "})
    void gradeTwoLastingMoreThanSevenDaysHoldsAndReduces(String since, DoseAction action) {
        CourseSnapshot course = withHistory(course("70", true, "sorafenib", 0), new Object[] {});
        Finding handFoot = finding(HAND_FOOT).grade(2).at("2026-01-12T08:00:00Z").heldSince(since).build();

        Optional<DoseAdvice> advice = advice(course, "sorafenib", handFoot);

        assertEquals(action, advice.map(DoseAdvice::action).orElse(null), advice::toString);
        advice.ifPresent(given -> {
            assertEquals("sorafenib-hfsr-g2-first-not-improved", given.rule().id());
            assertTrue(given.explanation().contains("the grade has held since " + since + " (8 days, more than 7)"), given.explanation());
        });
    }

    @Test
    void persistenceRuleIsNotEvaluableWhenTheFindingDoesNotSaySinceWhen() {
        CourseSnapshot course = withHistory(course("70", true, "sorafenib", 0), new Object[] {});

        DoseEvaluation evaluation = catalog.evaluate(course, finding(HAND_FOOT).grade(2).build());

        assertTrue(evaluation.advice().isEmpty(), evaluation::toString);
        assertEquals(List.of("sorafenib-hfsr-g2-first-not-improved"), evaluation.notEvaluable().stream().map(RuleNotEvaluable::ruleId).toList());
        assertTrue(evaluation.notEvaluable().get(0).reason().contains("more than 7 days"));
    }

    // rules.csv line 107: oxaliplatin grade 2 neuropathy reduces only when persistent (> 7 days)
    @Test
    void oxaliplatinNeuropathyReducesOnlyWhenPersistent() {
        CourseSnapshot course = course("70", true, "haic-folfox", 0);
        Finding brief = finding("Peripheral sensory neuropathy").grade(2).at("2026-01-12T08:00:00Z").heldSince("2026-01-10T08:00:00Z").build();
        Finding lasting = brief.withGradeHeldSince(java.time.Instant.parse("2026-01-01T08:00:00Z"));

        assertTrue(advice(course, "haic-folfox", brief).isEmpty());
        DoseAdvice reduce = advice(course, "haic-folfox", lasting).orElseThrow();
        assertEquals(DoseAction.REDUCE, reduce.action());
        assertEquals(107, reduce.rule().csvLine());
        assertTrue(reduce.explanation().contains("reduce the oxaliplatin of haic-folfox"), reduce.explanation());
    }

    // rules.csv line 2: "despite optimal antihypertensive therapy" is the clinician's to confirm
    @Test
    void unconfirmedQualifierStillAdvisesAndAsksToConfirm() {
        Finding hypertension = finding(HYPERTENSION).grade(3).build();

        DoseAdvice unconfirmed = advice(course("70", true, "lenvatinib", 0), "lenvatinib", hypertension).orElseThrow();
        DoseAdvice confirmed = advice(withHistory(course("70", true, "lenvatinib", 0), new Object[] {},
                "despite-optimal-antihypertensive-therapy"), "lenvatinib", hypertension).orElseThrow();

        assertEquals(DoseAction.HOLD_AND_REDUCE, unconfirmed.action());
        assertTrue(unconfirmed.explanation().contains("Before acting, confirm: persists despite optimal antihypertensive therapy"),
                unconfirmed.explanation());
        assertEquals(DoseAction.HOLD_AND_REDUCE, confirmed.action());
        assertFalse(confirmed.explanation().contains("confirm: persists"), confirmed.explanation());
        assertTrue(confirmed.explanation().contains("confirmed by a clinician: persists despite optimal antihypertensive therapy"),
                confirmed.explanation());
    }

    // rules.csv lines 13 and 30: a grade 4 count judged not life-threatening is managed as grade 3
    @Test
    void confirmedNotLifeThreateningGradeFourIsManagedAsGradeThree() {
        Finding gradeFour = finding(NEUTROPHILS).grade(4).build();

        DoseAdvice stricter = advice(course("70", true, "lenvatinib", 0), "lenvatinib", gradeFour).orElseThrow();
        DoseAdvice judged = advice(withHistory(course("70", true, "lenvatinib", 0), new Object[] {}, "lab-value-not-life-threatening"),
                "lenvatinib", gradeFour).orElseThrow();

        assertEquals(DoseAction.DISCONTINUE, stricter.action());
        assertEquals(30, stricter.rule().csvLine());
        assertEquals(DoseAction.HOLD, judged.action());
        assertEquals("lenvatinib-neutrophils-g4-first", judged.rule().id());
        assertEquals(judged.currentLevel(), judged.recommendedLevel());
    }

    // rules.csv line 105 with RULES.md 6 conflict 11: PD-1 neuropathy fires only once attributed to the PD-1 drug
    @Test
    void attributionQualifierGatesTheRuleAndIsReportedUntilConfirmed() {
        Finding neuropathy = finding("Peripheral sensory neuropathy").grade(2).build();
        CourseSnapshot triple = course("70", true, "haic-folfox", 0, "lenvatinib", 0, "sintilimab", 0);

        DoseEvaluation unattributed = catalog.evaluate(triple, neuropathy);
        DoseEvaluation attributed = catalog.evaluate(withHistory(triple, new Object[] {}, "neuropathy-attributed-to-pd-1"), neuropathy);

        assertTrue(unattributed.advice().stream().noneMatch(advice -> advice.drug().equals("sintilimab")), unattributed::toString);
        assertTrue(unattributed.notEvaluable().stream().anyMatch(rule -> "pd-1-class-neuropathy-g2".equals(rule.ruleId())
                && rule.reason().contains("applies only once a clinician confirms")), unattributed::toString);
        DoseAdvice hold = attributed.advice().stream().filter(advice -> advice.drug().equals("sintilimab")).findFirst().orElseThrow();
        assertEquals(DoseAction.HOLD, hold.action());
        assertNull(hold.currentLevel(), "PD-1 inhibitors have no ladder");
    }
}
