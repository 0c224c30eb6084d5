package org.toxwatch.regimens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.regimens.Courses.course;
import static org.toxwatch.regimens.FindingBuilder.ALT;
import static org.toxwatch.regimens.FindingBuilder.AST;
import static org.toxwatch.regimens.FindingBuilder.HYPERTENSION;
import static org.toxwatch.regimens.FindingBuilder.NEUTROPHILS;
import static org.toxwatch.regimens.FindingBuilder.PLATELETS;
import static org.toxwatch.regimens.FindingBuilder.finding;

import java.math.BigDecimal;
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
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.ladder.DoseLadder;
import org.toxwatch.regimens.ladder.DoseLevel;

/** Lenvatinib in HCC: weight-based ladders (dose_levels.csv lines 2-3) and rules.csv lines 2, 3, 5, 9, 10, 13, 15 and 30. */
class LenvatinibRulesTest {

    private static final String DRUG = "lenvatinib";

    private final RegimenCatalog catalog = RegimenCatalog.standard();

    private Optional<DoseAdvice> advice(CourseSnapshot course, Finding finding) {
        return catalog.advise(course, finding).stream().filter(advice -> advice.drug().equals(DRUG)).findFirst();
    }

    private Optional<DoseAdvice> advice(String bodyWeightKg, Integer level, String term, int grade) {
        return advice(course(bodyWeightKg, true, DRUG, level), finding(term).grade(grade).build());
    }

    // dose_levels.csv line 2 (>= 60 kg: 12 -> 8 -> 4 -> 4 QOD) and line 3 (< 60 kg: 8 -> 4 -> 4 QOD)
    @ParameterizedTest(name = "{0} kg -> ladder {1}")
    @CsvSource({
            "59.9, lenvatinib-hcc-under-60kg, 8 mg PO once daily, 3, 3",
            "59.99, lenvatinib-hcc-under-60kg, 8 mg PO once daily, 3, 3",
            "60, lenvatinib-hcc-60kg-and-over, 12 mg PO once daily, 4, 2",
            "60.0, lenvatinib-hcc-60kg-and-over, 12 mg PO once daily, 4, 2",
            "95, lenvatinib-hcc-60kg-and-over, 12 mg PO once daily, 4, 2"})
    void ladderIsChosenByBodyWeightWithSixtyKgInTheHigherBand(String weight, String ladderId, String startDose,
            int steps, int csvLine) {
        DoseLadder ladder = catalog.ladder(DRUG, new BigDecimal(weight)).orElseThrow();

        assertEquals(ladderId, ladder.id());
        assertEquals(new DoseLevel(0, startDose), ladder.level(0).orElseThrow());
        assertEquals(steps, ladder.levels().size());
        assertEquals(new DoseLevel(steps - 1, "4 mg every other day"), ladder.lastLevel());
        assertEquals(csvLine, ladder.csvLine());
    }

    @Test
    void noLadderWithoutBodyWeightOrForDrugsWithoutReductions() {
        assertTrue(catalog.ladder(DRUG, null).isEmpty());
        assertTrue(catalog.ladder("sintilimab", new BigDecimal("70")).isEmpty(), "PD-1 inhibitors are not reduced");
        assertTrue(catalog.ladder("haic-folfox", new BigDecimal("70")).isEmpty());
        assertTrue(catalog.ladder("tislelizumab", new BigDecimal("70")).isEmpty(), "unknown here");
    }

