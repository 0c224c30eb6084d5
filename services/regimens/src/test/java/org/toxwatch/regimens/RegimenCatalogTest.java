package org.toxwatch.regimens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.regimens.Courses.course;
import static org.toxwatch.regimens.FindingBuilder.HYPERTENSION;
import static org.toxwatch.regimens.FindingBuilder.finding;
import static org.toxwatch.regimens.FindingBuilder.platelets;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.DoseEvaluation;
import org.toxwatch.regimens.advice.RuleNotEvaluable;
import org.toxwatch.regimens.ladder.DoseLadder;
import org.toxwatch.regimens.ladder.DoseLevel;
import org.toxwatch.regimens.rules.DoseRule;
import org.toxwatch.regimens.rules.Measure;

/** The shipped catalog as a whole: what it knows, how it treats unknown drugs and versions, and its traceability. */
class RegimenCatalogTest {

    private final RegimenCatalog catalog = RegimenCatalog.standard();

    @Test
    void shippedCatalogDeclaresItsVersionAndCtcaeVersion() {
        assertTrue(catalog.version().matches("\\d+\\.\\d+\\.\\d+.*"), catalog.version());
        assertEquals("5.0", catalog.ctcaeVersion());
        assertEquals("UTC", catalog.calendarZone().getId());
    }

    @Test
    void knowsEveryDrugOfIssueFourAndTheirAliases() {
        for (String drug : List.of("haic-folfox", "haic-folfox4", "haic-mfolfox6", "cisplatin-haic", "lenvatinib", "sorafenib",
                "donafenib", "atezolizumab", "bevacizumab", "durvalumab", "tremelimumab", "pd-1-class", "camrelizumab",
                "sintilimab", "tislelizumab", "toripalimab", " Lenvatinib ")) {
            assertTrue(catalog.knowsDrug(drug), drug);
        }
        // a combination file is not a drug; oxaliplatin is a component of HAIC-FOLFOX, not a course drug of its own
        for (String drug : List.of("tki-pd-1-combination", "pembrolizumab", "oxaliplatin", "")) {
            assertFalse(catalog.knowsDrug(drug), drug);
        }
        assertFalse(catalog.knowsDrug(null));
    }

    @Test
    void unknownDrugYieldsNoAdviceWhileKnownDrugsOfTheCourseStillDo() {
        var course = course("60", true, "pembrolizumab", 0, "lenvatinib", 0);

        DoseEvaluation evaluation = catalog.evaluate(course, finding(HYPERTENSION).grade(4).build());

        assertEquals(List.of("lenvatinib"), evaluation.advice().stream().map(DoseAdvice::drug).toList());
        assertTrue(evaluation.notEvaluable().isEmpty(), "the caller reports unknown drugs via knowsDrug");
        assertTrue(catalog.rules("pembrolizumab").isEmpty());
    }

    @Test
    void drugsNotInTheCourseGetNoAdvice() {
        var course = course("60", true, "sintilimab", 0);

        assertTrue(catalog.advise(course, finding(HYPERTENSION).grade(4).build()).isEmpty());
    }

    @Test
    void findingOfAnotherCtcaeVersionIsNotEvaluableForEveryKnownDrug() {
        // CTCAE v6.0 renames "Platelet count decreased" to "Thrombocytopenia": reading it with v5 rules could miss it
        var course = course("60", true, "haic-folfox", 0, "lenvatinib", 0, "pembrolizumab", 0);

        DoseEvaluation evaluation = catalog.evaluate(course, platelets("20").grade(4).ctcaeVersion("6.0").build());

        assertTrue(evaluation.advice().isEmpty(), evaluation::toString);
        assertEquals(List.of("haic-folfox", "lenvatinib"), evaluation.notEvaluable().stream().map(RuleNotEvaluable::drug).toList());
        RuleNotEvaluable first = evaluation.notEvaluable().get(0);
        assertNull(first.ruleId());
        assertTrue(first.reason().contains("CTCAE v6.0") && first.reason().contains("v5.0"), first.reason());
    }

    @Test
    void thresholdsAreReadAsExactDecimals() {
        // a threshold that passed through a double would be 1.1999999999999999555910790149937...
        DoseRule rule = catalog.rules("haic-folfox").get(0);
        Measure.ValueThreshold threshold = (Measure.ValueThreshold) rule.trigger().measure();

        assertEquals(0, threshold.range().below().compareTo(new BigDecimal("1.2")), threshold.range().below().toPlainString());
        assertEquals("10*9/L", threshold.unit());
    }

