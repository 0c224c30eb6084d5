package org.toxwatch.regimens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.regimens.Courses.course;
import static org.toxwatch.regimens.FindingBuilder.neutrophils;
import static org.toxwatch.regimens.FindingBuilder.platelets;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.DoseEvaluation;
import org.toxwatch.regimens.advice.RuleNotEvaluable;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.finding.Finding;

/**
 * HAIC-FOLFOX: He 2017 pre-cycle checks (rules.csv lines 130-131), the oxaliplatin label's pre-cycle minimums and
 * myelosuppression rows (lines 110-114) and the fluorouracil label rows (122-123). Cycle 2 is planned for 2026-01-26; the pre-cycle window is 3 days, start day included.
 */
class HaicFolfoxRulesTest {

    private static final String DRUG = "haic-folfox";
    private static final String PRECYCLE_ANC = "haic-folfox-precycle-neutrophils";
    private static final String PRECYCLE_PLATELETS = "haic-folfox-precycle-platelets";
    private static final String LABEL_PRECYCLE_ANC = "haic-folfox-oxaliplatin-precycle-neutrophils";
    private static final String LABEL_PRECYCLE_PLATELETS = "haic-folfox-oxaliplatin-precycle-platelets";
    private static final String LABEL_NEUTROPENIA = "haic-folfox-oxaliplatin-neutropenia-g4";
    private static final String LABEL_THROMBOCYTOPENIA = "haic-folfox-oxaliplatin-thrombocytopenia-g3-4";
    private static final String IN_WINDOW = "2026-01-24T07:30:00Z";
    private static final String MID_CYCLE_1 = "2026-01-12T07:30:00Z";

    private final RegimenCatalog catalog = RegimenCatalog.standard();
    private final CourseSnapshot course = course("58.5", true, DRUG, 0);

    private Optional<DoseAdvice> advice(Finding finding) {
        return catalog.advise(course, finding).stream().filter(advice -> advice.drug().equals(DRUG)).findFirst();
    }

    // rules.csv line 113 (label, ANC < 1.5 on the planned day: the default minimum, RULES.md 2.8) and line 130
    // (He 2017 protocol, ANC < 1.2): below 1.2 both fire and the verified label row decides
    @ParameterizedTest(name = "ANC {0} x10^9/L before cycle 2 -> delay: {1}, He 2017 also: {2}")
    @CsvSource({"1.19, true, true", "1.199999, true, true", "1.2, true, false", "1.49, true, false", "1.5, false, false",
            "1.0, true, true"})
    void precycleNeutrophilsDelayBelowTheLabelMinimum(String anc, boolean delayed, boolean protocolAlso) {
        Optional<DoseAdvice> advice = advice(neutrophils(anc).grade(2).at(IN_WINDOW).build());

        assertEquals(delayed, advice.isPresent(), () -> "ANC " + anc + ": " + advice);
        advice.ifPresent(delay -> {
            assertEquals(DoseAction.DELAY_CYCLE, delay.action());
            assertEquals(LABEL_PRECYCLE_ANC, delay.rule().id());
            assertEquals(113, delay.rule().csvLine());
            assertEquals("label", delay.rule().sourceKind());
            assertTrue(delay.explanation().contains("below 1.5 10*9/L"), delay.explanation());
            assertTrue(delay.explanation().contains("cycle 2, planned 2026-01-26"), delay.explanation());
            assertEquals(protocolAlso, delay.explanation().contains("Also fired: " + PRECYCLE_ANC + " (DELAY_CYCLE, rules.csv line 130)"),
                    delay.explanation());
            assertNull(delay.currentLevel(), "HAIC-FOLFOX has no dose ladder (dose_levels.csv line 17)");
        });
    }

