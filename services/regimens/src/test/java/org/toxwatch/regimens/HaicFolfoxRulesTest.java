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
 * HAIC-FOLFOX: He 2017 pre-cycle checks (rules.csv lines 130-131) and the oxaliplatin label's myelosuppression rows
 * (lines 110 and 112). Cycle 2 is planned for 2026-01-26; the pre-cycle window is 3 days, start day included.
 */
class HaicFolfoxRulesTest {

    private static final String DRUG = "haic-folfox";
    private static final String PRECYCLE_ANC = "haic-folfox-precycle-neutrophils";
    private static final String PRECYCLE_PLATELETS = "haic-folfox-precycle-platelets";
    private static final String LABEL_NEUTROPENIA = "haic-folfox-oxaliplatin-neutropenia-g4";
    private static final String LABEL_THROMBOCYTOPENIA = "haic-folfox-oxaliplatin-thrombocytopenia-g3-4";
    private static final String IN_WINDOW = "2026-01-24T07:30:00Z";
    private static final String MID_CYCLE_1 = "2026-01-12T07:30:00Z";

    private final RegimenCatalog catalog = RegimenCatalog.standard();
    private final CourseSnapshot course = course("58.5", true, DRUG, 0);

    private Optional<DoseAdvice> advice(Finding finding) {
        return catalog.advise(course, finding).stream().filter(advice -> advice.drug().equals(DRUG)).findFirst();
    }

    // rules.csv line 130: ANC < 1.2 x10^9/L on the planned HAIC day
    @ParameterizedTest(name = "ANC {0} x10^9/L before cycle 2 -> delay: {1}")
    @CsvSource({"1.19, true", "1.199999, true", "1.2, false", "1.21, false", "1.0, true"})
    void precycleNeutrophilsDelayBelowOnePointTwo(String anc, boolean delayed) {
        Optional<DoseAdvice> advice = advice(neutrophils(anc).grade(2).at(IN_WINDOW).build());

        assertEquals(delayed, advice.isPresent(), () -> "ANC " + anc + ": " + advice);
        advice.ifPresent(delay -> {
            assertEquals(DoseAction.DELAY_CYCLE, delay.action());
            assertEquals(PRECYCLE_ANC, delay.rule().id());
            assertEquals(130, delay.rule().csvLine());
            assertEquals("protocol", delay.rule().sourceKind());
            assertTrue(delay.explanation().contains("below 1.2 10*9/L"), delay.explanation());
            assertTrue(delay.explanation().contains("cycle 2, planned 2026-01-26"), delay.explanation());
            assertTrue(delay.resumeWhen().startsWith("ANC >= 1.2"), delay.resumeWhen());
            assertNull(delay.currentLevel(), "HAIC-FOLFOX has no dose ladder (dose_levels.csv line 17)");
        });
    }