    // rules.csv line 2: grade 3 hypertension -> hold and reduce one level, after the clinician confirms persistence
    @ParameterizedTest(name = "{0} kg at level {1} -> level {2} ({3})")
    @CsvSource({
            "60, 0, 1, 8 mg once daily",
            "60, 1, 2, 4 mg once daily",
            "60, 2, 3, 4 mg every other day",
            "59.9, 0, 1, 4 mg once daily",
            "59.9, 1, 2, 4 mg every other day"})
    void gradeThreeHypertensionHoldsAndReducesOneLevel(String weight, int level, int nextLevel, String nextDose) {
        DoseAdvice advice = advice(weight, level, HYPERTENSION, 3).orElseThrow();

        assertEquals(DoseAction.HOLD_AND_REDUCE, advice.action());
        assertEquals("lenvatinib-hypertension-g3", advice.rule().id());
        assertEquals(2, advice.rule().csvLine());
        assertEquals(level, advice.currentLevel().level());
        assertEquals(new DoseLevel(nextLevel, nextDose), advice.recommendedLevel());
        assertEquals("controlled at <= Grade 2", advice.resumeWhen());
        assertTrue(advice.explanation().contains("confirm: persists despite optimal antihypertensive therapy"),
                advice.explanation());
    }

    // dose_levels.csv: after the last level comes discontinuation (line 2 after 4 mg QOD; line 3 after 4 mg QOD)
    @ParameterizedTest(name = "{0} kg at the last level {1} -> discontinue")
    @CsvSource({"60, 3", "59.9, 2"})
    void holdAndReduceAtTheLastLevelRecommendsDiscontinuation(String weight, int lastLevel) {
        DoseAdvice advice = advice(weight, lastLevel, HYPERTENSION, 3).orElseThrow();

        assertEquals(DoseAction.DISCONTINUE, advice.action());
        assertEquals("lenvatinib-hypertension-g3", advice.rule().id(), "the rule that fired is still cited");
        assertEquals(new DoseLevel(lastLevel, "4 mg every other day"), advice.currentLevel());
        assertNull(advice.recommendedLevel());
        assertNull(advice.resumeWhen(), "nothing to resume after discontinuation");
        assertTrue(advice.explanation().contains("next step down is discontinuation"), advice.explanation());
    }

    // rules.csv lines 2-3: grade 2 is not a dose rule here, grade 4 discontinues
    @Test
    void hypertensionGradeTwoGivesNoAdviceAndGradeFourDiscontinues() {
        assertTrue(advice("72", 0, HYPERTENSION, 2).isEmpty());

        DoseAdvice advice = advice("72", 0, HYPERTENSION, 4).orElseThrow();
        assertEquals(DoseAction.DISCONTINUE, advice.action());
        assertEquals("lenvatinib-hypertension-g4", advice.rule().id());
        assertEquals(3, advice.rule().csvLine());
        assertEquals(new DoseLevel(0, "12 mg PO once daily"), advice.currentLevel());
        assertNull(advice.recommendedLevel());
    }

    // rules.csv lines 9 (ALT) and 10 (AST): grade 3-4 hepatotoxicity -> hold, resume one level lower
    @ParameterizedTest(name = "{0} grade {1} -> {2}")
    @CsvSource({
            "Alanine aminotransferase increased, 2, , 0",
            "Alanine aminotransferase increased, 3, lenvatinib-alt-g3-4, 9",
            "Alanine aminotransferase increased, 4, lenvatinib-alt-g3-4, 9",
            "Aspartate aminotransferase increased, 2, , 0",
            "Aspartate aminotransferase increased, 3, lenvatinib-ast-g3-4, 10",
            "Aspartate aminotransferase increased, 4, lenvatinib-ast-g3-4, 10"})
    void transaminaseGradeThreeOrFourHoldsAndReduces(String term, int grade, String ruleId, int csvLine) {
        Optional<DoseAdvice> advice = advice("58", 0, term, grade);

        assertEquals(ruleId != null, advice.isPresent(), advice::toString);
        advice.ifPresent(reduce -> {
            assertEquals(DoseAction.HOLD_AND_REDUCE, reduce.action());
            assertEquals(ruleId, reduce.rule().id());
            assertEquals(csvLine, reduce.rule().csvLine());
            assertEquals(new DoseLevel(1, "4 mg once daily"), reduce.recommendedLevel());
            assertEquals("Grade 0-1 or baseline", reduce.resumeWhen());
        });
    }