    @Test
    void catalogPackagedInAJarLoadsWithItsFilesResolvedInsideTheJar(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("regimens.jar");
        try (OutputStream out = Files.newOutputStream(jar); var zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : TestCatalogs.standardFiles().entrySet()) {
                zip.putNextEntry(new ZipEntry("regimens/" + file.getKey()));
                zip.write(file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }

        RegimenCatalog fromJar = RegimenCatalog.load(new URL("jar:" + jar.toUri() + "!/regimens/catalog.yaml"));

        assertEquals(catalog.version(), fromJar.version());
        assertEquals(catalog.rules("lenvatinib"), fromJar.rules("lenvatinib"));
    }

    static Stream<DoseRule> shippedRules() {
        RegimenCatalog shipped = RegimenCatalog.standard();
        Stream<DoseRule> rules = Stream.of("haic-folfox", "haic-mfolfox6", "lenvatinib", "sorafenib", "donafenib", "atezolizumab", "bevacizumab",
                "durvalumab", "tremelimumab", "pd-1-class", "tislelizumab", "toripalimab")
                .flatMap(drug -> shipped.rules(drug).stream())
                .distinct();
        // combination rules belong to no drug of their own
        var combination = Stream.of("tki-pd-1-hepatitis-hold-both", "tki-pd-1-hepatitis-discontinue-both",
                "tki-pd-1-hys-law-discontinue-both").map(id -> shipped.rule(id).orElseThrow());
        return Stream.concat(rules, combination);
    }

    /** Each rule cites the rules.csv line it comes from: same term, action, source kind, source and verification. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedRules")
    void everyRuleMatchesTheRulesCsvLineItCites(DoseRule rule) {
        List<String> line = ReferenceCsv.doseRules("rules.csv").line(rule.csvLine());
        String term = line.get(2);
        String extraCondition = line.get(5).toLowerCase(Locale.ROOT);
        String action = line.get(6);
        String sourceKind = line.get(9);
        String source = line.get(10);

        // "*" stands for the source's "any (other) adverse reaction"; a line may name a second term in its condition
        // (line 101: "TB >3 xULN"; line 129: "same for platelets"; line 66: "EU: Grade 4 proteinuria")
        boolean sameTerm = rule.terms().contains(term)
                || (rule.terms().contains(DoseRule.ANY_TERM) && (term.startsWith("Any") || term.startsWith("Other")))
                || (rule.terms().contains("Blood bilirubin increased") && (extraCondition.contains("bilirubin") || extraCondition.contains("tb ")))
                || rule.terms().stream().anyMatch(t -> extraCondition.contains(t.split(" ")[0].toLowerCase(Locale.ROOT)));
        assertTrue(sameTerm, () -> rule.id() + " reads " + rule.terms() + " but line " + rule.csvLine() + " is " + term);
        // a line may pack several sub-rules (line 101: hold in two bands, discontinue above 10 x ULN)
        String actionWord = rule.action().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        assertTrue(action.equals(rule.action().name()) || extraCondition.contains(actionWord),
                () -> rule.id() + " is " + rule.action() + " but line " + rule.csvLine() + " says " + action + ": " + extraCondition);
        assertEquals(sourceKind, rule.sourceKind().code(), rule.id());
        assertTrue(rule.source().startsWith(source), () -> rule.id() + " source differs from line " + rule.csvLine());
        if (rule.verified()) {
            assertTrue(source.contains("[V]"), rule.id());
        }
        if (!source.contains("[V]")) {
            assertFalse(rule.verified(), () -> rule.id() + " cites an unverified line but is marked verified");
        }
    }

    /** Each ladder repeats its dose_levels.csv line: the doses in order, then discontinuation. */
    @ParameterizedTest(name = "{0} kg")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"45", "60"})
    void everyLadderMatchesTheDoseLevelsCsvLineItCites(String weight) {
        DoseLadder ladder = catalog.ladder("lenvatinib", new BigDecimal(weight)).orElseThrow();
        List<String> line = ReferenceCsv.doseRules("dose_levels.csv").line(ladder.csvLine());

        assertEquals("lenvatinib", line.get(0));
        List<String> steps = line.subList(2, 7);
        int end = steps.indexOf("discontinue");
        assertEquals(steps.subList(0, end), ladder.levels().stream().map(DoseLevel::dose).toList());
        assertTrue(ladder.source().startsWith(line.get(9)), ladder.id());
    }
}
