package org.toxwatch.ctcae.pro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Composite grades of PRO-CTCAE answers, at the edges where each item's grade changes.
 *
 * <p>Source of every expected grade: the composite grading algorithm of Basch E et al., Clin Trials
 * 2021;18(1):104-114, as the Alliance PROCTCAE_scores SAS macro v1.0.0 (Langlais BT, Dueck AC) encodes it
 * ({@code ____comp_tab}); the paper's own table was not available, so these rows are unverified. awell-health's
 * independent table (awell-score, todo/pro_ctcae/scoring_table.ts) agrees with every row tested here except those
 * marked "disputed", where it gives 2.
 */
class CompositeGradeTest {

    private static final ProCtcae PRO = ProCtcae.standard();

    /** answers: "frequency=3 severity=2"; grade -1 = not gradable. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # Nausea, item 9, frequency x severity (table FS)
            nausea                | frequency=0                           | 0
            nausea                | frequency=1 severity=0                | 1
            nausea                | frequency=1 severity=2                | 1
            nausea                | frequency=1 severity=3                | 2
            nausea                | frequency=2 severity=1                | 1
            nausea                | frequency=2 severity=2                | 2
            nausea                | frequency=3 severity=2                | 2
            nausea                | frequency=3 severity=3                | 3
            nausea                | frequency=4 severity=4                | 3
            # Vomiting, item 10, the same table; frequency 3 x severity 4 is disputed (awell: 2)
            vomiting              | frequency=0                           | 0
            vomiting              | frequency=2 severity=4                | 2
            vomiting              | frequency=3 severity=4                | 3
            vomiting              | frequency=4 severity=2                | 2
            vomiting              | frequency=4 severity=3                | 3
            # Diarrhea, item 16, frequency alone (table F)
            diarrhea              | frequency=0                           | 0
            diarrhea              | frequency=1                           | 1
            diarrhea              | frequency=2                           | 1
            diarrhea              | frequency=3                           | 2
            diarrhea              | frequency=4                           | 3
            # Decreased appetite, item 8, severity x interference (table SI)
            decreased-appetite    | severity=0                            | 0
            decreased-appetite    | severity=1 interference=2             | 1
            decreased-appetite    | severity=1 interference=3             | 2
            decreased-appetite    | severity=2 interference=1             | 1
            decreased-appetite    | severity=2 interference=2             | 2
            decreased-appetite    | severity=2 interference=4             | 3
            decreased-appetite    | severity=3 interference=0             | 1
            decreased-appetite    | severity=3 interference=1             | 2
            decreased-appetite    | severity=3 interference=3             | 3
            decreased-appetite    | severity=4 interference=0             | 2
            decreased-appetite    | severity=4 interference=2             | 2
            decreased-appetite    | severity=4 interference=3             | 3
            # Fatigue, item 53, table SI
            fatigue               | severity=0                            | 0
            fatigue               | severity=1 interference=0             | 1
            fatigue               | severity=2 interference=3             | 2
            fatigue               | severity=3 interference=3             | 3
            # Numbness and tingling, item 39, table SI
            numbness-and-tingling | severity=0 interference=0             | 0
            numbness-and-tingling | severity=1 interference=4             | 2
            numbness-and-tingling | severity=2 interference=3             | 2
            numbness-and-tingling | severity=2 interference=4             | 3
            numbness-and-tingling | severity=4 interference=1             | 2
            # Mouth or throat sores, item 3, table SI (no CTCAE term to suggest, see ProCtcaeSuggestionTest)
            mouth-or-throat-sores | severity=0                            | 0
            mouth-or-throat-sores | severity=3 interference=2             | 2
            mouth-or-throat-sores | severity=3 interference=3             | 3
            # Hand-foot syndrome, item 30, severity alone (table S)
            hand-foot-syndrome    | severity=0                            | 0
            hand-foot-syndrome    | severity=1                            | 1
            hand-foot-syndrome    | severity=2                            | 2
            hand-foot-syndrome    | severity=3                            | 3
            hand-foot-syndrome    | severity=4                            | 3
            # Pain in the abdomen, item 17, frequency x severity x interference (table FSI)
            abdominal-pain        | frequency=0                           | 0
            abdominal-pain        | frequency=1 severity=0 interference=0 | 0
            abdominal-pain        | frequency=1 severity=0                | 0
            abdominal-pain        | frequency=3 severity=0                | 1
            abdominal-pain        | frequency=1 severity=1 interference=3 | 2
            abdominal-pain        | frequency=1 severity=2 interference=0 | 1
            abdominal-pain        | frequency=1 severity=2 interference=1 | 2
            abdominal-pain        | frequency=1 severity=2 interference=4 | 3
            abdominal-pain        | frequency=2 severity=2 interference=0 | 2
            abdominal-pain        | frequency=2 severity=2 interference=3 | 3
            abdominal-pain        | frequency=3 severity=3 interference=1 | 2
            abdominal-pain        | frequency=3 severity=3 interference=2 | 3
            abdominal-pain        | frequency=4 severity=1 interference=1 | 1
            abdominal-pain        | frequency=4 severity=1 interference=2 | 2
            abdominal-pain        | frequency=4 severity=1 interference=4 | 3
            abdominal-pain        | frequency=4 severity=4 interference=4 | 3
            # Rash, item 24, presence (table P, ToxWatch's reading: no rash is grade 0, a rash is for a clinician)
            rash                  | presence=0                            | 0
            rash                  | presence=1                            | -1
            """)
    void answersGiveTheCompositeGradeOfTheirRow(String item, String answers, int expected) {
        CompositeGrade grade = PRO.composite(ProCtcaeAnswers.read(item, parse(answers), null));
        if (expected < 0) {
            assertFalse(grade.isGradable(), grade.explanation());
            assertNull(grade.grade());
        } else {
            assertEquals(expected, grade.grade(), grade.explanation());
            assertTrue(grade.explanation().contains("composite grade " + expected), grade.explanation());
        }
        assertTrue(grade.explanation().contains(grade.rowName()), grade.explanation());
        assertTrue(grade.explanation().contains("UNVERIFIED"), grade.explanation());
        assertFalse(grade.verified());
    }

    @Test
    void theExplanationNamesTheAnswerWordsTheRowAndTheSource() {
        CompositeGrade grade = PRO.composite(ProCtcaeAnswers.read("Nausea", Map.of("frequency", 3, "severity", 2), null));
        assertEquals("table FS, row frequency 3 + severity 2", grade.rowName());
        assertTrue(grade.explanation().startsWith("PRO-CTCAE item 9 \"Nausea\" (past 7 days): frequency 3 "
                + "\"Frequently\", severity 2 \"Moderate\" give composite grade 2"), grade.explanation());
        assertTrue(grade.explanation().contains("Basch E, et al."), grade.explanation());
        assertTrue(grade.source().contains("PROCTCAE_scores"), grade.source());
    }

    @Test
    void aDisputedRowSaysWhatTheOtherEncodingGives() {
        CompositeGrade grade = PRO.composite(ProCtcaeAnswers.read("nausea", Map.of("frequency", 3, "severity", 3), null));
        assertEquals(3, grade.grade());
        assertTrue(grade.explanation().contains("awell-health/awell-score gives 2"), grade.explanation());
    }

    @Test
    void anAnswerTheBranchingDidNotAskCountsAsZeroAndTheExplanationSaysSo() {
        // NCI branching: after frequency "Never" no severity question; after severity "None" no interference question
        CompositeGrade never = PRO.composite(ProCtcaeAnswers.read("nausea", Map.of("frequency", 0), null));
        assertEquals(0, never.grade());
        assertEquals(Map.of(ProCtcaeAttribute.FREQUENCY, 0, ProCtcaeAttribute.SEVERITY, 0), never.scores());
        assertTrue(never.explanation().contains("severity not asked after an earlier answer of 0"), never.explanation());

        CompositeGrade noSeverity = PRO.composite(ProCtcaeAnswers.read("abdominal-pain",
                Map.of("frequency", 3, "severity", 0), null));
        assertEquals(1, noSeverity.grade()); // row frequency 3 + severity 0 + interference 0
        assertEquals(java.util.Set.of(ProCtcaeAttribute.INTERFERENCE), noSeverity.notAsked());
    }

    @Test
    void aMissingAnswerIsNotGradableAndNeverReadAsZero() {
        CompositeGrade noSeverity = PRO.composite(ProCtcaeAnswers.read("nausea", Map.of("frequency", 3), null));
        assertFalse(noSeverity.isGradable());
        assertNull(noSeverity.row());
        assertTrue(noSeverity.explanation().contains("severity was not answered"), noSeverity.explanation());
        assertTrue(noSeverity.explanation().contains("never read as 0"), noSeverity.explanation());

        CompositeGrade onlyInterference = PRO.composite(ProCtcaeAnswers.read("fatigue", Map.of("interference", 2), null));
        assertFalse(onlyInterference.isGradable());
        assertTrue(onlyInterference.explanation().contains("severity was not answered"), onlyInterference.explanation());

        CompositeGrade noInterference = PRO.composite(ProCtcaeAnswers.read("abdominal-pain",
                Map.of("frequency", 2, "severity", 1), null));
        assertFalse(noInterference.isGradable(), noInterference.explanation());

        CompositeGrade nothing = PRO.composite(ProCtcaeAnswers.read("diarrhea", Map.of(), null));
        assertFalse(nothing.isGradable());
        assertTrue(nothing.explanation().contains("frequency was not answered"), nothing.explanation());
    }

    @Test
    void aNullAnswerIsAbsent() {
        Map<String, Integer> answers = new LinkedHashMap<>();
        answers.put("frequency", 2);
        answers.put("severity", null);
        assertFalse(PRO.composite(ProCtcaeAnswers.read("vomiting", answers, null)).isGradable());
    }

    @Test
    void aRashIsLeftToAClinician() {
        CompositeGrade rash = PRO.composite(ProCtcaeAnswers.read("rash", Map.of("presence", 1), null));
        assertFalse(rash.isGradable());
        assertTrue(rash.explanation().contains("body surface area"), rash.explanation());
        assertTrue(rash.explanation().contains("table P, row presence 1"), rash.explanation());
    }

    @Test
    void anotherRecallPeriodIsGradedButSaidToDifferFromNcisStandard() {
        CompositeGrade grade = PRO.composite(ProCtcaeAnswers.read("diarrhea", Map.of("frequency", 3), "P14D"));
        assertEquals(2, grade.grade());
        assertTrue(grade.explanation().contains("recall period P14D, not NCI's standard past 7 days"),
                grade.explanation());
    }

    @Test
    void answersThatCannotBeUsedAreRefusedWithTheirReason() {
        assertRefused(AnswersRefusedException.Reason.UNKNOWN_PRO_CTCAE_ITEM, "no PRO-CTCAE item 'grumpiness'",
                () -> PRO.composite(ProCtcaeAnswers.read("grumpiness", Map.of("severity", 2), null)));
        assertRefused(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, "asks no interference question",
                () -> PRO.composite(ProCtcaeAnswers.read("nausea", Map.of("frequency", 2, "interference", 2), null)));
        assertRefused(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, "scored 0 to 4, not 5",
                () -> ProCtcaeAnswers.read("nausea", Map.of("severity", 5), null));
        assertRefused(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, "scored 0 to 1, not 2",
                () -> ProCtcaeAnswers.read("rash", Map.of("presence", 2), null));
        assertRefused(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, "not -1",
                () -> ProCtcaeAnswers.read("diarrhea", Map.of("frequency", -1), null));
        assertRefused(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, "whole number from 0 to 4, not 2.5",
                () -> ProCtcaeAnswers.read("nausea", Map.of("frequency", new BigDecimal("2.5")), null));
        assertRefused(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, "'intensity' is not a PRO-CTCAE attribute",
                () -> ProCtcaeAnswers.read("nausea", Map.of("intensity", 2), null));
        assertRefused(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, "not a period",
                () -> ProCtcaeAnswers.read("nausea", Map.of("frequency", 2), "7 days"));
        // frequency "Never" and then a severity: the instrument never asks it, and no row holds it
        assertRefused(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, "contradict",
                () -> PRO.composite(ProCtcaeAnswers.read("nausea", Map.of("frequency", 0, "severity", 2), null)));
        Map<ProCtcaeAttribute, Integer> tooHigh = new EnumMap<>(ProCtcaeAttribute.class);
        tooHigh.put(ProCtcaeAttribute.INTERFERENCE, 7);
        assertRefused(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, "not 7",
                () -> ProCtcaeAnswers.of("fatigue", tooHigh));
    }

    @Test
    void wholeNumbersWrittenWithADecimalPointAreAccepted() {
        assertEquals(2, PRO.composite(ProCtcaeAnswers.read("diarrhea", Map.of("frequency", new BigDecimal("3.0")),
                null)).grade());
    }

    static void assertRefused(AnswersRefusedException.Reason reason, String says, Runnable call) {
        AnswersRefusedException e = assertThrows(AnswersRefusedException.class, call::run);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(reason.name() + ": "), e.getMessage());
        assertTrue(e.detail().contains(says), e.detail());
    }

    static Map<String, Integer> parse(String answers) {
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (String answer : answers.trim().split("\\s+")) {
            String[] parts = answer.split("=");
            parsed.put(parts[0], Integer.parseInt(parts[1]));
        }
        return parsed;
    }
}