    // rules.csv lines 13 (neutrophils) and 15 (platelets): first occurrence -> hold, resume at the same dose; grade 4
    // is managed as grade 3 only when judged not life-threatening, otherwise line 30 (any grade 4) discontinues
    @ParameterizedTest(name = "{0} grade {1} -> {2}")
    @CsvSource({
            "Neutrophil count decreased, 2, , 0",
            "Neutrophil count decreased, 3, HOLD, 13",
            "Neutrophil count decreased, 4, DISCONTINUE, 30",
            "Platelet count decreased, 2, , 0",
            "Platelet count decreased, 3, HOLD, 15",
            "Platelet count decreased, 4, DISCONTINUE, 30"})
    void haematologicalGradeThreeHoldsAssumingFirstOccurrenceAndUnjudgedGradeFourDiscontinues(String term, int grade,
            DoseAction action, int csvLine) {
        Optional<DoseAdvice> advice = advice("64", 1, term, grade);

        assertEquals(action != null, advice.isPresent(), advice::toString);
        advice.ifPresent(given -> {
            assertEquals(action, given.action());
            assertEquals(csvLine, given.rule().csvLine());
            assertEquals(new DoseLevel(1, "8 mg once daily"), given.currentLevel());
            if (action == DoseAction.HOLD) {
                assertEquals(given.currentLevel(), given.recommendedLevel(), "first occurrence: no reduction");
                assertEquals("resolved to <=Grade 2", given.resumeWhen());
                assertTrue(given.explanation().contains("First occurrence assumed"), given.explanation());
            } else {
                assertTrue(given.explanation().contains("Applies unless a clinician confirms: the grade 4 value is judged not life-threatening"),
                        given.explanation());
            }
        });
    }

    @Test
    void unknownBodyWeightStillAdvisesTheHoldWithoutInventingADose() {
        DoseAdvice advice = advice(null, 0, AST, 3).orElseThrow();

        assertEquals(DoseAction.HOLD_AND_REDUCE, advice.action());
        assertNull(advice.currentLevel());
        assertNull(advice.recommendedLevel());
        assertTrue(advice.explanation().contains("Body weight is not recorded, so the weight-based lenvatinib dose ladder cannot be chosen"), advice.explanation());
    }

    @Test
    void doseLevelBeyondTheLadderIsNamedNotGuessed() {
        DoseAdvice advice = advice("60", 6, ALT, 3).orElseThrow();

        assertEquals(DoseAction.HOLD_AND_REDUCE, advice.action());
        assertNull(advice.currentLevel());
        assertNull(advice.recommendedLevel());
        assertTrue(advice.explanation().contains("Dose level 6 is not on the HCC, body weight >= 60 kg ladder"),
                advice.explanation());
    }

    @Test
    void notGradableFindingFiresNoGradeRuleAndSaysWhy() {
        CourseSnapshot course = course("60", true, DRUG, 0);
        DoseEvaluation evaluation = catalog.evaluate(course,
                finding(HYPERTENSION).notGradable("only a diastolic pressure was reported").build());

        assertTrue(evaluation.advice().isEmpty(), evaluation::toString);
        assertEquals(List.of("lenvatinib-hypertension-g3", "lenvatinib-hypertension-g3-japan", "lenvatinib-hypertension-g4"),
                evaluation.notEvaluable().stream().map(RuleNotEvaluable::ruleId).toList());
        assertTrue(evaluation.notEvaluable().get(0).reason().contains("only a diastolic pressure was reported"));
    }

    @Test
    void gradeZeroFindingGivesNoAdviceAndNothingUnread() {
        DoseEvaluation evaluation = catalog.evaluate(course("60", true, DRUG, 0), finding(NEUTROPHILS).grade(0).build());

        assertTrue(evaluation.advice().isEmpty());
        assertTrue(evaluation.notEvaluable().isEmpty());
    }

    @Test
    void verifiedLabelRulesAreNotFlaggedUnverified() {
        DoseAdvice advice = advice("60", 0, PLATELETS, 3).orElseThrow();

        assertTrue(advice.rule().verified());
        assertEquals("label", advice.rule().sourceKind());
        assertFalse(advice.explanation().contains("[NV]"), advice.explanation());
    }
}
