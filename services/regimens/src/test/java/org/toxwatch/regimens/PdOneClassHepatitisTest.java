package org.toxwatch.regimens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.regimens.Courses.course;
import static org.toxwatch.regimens.FindingBuilder.ALT;
import static org.toxwatch.regimens.FindingBuilder.AST;
import static org.toxwatch.regimens.FindingBuilder.transaminase;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.DoseEvaluation;
import org.toxwatch.regimens.advice.RuleNotEvaluable;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.finding.Finding;

/**
 * PD-1 class hepatitis rules (RULES.md 2.4 and 2.7; rules.csv line 101 for HCC with an abnormal baseline, line 77 for
 * the class wording with no involvement or a normal baseline; conflicts 4, 5 and 7 of RULES.md 6).
 * ULN is 40 U/L throughout, so 5 x ULN = 200, 8 x = 320, 10 x = 400 and 3 x = 120 U/L.
 */
class PdOneClassHepatitisTest {

    private static final String ULN = "40";
    private static final String BAND_1_HOLD = "pd-1-class-hcc-hepatitis-baseline-1-3x-hold";
    private static final String BAND_2_HOLD = "pd-1-class-hcc-hepatitis-baseline-3-5x-hold";
    private static final String HCC_DISCONTINUE = "pd-1-class-hcc-hepatitis-discontinue";
    private static final String NORMAL_HOLD = "pd-1-class-hepatitis-normal-baseline-hold";
    private static final String NORMAL_DISCONTINUE = "pd-1-class-hepatitis-normal-baseline-discontinue";

    private final RegimenCatalog catalog = RegimenCatalog.standard();

    private Optional<DoseAdvice> advice(CourseSnapshot course, Finding finding) {
        return catalog.advise(course, finding).stream().filter(advice -> advice.drug().equals("sintilimab")).findFirst();
    }

    /** Baseline and value in U/L for a patient with HCC liver involvement; the expected rule, or none. */
    static Stream<Arguments> baselineBands() {
        List<Arguments> rows = List.of(
                // baseline >1-3 x ULN (line 101): hold above 5 up to 10 x ULN
                Arguments.of("80", "200", null),
                Arguments.of("80", "200.01", BAND_1_HOLD),
                Arguments.of("80", "400", BAND_1_HOLD),
                Arguments.of("80", "400.01", HCC_DISCONTINUE),
                Arguments.of("40.01", "240", BAND_1_HOLD),
                Arguments.of("120", "240", BAND_1_HOLD),
                // baseline >3-5 x ULN (line 101): hold above 8 up to 10 x ULN
                Arguments.of("120.01", "240", null),
                Arguments.of("120.01", "320", null),
                Arguments.of("120.01", "320.01", BAND_2_HOLD),
                Arguments.of("200", "360", BAND_2_HOLD),
                Arguments.of("200", "400.01", HCC_DISCONTINUE),
                // baseline above 5 x ULN: the labels name no hold band, only discontinuation above 10 x ULN
                Arguments.of("220", "360", null),
                Arguments.of("220", "400.01", HCC_DISCONTINUE),
                // baseline at or below ULN (line 77 class wording): hold above 3 up to 8, discontinue above 8 (conflict 7)
                Arguments.of("40", "120", null),
                Arguments.of("40", "120.01", NORMAL_HOLD),
                Arguments.of("40", "320", NORMAL_HOLD),
                Arguments.of("40", "320.01", NORMAL_DISCONTINUE),
                Arguments.of("30", "360", NORMAL_DISCONTINUE));
        return Stream.of(AST, ALT).flatMap(term -> rows.stream().map(row -> Arguments.of(term, row.get()[0], row.get()[1], row.get()[2])));
    }

    @ParameterizedTest(name = "{0}: baseline {1} U/L, value {2} U/L (ULN 40) -> {3}")
    @MethodSource("baselineBands")
    void hccRuleFollowsTheBaselineBand(String term, String baseline, String value, String expectedRule) {
        Finding finding = transaminase(term, value, ULN).grade(3).baseline(baseline, ULN).build();

        Optional<DoseAdvice> advice = advice(course("70", true, "sintilimab", 0), finding);

        assertEquals(Optional.ofNullable(expectedRule), advice.map(fired -> fired.rule().id()), () -> advice.toString());
        advice.ifPresent(fired -> {
            assertEquals(expectedRule.endsWith("discontinue") ? DoseAction.DISCONTINUE : DoseAction.HOLD, fired.action());
            assertEquals(expectedRule.startsWith("pd-1-class-hcc") ? 101 : 77, fired.rule().csvLine());
        });
    }

    @ParameterizedTest(name = "no liver involvement, abnormal baseline, value {0} U/L -> {1}")
    @org.junit.jupiter.params.provider.CsvSource({"120, ", "150, " + NORMAL_HOLD, "320.01, " + NORMAL_DISCONTINUE})
    void withoutLiverInvolvementTheNoInvolvementThresholdsApplyWhateverTheBaseline(String value, String expectedRule) {
        Finding finding = transaminase(AST, value, ULN).grade(2).baseline("80", ULN).build();

        Optional<DoseAdvice> advice = advice(course("70", false, "sintilimab", 0), finding);

        assertEquals(Optional.ofNullable(expectedRule), advice.map(fired -> fired.rule().id()), () -> advice.toString());
        advice.ifPresent(fired -> assertTrue(fired.explanation().contains("no liver involvement recorded"), fired.explanation()));
    }