    // rules.csv line 131: platelets < 60 x10^9/L on the planned HAIC day (grade 2, so line 112 stays silent)
    @ParameterizedTest(name = "platelets {0} x10^9/L before cycle 2 -> delay: {1}")
    @CsvSource({"59.99, true", "59, true", "60, false", "60.0, false", "74, false"})
    void precyclePlateletsDelayBelowSixty(String count, boolean delayed) {
        Optional<DoseAdvice> advice = advice(platelets(count).grade(2).at(IN_WINDOW).build());

        assertEquals(delayed, advice.isPresent(), () -> "platelets " + count + ": " + advice);
        advice.ifPresent(delay -> {
            assertEquals(PRECYCLE_PLATELETS, delay.rule().id());
            assertEquals(131, delay.rule().csvLine());
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

    // rules.csv line 110: grade 4 neutropenia delays the next cycle whenever it is found
    @ParameterizedTest(name = "neutropenia grade {0} mid-cycle -> delay: {1}")
    @CsvSource({"0.4, 4, true", "0.6, 3, false", "1.3, 2, false"})
    void labelDelaysNextCycleOnGradeFourNeutropenia(String anc, int grade, boolean delayed) {
        Optional<DoseAdvice> advice = advice(neutrophils(anc).grade(grade).at(MID_CYCLE_1).build());

        assertEquals(delayed, advice.isPresent(), () -> "grade " + grade + ": " + advice);
        advice.ifPresent(delay -> {
            assertEquals(DoseAction.DELAY_CYCLE, delay.action());
            assertEquals(LABEL_NEUTROPENIA, delay.rule().id());
            assertEquals(110, delay.rule().csvLine());
            assertEquals("ANC >= 1.5 x10^9/L AND platelets >= 75 x10^9/L", delay.resumeWhen());
            assertTrue(delay.explanation().contains("cycle 2, planned 2026-01-26"), delay.explanation());
        });
    }

    // rules.csv line 112: grade 3-4 thrombocytopenia delays the next cycle whenever it is found
    @ParameterizedTest(name = "thrombocytopenia grade {1} mid-cycle -> delay: {2}")
    @CsvSource({"20, 4, true", "45, 3, true", "70, 2, false"})
    void labelDelaysNextCycleOnGradeThreeOrFourThrombocytopenia(String count, int grade, boolean delayed) {
        Optional<DoseAdvice> advice = advice(platelets(count).grade(grade).at(MID_CYCLE_1).build());

        assertEquals(delayed, advice.isPresent(), () -> "grade " + grade + ": " + advice);
        advice.ifPresent(delay -> {
            assertEquals(LABEL_THROMBOCYTOPENIA, delay.rule().id());
            assertEquals(112, delay.rule().csvLine());
            assertEquals("ANC >= 1.5 x10^9/L AND platelets >= 75 x10^9/L", delay.resumeWhen());
        });
    }

    @Test
    void labelRowDecidesWhenTheProtocolRowAlsoFires() {
        // platelets 45 before cycle 2 fire line 131 (protocol, < 60) and line 112 (label, grade 3): same action, the
        // label row decides (RULES.md 6 precedence) and carries the stricter resume criterion
        DoseAdvice delay = advice(platelets("45").grade(3).at(IN_WINDOW).build()).orElseThrow();

        assertEquals(LABEL_THROMBOCYTOPENIA, delay.rule().id());
        assertTrue(delay.explanation().contains("Also fired: " + PRECYCLE_PLATELETS), delay.explanation());
    }

    @Test
    void notGradableFindingStillFiresThresholdRuleWhoseValueIsPresent() {
        DoseEvaluation evaluation = catalog.evaluate(course,
                neutrophils("1.1").notGradable("no LLN reported by the laboratory").at(IN_WINDOW).build());

        assertEquals(List.of(PRECYCLE_ANC), evaluation.advice().stream().map(advice -> advice.rule().id()).toList());
        RuleNotEvaluable gradeRule = only(evaluation.notEvaluable());
        assertEquals(LABEL_NEUTROPENIA, gradeRule.ruleId());
        assertTrue(gradeRule.reason().contains("no LLN reported by the laboratory"), gradeRule.reason());
    }

    @Test
    void findingWithoutValueOrGradeIsReportedNotEvaluableNeverAsNoDelay() {
        DoseEvaluation evaluation = catalog.evaluate(course,
                neutrophils(null).notGradable("value withheld by the laboratory").at(IN_WINDOW).build());

        assertTrue(evaluation.advice().isEmpty(), evaluation::toString);
        assertEquals(List.of(PRECYCLE_ANC, LABEL_NEUTROPENIA),
                evaluation.notEvaluable().stream().map(RuleNotEvaluable::ruleId).toList());
    }

    @Test
    void valueInAnotherUnitIsNotEvaluableRatherThanCompared() {
        // 1100 /uL is 1.1 x10^9/L; comparing 1100 with 1.2 would wrongly clear the cycle
        DoseEvaluation evaluation = catalog.evaluate(course,
                finding("1100", "/uL").grade(2).at(IN_WINDOW).build());

        assertTrue(evaluation.advice().isEmpty(), evaluation::toString);
        RuleNotEvaluable unit = only(evaluation.notEvaluable());
        assertEquals(PRECYCLE_ANC, unit.ruleId());
        assertTrue(unit.reason().contains("'/uL'") && unit.reason().contains("'10*9/L'"), unit.reason());
    }

    private static FindingBuilder finding(String value, String unit) {
        return FindingBuilder.finding(FindingBuilder.NEUTROPHILS).analyte("NEUTROPHILS").value(value, unit);
    }

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items::toString);
        return items.get(0);
    }
}
