package org.toxwatch.regimens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.regimens.Courses.course;
import static org.toxwatch.regimens.Courses.withHistory;
import static org.toxwatch.regimens.FindingBuilder.ALT;
import static org.toxwatch.regimens.FindingBuilder.AST;
import static org.toxwatch.regimens.FindingBuilder.HAND_FOOT;
import static org.toxwatch.regimens.FindingBuilder.bilirubin;
import static org.toxwatch.regimens.FindingBuilder.finding;
import static org.toxwatch.regimens.FindingBuilder.platelets;
import static org.toxwatch.regimens.FindingBuilder.transaminase;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.DoseEvaluation;
import org.toxwatch.regimens.catalog.RegimenCatalogException;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.precycle.PreCycleCheck;
import org.toxwatch.regimens.rules.Region;

/**
 * Deployment settings and combined rules: institution overrides (precedence, citation, rejection), the region setting,
 * the TKI + PD-1 combination rows (Hy's-law-like stop), rule gaps that must be reported, class inference.
 */
class CatalogSettingsTest {

    private static final String IN_WINDOW = "2026-01-24T07:30:00Z";

    @TempDir
    Path dir;

    private final RegimenCatalog catalog = RegimenCatalog.standard();

    private static Optional<DoseAdvice> advice(RegimenCatalog catalog, CourseSnapshot course, String drug, Finding finding) {
        return catalog.advise(course, finding).stream().filter(advice -> advice.drug().equals(drug)).findFirst();
    }

    private Path overrides(String rules) throws Exception {
        Path file = dir.resolve("institution-overrides.yaml");
        Files.writeString(file, """
                overrides: toxwatch-institution-overrides
                version: "2026.1"
                institution: "Test HCC Centre"
                """ + rules, StandardCharsets.UTF_8);
        return file;
    }

    /** RULES.md 2.8: "ANC >= 1.5 and platelets >= 100 before each HAIC cycle" as a site rule replacing the label minimum. */
    private static final String PLATELETS_100 = """
            rules:
              - drug: haic-folfox
                replaces: [haic-folfox-oxaliplatin-precycle-platelets]
                approvedBy: "P&T committee 2026-03-01"
                rule:
                  id: site-haic-precycle-platelets-100
                  text: "Site rule: delay the HAIC cycle while platelets are below 100 x10^9/L"
                  terms: [Platelet count decreased]
                  trigger:
                    value: { below: 100, unit: "10*9/L" }
                    preCycleDays: 3
                  action: DELAY_CYCLE
                  resumeWhen: "platelets >= 100 x10^9/L"
                  resume:
                    - analyte: PLATELETS
                      value: { atLeast: 100, unit: "10*9/L" }
                  source: "Site HAIC protocol v3, 4.2"
                  sourceKind: institution
                  verified: true
            """;

    @Test
    void overrideTightensThePreCycleMinimumAndSaysItDecided() throws Exception {
        RegimenCatalog site = catalog.withOverrides(overrides(PLATELETS_100));
        CourseSnapshot course = course("60", true, "haic-folfox", 0);
        Finding platelets90 = platelets("90").grade(0).at(IN_WINDOW).build();

        assertTrue(advice(catalog, course, "haic-folfox", platelets90).isEmpty(), "the label minimum (75) is met");
        DoseAdvice delay = advice(site, course, "haic-folfox", platelets90).orElseThrow();
        assertEquals(DoseAction.DELAY_CYCLE, delay.action());
        assertEquals("site-haic-precycle-platelets-100", delay.rule().id());
        assertEquals("institution", delay.rule().sourceKind());
        assertTrue(delay.rule().isOverride());
        assertTrue(delay.rule().decidedBy().contains("institution-overrides.yaml version 2026.1"), delay.rule().decidedBy());
        assertTrue(delay.explanation().contains("Decided by institution override site-haic-precycle-platelets-100 (Test HCC Centre"),
                delay.explanation());
        assertTrue(site.rule("haic-folfox-oxaliplatin-precycle-platelets").isPresent(), "the replaced rule is still known by id");
        assertEquals(PreCycleCheck.Status.DELAY_CYCLE, site.preCycleCheck(course, 2, List.of(platelets90)).status());
    }