    @Test
    void explanationNamesValueThresholdAndBaseline() {
        Finding finding = transaminase(AST, "410", ULN).grade(3).baseline("84", ULN).build();

        DoseAdvice advice = advice(course("70", true, "sintilimab", 0), finding).orElseThrow();

        assertEquals(DoseAction.DISCONTINUE, advice.action());
        String text = advice.explanation();
        assertTrue(text.startsWith("AST 410 U/L is 10.25 x ULN (40 U/L)"), text);
        assertTrue(text.contains("with a baseline of 2.1 x ULN (84 U/L against ULN 40 U/L)"), text);
        assertTrue(text.contains("above 10 x ULN → discontinue sintilimab"), text);
        assertTrue(text.contains("class inference for sintilimab"), text);
        assertTrue(text.contains("[NV]"), text);
    }

    @Test
    void normalBaselineDiscontinuationSaysItIsTheStricterReading() {
        // RULES.md 6 conflict 7: 8-10 x ULN with a normal baseline is unclear in one label; the stricter reading is applied
        Finding finding = transaminase(ALT, "360", ULN).grade(3).baseline("35", ULN).build();

        DoseAdvice advice = advice(course("70", true, "sintilimab", 0), finding).orElseThrow();

        assertEquals(NORMAL_DISCONTINUE, advice.rule().id());
        assertTrue(advice.explanation().contains("stricter reading"), advice.explanation());
    }

    @Test
    void baselineBandIsReadAgainstTheBaselineSamplesOwnUpperLimit() {
        // baseline 140 U/L against its own ULN of 50 is 2.8 x (band 1); against today's ULN of 40 it would be 3.5 x (band 2)
        Finding finding = transaminase(AST, "240", ULN).grade(3).baseline("140", "50").build();

        DoseAdvice advice = advice(course("70", true, "sintilimab", 0), finding).orElseThrow();

        assertEquals(BAND_1_HOLD, advice.rule().id());
        assertTrue(advice.explanation().contains("baseline of 2.8 x ULN"), advice.explanation());
    }

    @Test
    void missingBaselineUpperLimitFallsBackToTheCurrentOneAndSaysSo() {
        Finding finding = transaminase(AST, "240", ULN).grade(3).baseline("80", null).build();

        DoseAdvice advice = advice(course("70", true, "sintilimab", 0), finding).orElseThrow();

        assertEquals(BAND_1_HOLD, advice.rule().id());
        assertTrue(advice.explanation().contains("the baseline's own was not given"), advice.explanation());
    }

    @Test
    void liverInvolvementWithoutBaselineLeavesTheBandRulesNotEvaluable() {
        CourseSnapshot course = course("70", true, "sintilimab", 0);
        DoseEvaluation evaluation = catalog.evaluate(course, transaminase(AST, "240", ULN).grade(3).build());

        assertTrue(evaluation.advice().isEmpty(), evaluation::toString);
        assertEquals(List.of(BAND_1_HOLD, NORMAL_HOLD), ruleIds(evaluation.notEvaluable()));
        assertTrue(evaluation.notEvaluable().stream().allMatch(rule -> rule.reason().contains("baseline")));
    }

    @Test
    void aboveTenTimesUlnDiscontinuesEvenWithoutBaseline() {
        CourseSnapshot course = course("70", true, "sintilimab", 0);
        DoseEvaluation evaluation = catalog.evaluate(course, transaminase(ALT, "480", ULN).grade(3).build());

        assertEquals(List.of(HCC_DISCONTINUE), evaluation.advice().stream().map(advice -> advice.rule().id()).toList());
        assertEquals(List.of(NORMAL_DISCONTINUE), ruleIds(evaluation.notEvaluable()));
    }

    @Test
    void valueWithoutUpperLimitIsNotEvaluable() {
        DoseEvaluation evaluation = catalog.evaluate(course("70", false, "sintilimab", 0),
                transaminase(AST, "410", null).grade(3).build());

        assertTrue(evaluation.advice().isEmpty());
        assertFalse(evaluation.notEvaluable().isEmpty());
        assertTrue(evaluation.notEvaluable().stream().allMatch(rule -> rule.reason().contains("upper limit of normal")));
    }

    // RULES.md 2.7: camrelizumab and sintilimab use the PD-1 class rules by analogy, so their advice is unverified
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"camrelizumab", "sintilimab", "Sintilimab"})
    void classAliasesAreFlaggedAsClassInference(String drug) {
        Finding finding = transaminase(AST, "240", ULN).grade(3).baseline("80", ULN).build();

        DoseAdvice advice = catalog.advise(course("70", true, drug, 0), finding).get(0);

        assertEquals(drug, advice.drug());
        assertEquals(BAND_1_HOLD, advice.rule().id());
        assertFalse(advice.rule().verified());
        assertTrue(advice.explanation().contains("class inference for " + drug), advice.explanation());
        assertTrue(advice.explanation().contains("[NV] unverified"), advice.explanation());
    }

    @Test
    void theClassEntryItselfKeepsTheSourceVerification() {
        Finding finding = transaminase(AST, "240", ULN).grade(3).baseline("80", ULN).build();

        DoseAdvice advice = catalog.advise(course("70", true, "pd-1-class", 0), finding).get(0);

        assertTrue(advice.rule().verified());
        assertFalse(advice.explanation().contains("class inference"), advice.explanation());
    }

    private static List<String> ruleIds(List<RuleNotEvaluable> rules) {
        return rules.stream().map(RuleNotEvaluable::ruleId).toList();
    }
}