    // rules.csv line 114 (label, platelets < 75) and line 131 (He 2017, < 60); grade 2, so line 112 stays silent
    @ParameterizedTest(name = "platelets {0} x10^9/L before cycle 2 -> delay: {1}")
    @CsvSource({"59.99, true", "59, true", "60, true", "74.99, true", "75, false", "75.0, false"})
    void precyclePlateletsDelayBelowSeventyFive(String count, boolean delayed) {
        Optional<DoseAdvice> advice = advice(platelets(count).grade(2).at(IN_WINDOW).build());

        assertEquals(delayed, advice.isPresent(), () -> "platelets " + count + ": " + advice);
        advice.ifPresent(delay -> {
            assertEquals(LABEL_PRECYCLE_PLATELETS, delay.rule().id());
            assertEquals(114, delay.rule().csvLine());
        });
    }

    // rules.csv line 130, window: from 3 days before the planned start up to the start day itself
    @ParameterizedTest(name = "ANC 1.1 drawn {0} -> in the pre-cycle window of cycle 2: {1}")
    @CsvSource({
            "2026-01-22T23:59:59Z, false",
            "2026-01-23T00:00:00Z, true",
            "2026-01-25T18:00:00Z, true",
            "2026-01-26T06:00:00Z, true",
            "2026-01-27T06:00:00Z, false",
            "2026-01-12T06:00:00Z, false"})
    void precycleWindowCoversThreeDaysBeforeTheStartAndTheStartDay(String drawn, boolean inWindow) {
        Optional<DoseAdvice> advice = advice(neutrophils("1.1").grade(2).at(drawn).build());

        assertEquals(inWindow, advice.isPresent(), () -> "drawn " + drawn + ": " + advice);
    }

    @Test
    void precycleWindowReadsTheWardCalendarNotUtc(@TempDir Path dir) {
        // 2026-01-22T20:00Z is already 2026-01-23 04:00 in Shanghai: inside the window there, outside it in UTC
        var files = TestCatalogs.standardFiles();
        files.put("catalog.yaml", files.get("catalog.yaml").replace("calendarZone: UTC", "calendarZone: Asia/Shanghai"));
        RegimenCatalog shanghai = RegimenCatalog.load(TestCatalogs.write(dir, files));
        Finding lateEvening = neutrophils("1.1").grade(2).at("2026-01-22T20:00:00Z").build();

        assertTrue(catalog.advise(course, lateEvening).isEmpty());
        List<DoseAdvice> advice = shanghai.advise(course, lateEvening);
        assertEquals(1, advice.size(), advice::toString);
        assertTrue(advice.get(0).explanation().contains("drawn 2026-01-23, 3 days before cycle 2"), advice.get(0).explanation());
    }

    // rules.csv line 110 (oxaliplatin: delay) and line 122 (fluorouracil: hold and reduce) both read grade 4 neutropenia;
    // the more severe fluorouracil hold is advised and names the oxaliplatin delay
    @ParameterizedTest(name = "neutropenia grade {1} mid-cycle -> advice: {2}")
    @CsvSource({"0.4, 4, true", "0.6, 3, false", "1.3, 2, false"})
    void gradeFourNeutropeniaHoldsFluorouracilAndDelaysOxaliplatin(String anc, int grade, boolean advised) {
        Optional<DoseAdvice> advice = advice(neutrophils(anc).grade(grade).at(MID_CYCLE_1).build());

        assertEquals(advised, advice.isPresent(), () -> "grade " + grade + ": " + advice);
        advice.ifPresent(hold -> {
            assertEquals(DoseAction.HOLD_AND_REDUCE, hold.action());
            assertEquals("haic-folfox-fluorouracil-neutropenia-g4", hold.rule().id());
            assertEquals(122, hold.rule().csvLine());
            assertTrue(hold.explanation().contains("the fluorouracil of haic-folfox"), hold.explanation());
            assertTrue(hold.explanation().contains("Also fired: " + LABEL_NEUTROPENIA + " (DELAY_CYCLE, rules.csv line 110)"),
                    hold.explanation());
            assertTrue(hold.explanation().contains("No dose ladder for haic-folfox"), hold.explanation());
        });
    }

