package org.toxwatch.ctcae.pro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.ctcae.criteria.CtcaeCriteria;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.GradingStatus;

import java.math.BigDecimal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.pro.CompositeGradeTest.assertRefused;
import static org.toxwatch.ctcae.pro.CompositeGradeTest.parse;

/**
 * Composite grades as suggested CTCAE grades of the item's term (composite grade n suggests grade n; the item-to-term
 * readings are in pro-ctcae-composite.yaml and unverified). Expected composite grades as in {@link CompositeGradeTest}
 * (Basch et al. 2021 via the Alliance PROCTCAE_scores macro v1.0.0).
 */
class ProCtcaeSuggestionTest {

    private static final ProCtcae PRO = ProCtcae.standard();

    @ParameterizedTest(name = "v{0} {1} {2} -> {3} grade {4}")
    @CsvSource(delimiter = '|', textBlock = """
            5.0 | nausea                | frequency=3 severity=2                | Nausea                                     | 2
            6.0 | nausea                | frequency=3 severity=2                | Nausea                                     | 2
            5.0 | vomiting              | frequency=4 severity=3                | Vomiting                                   | 3
            5.0 | diarrhea              | frequency=2                           | Diarrhea                                   | 1
            5.0 | decreased-appetite    | severity=2 interference=2             | Anorexia                                   | 2
            6.0 | decreased-appetite    | severity=4 interference=4             | Anorexia                                   | 3
            5.0 | fatigue               | severity=3 interference=3             | Fatigue                                    | 3
            5.0 | hand-foot-syndrome    | severity=2                            | Palmar-plantar erythrodysesthesia syndrome | 2
            6.0 | numbness-and-tingling | severity=2 interference=4             | Peripheral sensory neuropathy              | 3
            5.0 | abdominal-pain        | frequency=1 severity=2 interference=1 | Abdominal pain                             | 2
            5.0 | rash                  | presence=0                            | Rash maculo-papular                        | 0
            """)
    void theCompositeGradeIsSuggestedForTheItemsTermWithNcisText(String version, String item, String answers,
                                                                  String term, int grade) {
        Grading suggestion = PRO.suggest(ProCtcaeAnswers.read(item, parse(answers), null), CtcaeGrader.forVersion(version));
        assertEquals(term, suggestion.term());
        assertEquals(version, suggestion.ctcaeVersion());
        assertEquals(GradingStatus.GRADED, suggestion.status());
        assertEquals(grade, suggestion.grade());
        assertEquals(BigDecimal.valueOf(grade), suggestion.value());
        assertNull(suggestion.analyte());
        String explanation = suggestion.explanation();
        assertTrue(explanation.startsWith(term + " grade " + grade + " (CTCAE v" + version + ") suggested from the "
                + "patient's PRO-CTCAE answers: "), explanation);
        assertTrue(explanation.contains("not a clinician's grade"), explanation);
        assertTrue(explanation.contains("UNVERIFIED"), explanation);
        if (grade == 0) {
            assertNull(suggestion.band());
        } else {
            String nciText = CtcaeCriteria.forVersion(version).term(term).orElseThrow().nciText().get(grade);
            assertEquals(ProCtcae.BASIS, suggestion.band().basis());
            assertEquals(grade, suggestion.band().grade());
            assertEquals(nciText, suggestion.band().nciText());
            assertTrue(explanation.contains(nciText), explanation);
        }
    }

    @Test
    void theExplanationNamesAnswersRowSourceAndVerification() {
        Grading nausea = PRO.suggest(ProCtcaeAnswers.read("nausea", Map.of("frequency", 3, "severity", 2), null),
                CtcaeGrader.forVersion("5.0"));
        assertTrue(nausea.explanation().contains("frequency 3 \"Frequently\", severity 2 \"Moderate\" give composite "
                + "grade 2 (table FS, row frequency 3 + severity 2; Basch E, et al."), nausea.explanation());
        assertTrue(nausea.explanation().contains("Composite grade 2 is read as CTCAE grade 2 of Nausea"),
                nausea.explanation());
    }

    @Test
    void missingAnswersGiveANotGradableTermWithTheReason() {
        Grading nausea = PRO.suggest(ProCtcaeAnswers.read("nausea", Map.of("frequency", 3), null),
                CtcaeGrader.forVersion("5.0"));
        assertEquals("Nausea", nausea.term());
        assertEquals(GradingStatus.NOT_GRADABLE, nausea.status());
        assertNull(nausea.grade());
        assertNull(nausea.band());
        assertTrue(nausea.explanation().startsWith("Nausea not gradable (CTCAE v5.0) from the patient's PRO-CTCAE "
                + "answers: "), nausea.explanation());
        assertTrue(nausea.explanation().contains("severity was not answered"), nausea.explanation());

        Grading rash = PRO.suggest(ProCtcaeAnswers.read("rash", Map.of("presence", 1), null),
                CtcaeGrader.forVersion("6.0"));
        assertEquals("Rash maculo-papular", rash.term());
        assertEquals(GradingStatus.NOT_GRADABLE, rash.status());
        assertTrue(rash.explanation().contains("a clinician must grade it"), rash.explanation());
    }

    @Test
    void anItemWithoutACtcaeTermIsRefusedEvenThoughItsCompositeIsKnown() {
        ProCtcaeAnswers sores = ProCtcaeAnswers.read("mouth-or-throat-sores", Map.of("severity", 3, "interference", 3),
                null);
        assertEquals(3, PRO.composite(sores).grade());
        assertRefused(AnswersRefusedException.Reason.NO_CTCAE_TERM, "Mucositis oral",
                () -> PRO.suggest(sores, CtcaeGrader.forVersion("5.0")));
        assertRefused(AnswersRefusedException.Reason.NO_CTCAE_TERM, "composite grade 3", () -> PRO.check(sores));
    }
}
