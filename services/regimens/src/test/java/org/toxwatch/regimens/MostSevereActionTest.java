package org.toxwatch.regimens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.regimens.Courses.course;
import static org.toxwatch.regimens.FindingBuilder.NEUTROPHILS;
import static org.toxwatch.regimens.FindingBuilder.finding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.advice.DoseAdvice;

/**
 * When several rules of one drug fire on one finding, one advice is given: the most severe action, in the order
 * documented on {@link DoseAction} (REDUCE < DELAY_CYCLE < HOLD < HOLD_AND_REDUCE < DISCONTINUE); on a tie the stronger
 * source, then a verified rule, then the earlier rule. Written against small catalogs so every pair can be tried.
 */
class MostSevereActionTest {

    private static final List<DoseAction> BY_SEVERITY = List.of(
            DoseAction.REDUCE, DoseAction.DELAY_CYCLE, DoseAction.HOLD, DoseAction.HOLD_AND_REDUCE, DoseAction.DISCONTINUE);

    @TempDir
    Path dir;

    /** Every pair of actions, the milder one written first and then last. */
    static Stream<Arguments> actionPairs() {
        var pairs = new ArrayList<Arguments>();
        for (int milder = 0; milder < BY_SEVERITY.size(); milder++) {
            for (int severer = milder + 1; severer < BY_SEVERITY.size(); severer++) {
                pairs.add(Arguments.of(BY_SEVERITY.get(milder), BY_SEVERITY.get(severer), true));
                pairs.add(Arguments.of(BY_SEVERITY.get(milder), BY_SEVERITY.get(severer), false));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} and {1} (milder first: {2}) -> {1}")
    @MethodSource("actionPairs")
    void mostSevereActionWinsWhateverTheFileOrder(DoseAction milder, DoseAction severer, boolean milderFirst) {
        String mild = rule("mild", milder, "label", true);
        String severe = rule("severe", severer, "label", true);
        RegimenCatalog catalog = catalog(milderFirst ? mild + severe : severe + mild);

        DoseAdvice advice = only(catalog.advise(course("70", false, "trial-drug", 0), gradeThree()));

        assertEquals(severer, advice.action());
        assertEquals("severe", advice.rule().id());
        assertTrue(advice.explanation().contains("Also fired: mild (" + milder + ", rules.csv line 2)"), advice.explanation());
    }

    @Test
    void continueRowsAreDataOnlyAndNeverAdvice() {
        RegimenCatalog catalog = catalog(rule("keep-going", DoseAction.CONTINUE, "label", true));

        assertTrue(catalog.advise(course("70", false, "trial-drug", 0), gradeThree()).isEmpty());
    }

    @Test
    void continueRowDoesNotMaskAHold() {
        RegimenCatalog catalog = catalog(rule("keep-going", DoseAction.CONTINUE, "label", true)
                + rule("hold-it", DoseAction.HOLD, "protocol", true));

        assertEquals("hold-it", only(catalog.advise(course("70", false, "trial-drug", 0), gradeThree())).rule().id());
    }

    @Test
    void onEqualActionsTheLabelRowDecidesOverProtocolAndGuideline() {
        RegimenCatalog catalog = catalog(rule("from-guideline", DoseAction.HOLD, "guideline", true)
                + rule("from-protocol", DoseAction.HOLD, "protocol", true)
                + rule("from-label", DoseAction.HOLD, "label", true));

        assertEquals("from-label", only(catalog.advise(course("70", false, "trial-drug", 0), gradeThree())).rule().id());
    }

    @Test
    void onEqualActionsAndSourcesAVerifiedRowDecides() {
        RegimenCatalog catalog = catalog(rule("unverified", DoseAction.HOLD, "label", false)
                + rule("verified", DoseAction.HOLD, "label", true));

        assertEquals("verified", only(catalog.advise(course("70", false, "trial-drug", 0), gradeThree())).rule().id());
    }

    @Test
    void unverifiedRuleSaysSoInItsAdvice() {
        RegimenCatalog catalog = catalog(rule("unverified", DoseAction.HOLD, "label", false));

        DoseAdvice advice = only(catalog.advise(course("70", false, "trial-drug", 0), gradeThree()));

        assertEquals(false, advice.rule().verified());
        assertTrue(advice.explanation().contains("[NV] unverified: check against the current label"), advice.explanation());
    }

    private RegimenCatalog catalog(String rules) {
        String drugFile = """
                drug: trial-drug
                name: Drug used to try rule selection
                version: 1
                ladders:
                  - id: trial-drug-ladder
                    setting: any patient
                    levels: [100 mg, 75 mg, 50 mg]
                    afterLastLevel: discontinue
                    source: test ladder [V]
                    csvLine: 2
                rules:
                """ + rules;
        return RegimenCatalog.load(TestCatalogs.write(dir, Map.of(
                "catalog.yaml", TestCatalogs.index("trial-drug.yaml"),
                "trial-drug.yaml", drugFile)));
    }

    private static String rule(String id, DoseAction action, String sourceKind, boolean verified) {
        return """
                  - id: %s
                    text: grade 3 neutropenia, %s
                    terms: [Neutrophil count decreased]
                    trigger:
                      grade: { min: 3, max: 4 }
                    action: %s
                    source: test source %s
                    sourceKind: %s
                    verified: %s
                    csvLine: 2
                """.formatted(id, action, action, verified ? "[V]" : "[NV]", sourceKind, verified);
    }

    private static org.toxwatch.regimens.finding.Finding gradeThree() {
        return finding(NEUTROPHILS).grade(3).build();
    }

    private static DoseAdvice only(List<DoseAdvice> advice) {
        assertEquals(1, advice.size(), advice::toString);
        return advice.get(0);
    }
}