    // rules.csv line 112: grade 3 thrombocytopenia delays the next cycle whenever it is found (grade 4 adds line 123)
    @ParameterizedTest(name = "thrombocytopenia grade {1} mid-cycle -> {2}")
    @CsvSource({"20, 4, haic-folfox-fluorouracil-thrombocytopenia-g4", "45, 3, haic-folfox-oxaliplatin-thrombocytopenia-g3-4",
            "70, 2, none"})
    void labelDelaysNextCycleOnGradeThreeOrFourThrombocytopenia(String count, int grade, String ruleId) {
        Optional<DoseAdvice> advice = advice(platelets(count).grade(grade).at(MID_CYCLE_1).build());

        assertEquals(ruleId, advice.map(a -> a.rule().id()).orElse("none"), () -> "grade " + grade + ": " + advice);
        advice.filter(a -> a.action() == DoseAction.DELAY_CYCLE).ifPresent(delay -> {
            assertEquals(112, delay.rule().csvLine());
            assertEquals("ANC >=1.5 x10^9/L AND platelets >=75 x10^9/L", delay.resumeWhen());
        });
    }

    @Test
    void labelRowDecidesWhenTheProtocolRowAlsoFires() {
        // platelets 45 before cycle 2 fire lines 114 and 112 (label) and 131 (protocol, < 60): same action, a verified
        // label row decides (RULES.md 6 precedence) and the protocol row is listed
        DoseAdvice delay = advice(platelets("45").grade(3).at(IN_WINDOW).build()).orElseThrow();

        assertEquals("label", delay.rule().sourceKind());
        assertTrue(delay.explanation().contains(PRECYCLE_PLATELETS + " (DELAY_CYCLE, rules.csv line 131)"), delay.explanation());
    }

    @Test
    void notGradableFindingStillFiresThresholdRuleWhoseValueIsPresent() {
        DoseEvaluation evaluation = catalog.evaluate(course,
                neutrophils("1.1").notGradable("no LLN reported by the laboratory").at(IN_WINDOW).build());

        assertEquals(List.of(LABEL_PRECYCLE_ANC), evaluation.advice().stream().map(advice -> advice.rule().id()).toList());
        assertEquals(List.of(LABEL_NEUTROPENIA, "haic-folfox-fluorouracil-neutropenia-g4"),
                evaluation.notEvaluable().stream().map(RuleNotEvaluable::ruleId).toList());
        evaluation.notEvaluable().forEach(rule -> assertTrue(rule.reason().contains("no LLN reported by the laboratory"), rule.reason()));
    }

    @Test
    void findingWithoutValueOrGradeIsReportedNotEvaluableNeverAsNoDelay() {
        DoseEvaluation evaluation = catalog.evaluate(course,
                neutrophils(null).notGradable("value withheld by the laboratory").at(IN_WINDOW).build());

        assertTrue(evaluation.advice().isEmpty(), evaluation::toString);
        assertEquals(List.of(PRECYCLE_ANC, LABEL_PRECYCLE_ANC, LABEL_NEUTROPENIA, "haic-folfox-fluorouracil-neutropenia-g4"),
                evaluation.notEvaluable().stream().map(RuleNotEvaluable::ruleId).toList());
    }

    @Test
    void valueInAnotherUnitIsNotEvaluableRatherThanCompared() {
        // 1100 /uL is 1.1 x10^9/L; comparing 1100 with 1.2 would wrongly clear the cycle
        DoseEvaluation evaluation = catalog.evaluate(course,
                finding("1100", "/uL").grade(2).at(IN_WINDOW).build());

        assertTrue(evaluation.advice().isEmpty(), evaluation::toString);
        assertEquals(List.of(PRECYCLE_ANC, LABEL_PRECYCLE_ANC), evaluation.notEvaluable().stream().map(RuleNotEvaluable::ruleId).toList());
        RuleNotEvaluable unit = evaluation.notEvaluable().get(0);
        assertTrue(unit.reason().contains("'/uL'") && unit.reason().contains("'10*9/L'"), unit.reason());
    }

    private static FindingBuilder finding(String value, String unit) {
        return FindingBuilder.finding(FindingBuilder.NEUTROPHILS).analyte("NEUTROPHILS").value(value, unit);
    }
}