    @Test
    void overrideDecidesATieOverEveryCatalogSource() throws Exception {
        // platelets 50 before cycle 2 fire the label (line 114), the protocol (line 131) and the site rule: all DELAY_CYCLE
        RegimenCatalog site = catalog.withOverrides(overrides(PLATELETS_100.replace(
                "replaces: [haic-folfox-oxaliplatin-precycle-platelets]", "replaces: []")));

        DoseAdvice delay = advice(site, course("60", true, "haic-folfox", 0), "haic-folfox",
                platelets("50").grade(2).at(IN_WINDOW).build()).orElseThrow();

        assertEquals("site-haic-precycle-platelets-100", delay.rule().id());
        assertTrue(delay.explanation().contains("haic-folfox-oxaliplatin-precycle-platelets (DELAY_CYCLE, rules.csv line 114)"),
                delay.explanation());
    }

    @Test
    void shippedOverrideFileIsEmptyAndChangesNothing() throws Exception {
        Path shipped = Path.of(RegimenCatalog.class.getResource("/regimens/institution-overrides.yaml").toURI());
        RegimenCatalog site = catalog.withOverrides(shipped);

        assertTrue(site.overrides().orElseThrow().rules().isEmpty());
        assertEquals(catalog.advise(course("60", true, "haic-folfox", 0), platelets("70").grade(2).at(IN_WINDOW).build()),
                site.advise(course("60", true, "haic-folfox", 0), platelets("70").grade(2).at(IN_WINDOW).build()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown replaced rule | replaces: [haic-folfox-oxaliplatin-precycle-platelets] | replaces: [haic-folfox-no-such-rule] | which is not a rule of haic-folfox",
            "unknown drug | drug: haic-folfox | drug: nivolumab | drug nivolumab is not in the catalog",
            "catalog source kind | sourceKind: institution | sourceKind: label | sourceKind must be institution",
            "misspelt field | approvedBy: | approvedby: | approvedby",
            "unknown term | terms: [Platelet count decreased] | terms: [Platelets low] | Platelets low",
            "rule id of the catalog | id: site-haic-precycle-platelets-100 | id: haic-folfox-precycle-platelets | rule id is already used"})
    void brokenOverrideFileIsRejectedWhole(String what, String from, String to, String problem) throws Exception {
        Path broken = overrides(PLATELETS_100.replace(from, to));

        RegimenCatalogException rejection = assertThrows(RegimenCatalogException.class, () -> catalog.withOverrides(broken));

        assertTrue(rejection.problems().stream().anyMatch(p -> p.contains(problem)), () -> what + ": " + rejection.getMessage());
    }

    // RULES.md 6, conflict 1: lenvatinib proteinuria >= 2 g/24 h, first occurrence: EU hold (line 6) vs US reduce (line 7, [NV])
    @ParameterizedTest(name = "region {0} -> {1} ({2})")
    @CsvSource({", HOLD_AND_REDUCE, lenvatinib-proteinuria-us", "US, HOLD_AND_REDUCE, lenvatinib-proteinuria-us",
            "EU, HOLD, lenvatinib-proteinuria-first-eu"})
    void proteinuriaFollowsTheRegionAndDefaultsToTheStricterRow(String region, DoseAction action, String ruleId) {
        RegimenCatalog deployed = catalog.inRegion(region == null ? null : Region.fromCode(region));
        CourseSnapshot course = withHistory(course("65", true, "lenvatinib", 0), new Object[] {});
        Finding protein = finding("Proteinuria").analyte("URINE_PROTEIN_24H").value("2.4", "g/(24.h)").grade(2).build();

        DoseAdvice advice = advice(deployed, course, "lenvatinib", protein).orElseThrow();

        assertEquals(action, advice.action());
        assertEquals(ruleId, advice.rule().id());
        assertEquals(!ruleId.endsWith("-us"), advice.rule().verified());
        assertEquals(ruleId.endsWith("-us"), advice.explanation().contains("[NV] unverified"), advice.explanation());
    }

    @Test
    void regionCanBeSetByTheOverrideFile() throws Exception {
        RegimenCatalog site = catalog.withOverrides(overrides("region: EU\nrules: []\n"));

        assertEquals(Optional.of(Region.EU), site.region());
        assertEquals(Optional.empty(), catalog.region());
    }

    // RULES.md 6, conflict 6: durvalumab US multiples of ULN (line 76) vs EU multiples of baseline (line 83, [NV])
    @ParameterizedTest(name = "region {0} -> {1}")
    @CsvSource({", DISCONTINUE, durvalumab-hcc-hepatitis-discontinue", "US, DISCONTINUE, durvalumab-hcc-hepatitis-discontinue",
            "EU, HOLD, durvalumab-eu-blv-5-7x-hold"})
    void durvalumabLiverRuleFollowsTheRegion(String region, DoseAction action, String ruleId) {
        // baseline 100 U/L (2.5 x ULN 40); 600 U/L is 15 x ULN and 6 x the baseline value
        Finding alt = transaminase(ALT, "600", "40").baseline("100", "40").grade(3).build();

        DoseAdvice advice = advice(catalog.inRegion(region == null ? null : Region.fromCode(region)),
                course("70", true, "durvalumab", 0), "durvalumab", alt).orElseThrow();

        assertEquals(action, advice.action());
        assertEquals(ruleId, advice.rule().id());
        assertEquals(region == null || !region.equals("EU"), advice.rule().verified(), "EU rows are [NV]");
    }

    // rules.csv line 136 with line 135: Hy's-law-like stop from two separate findings given together
    @ParameterizedTest(name = "ALT 150 (3.75 x ULN) with bilirubin {0} umol/L at {1} -> {2}")
    @CsvSource({
            "45, 2026-01-12T10:00:00Z, DISCONTINUE, tki-pd-1-hys-law-discontinue-both",
            "40, 2026-01-12T10:00:00Z, DISCONTINUE, tki-pd-1-hys-law-discontinue-both",
            "39, 2026-01-12T10:00:00Z, HOLD, tki-pd-1-hepatitis-hold-both",
            "45, 2026-01-14T10:00:00Z, HOLD, tki-pd-1-hepatitis-hold-both"})
    void hysLawStopDiscontinuesBothDrugsFromSeparateFindings(String bilirubinValue, String bilirubinAt, DoseAction action,
            String ruleId) {
        CourseSnapshot triple = course("70", false, "haic-folfox", 0, "lenvatinib", 0, "sintilimab", 0);
        Finding alt = transaminase(ALT, "150", "40").grade(2).at("2026-01-12T08:00:00Z").build();
        Finding bili = bilirubin(bilirubinValue, "20").grade(2).at(bilirubinAt).build();

        DoseEvaluation evaluation = catalog.evaluateTogether(triple, List.of(alt, bili));

        for (String drug : List.of("lenvatinib", "sintilimab")) {
            DoseAdvice advice = evaluation.advice().stream().filter(a -> a.drug().equals(drug)).findFirst().orElseThrow();
            assertEquals(action, advice.action(), drug + ": " + advice.explanation());
            assertEquals(ruleId, advice.rule().id(), drug);
        }
        assertTrue(evaluation.advice().stream().noneMatch(a -> a.drug().equals("haic-folfox") && a.rule().id().startsWith("tki-pd-1")),
                "HAIC is not part of the TKI + PD-1 combination rule");
    }

    @Test
    void hysLawRuleAloneIsNotEvaluableWithoutABilirubinGivenTogether() {
        CourseSnapshot course = course("70", false, "lenvatinib", 0, "toripalimab", 0);

        DoseEvaluation evaluation = catalog.evaluate(course, transaminase(AST, "150", "40").grade(2).build());

        assertTrue(evaluation.notEvaluable().stream().anyMatch(rule -> rule.ruleId().equals("tki-pd-1-hys-law-discontinue-both")
                && rule.reason().contains("none was given with this finding")), evaluation::toString);
        assertEquals(List.of("lenvatinib", "toripalimab"), evaluation.advice().stream().map(DoseAdvice::drug).toList());
        assertTrue(evaluation.advice().stream().allMatch(a -> a.action() == DoseAction.HOLD), evaluation::toString);
    }

    @Test
    void oneCatalogBindsTheCombinationRulesToEachCourseByItsOwnDrugs() {
        // the catalog keeps the rules it bound to a drug: lenvatinib with a PD-1 inhibitor, then alone, then with one
        // again, must each get the rules of its own course
        CourseSnapshot withPd1 = course("70", false, "lenvatinib", 0, "toripalimab", 0);
        CourseSnapshot alone = course("70", false, "lenvatinib", 0);
        Finding ast = transaminase(AST, "150", "40").grade(2).build();

        DoseEvaluation first = catalog.evaluate(withPd1, ast);
        DoseEvaluation single = catalog.evaluate(alone, ast);
        DoseEvaluation again = catalog.evaluate(withPd1, ast);

        assertTrue(first.advice().stream().anyMatch(a -> a.rule().id().startsWith("tki-pd-1")), first::toString);
        assertTrue(single.advice().stream().noneMatch(a -> a.rule().id().startsWith("tki-pd-1"))
                && single.notEvaluable().stream().noneMatch(r -> r.ruleId().startsWith("tki-pd-1")), single::toString);
        assertEquals(first.toString(), again.toString());
    }

    @Test
    void combinationRowsStandAsideForAnAbnormalHccBaseline() {
        // RULES.md 6, conflict 4: baseline 100 U/L (2.5 x ULN) with liver involvement: the baseline-band rule decides
        CourseSnapshot course = course("70", true, "lenvatinib", 0, "sintilimab", 0);
        Finding ast = transaminase(AST, "150", "40").baseline("100", "40").grade(1).build();

        DoseEvaluation evaluation = catalog.evaluate(course, ast);

        assertTrue(evaluation.advice().isEmpty(), evaluation::toString);
    }

    // RULES.md 4, gap 4: cisplatin HAIC has no hold/reduce rules, and says so for every finding
    @Test
    void cisplatinHaicReportsThatNoRulesWereRetrieved() {
        DoseEvaluation evaluation = catalog.evaluate(course("70", true, "cisplatin-haic", 0, "sorafenib", 0),
                platelets("40").grade(3).build());

        assertTrue(evaluation.advice().isEmpty(), evaluation::toString);
        assertEquals("cisplatin-haic", evaluation.notEvaluable().get(0).drug());
        assertTrue(evaluation.notEvaluable().get(0).reason().contains("no rules retrieved")
                && evaluation.notEvaluable().get(0).reason().contains("gap 4"), evaluation.notEvaluable().get(0).reason());
        assertTrue(catalog.rules("cisplatin-haic").isEmpty());
        assertTrue(catalog.rulesGap("cisplatin-haic").isPresent());
    }

    // rules.csv line 48: donafenib grade 3 HFSR; reduction steps not retrieved (dose_levels.csv line 5)
    @Test
    void donafenibAdvisesWhatTheLabelConfirmsWithoutInventingADose() {
        CourseSnapshot course = course("70", true, "donafenib", 0);

        DoseAdvice advice = advice(catalog, course, "donafenib", finding(HAND_FOOT).grade(3).build()).orElseThrow();
        DoseEvaluation other = catalog.evaluate(course, finding("Diarrhea").grade(3).build());

        assertEquals(DoseAction.HOLD_AND_REDUCE, advice.action());
        assertNull(advice.recommendedLevel());
        assertTrue(advice.explanation().contains("Table 1, which was not retrieved"), advice.explanation());
        assertTrue(other.notEvaluable().get(0).reason().contains("donafenib label Table 1"), other.toString());
    }

    // RULES.md 6, conflict 8: tislelizumab has no HCC row; the class HCC rule (line 101) applies, flagged
    @Test
    void tislelizumabInHccUsesTheClassRuleFlaggedAsInference() {
        Finding ast = transaminase(AST, "380", "40").baseline("95", "40").grade(2).build();

        DoseAdvice advice = advice(catalog, course("70", true, "tislelizumab", 0), "tislelizumab", ast).orElseThrow();
        DoseAdvice uninvolved = advice(catalog, course("70", false, "tislelizumab", 0), "tislelizumab",
                transaminase(AST, "200", "40").grade(2).build()).orElseThrow();

        assertEquals(DoseAction.HOLD, advice.action());
        assertEquals(101, advice.rule().csvLine());
        assertFalse(advice.rule().verified(), "class inference is unverified for the drug");
        assertTrue(advice.explanation().contains("class inference"), advice.explanation());
        assertEquals(87, uninvolved.rule().csvLine());
        assertTrue(uninvolved.rule().verified());
    }

    // RULES.md 6, conflict 7: atezolizumab, HCC with a normal baseline, 8-10 x ULN: the stricter reading, said
    @Test
    void atezolizumabEightToTenTimesUlnWithNormalBaselineDiscontinuesAndSaysWhy() {
        Finding alt = transaminase(ALT, "360", "40").baseline("30", "40").grade(3).build();

        DoseAdvice advice = advice(catalog, course("70", true, "atezolizumab", 0, "bevacizumab", 0), "atezolizumab", alt).orElseThrow();

        assertEquals(DoseAction.DISCONTINUE, advice.action());
        assertTrue(advice.explanation().contains("conflict 7"), advice.explanation());
    }

    @Test
    void everyDrugOfIssueFourIsKnownAndTheVariantsTakeTheBaseRules() {
        for (String drug : Arrays.asList("haic-folfox4", "haic-mfolfox6")) {
            assertTrue(catalog.rules(drug).stream().anyMatch(rule -> rule.id().equals("haic-folfox-precycle-neutrophils")), drug);
        }
        assertTrue(catalog.rules("haic-mfolfox6").stream().anyMatch(rule -> rule.csvLine() == 120));
        assertFalse(catalog.rules("haic-folfox4").stream().anyMatch(rule -> rule.csvLine() == 120));
    }
}
