package org.toxwatch.regimens.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.ladder.DoseLadder;
import org.toxwatch.regimens.rules.DoseRule;
import org.toxwatch.regimens.rules.Interval;
import org.toxwatch.regimens.rules.Measure;

/**
 * Checks a JSON Schema cannot express: uniqueness across files, known CTCAE terms, dose ladders that cover every body
 * weight exactly once, reductions only where a ladder exists, and verification tags that agree with their source.
 */
final class CatalogConsistency {

    private static final String VERIFIED_TAG = "[V]";

    private CatalogConsistency() {
    }

    static List<String> check(List<String> knownTerms, List<RegimenEntry> entries) {
        var problems = new ArrayList<String>();
        checkDrugNames(entries, problems);
        checkCombinations(entries, problems);
        var ruleIds = new HashMap<String, String>();
        var ladderIds = new HashMap<String, String>();
        Set<String> terms = Set.copyOf(knownTerms);
        for (RegimenEntry entry : entries) {
            for (DoseLadder ladder : entry.ladders()) {
                String previous = ladderIds.putIfAbsent(ladder.id(), entry.file());
                if (previous != null) {
                    problems.add(entry.file() + ": dose ladder id " + ladder.id() + " is already used in " + previous);
                }
                if (ladder.bodyWeightKg() != null && !ladder.bodyWeightKg().isSatisfiable()) {
                    problems.add(entry.file() + ": dose ladder " + ladder.id() + ": body-weight band "
                            + ladder.bodyWeightKg().describe("kg") + " contains no weight");
                }
            }
            checkLadderBands(entry, problems);
            if (entry.rules().isEmpty() && entry.rulesGap() == null) {
                problems.add(entry.file() + ": " + entry.drug() + " has no rules, so it must state its rulesGap");
            }
            for (var family : entry.occurrenceFamilies()) {
                family.terms().stream().filter(term -> !terms.contains(term)).forEach(term -> problems.add(entry.file()
                        + ": occurrence family " + family.id() + ": term '" + term + "' is not among the catalog's CTCAE terms"));
            }
            for (DoseRule rule : entry.rules()) {
                if (!rule.drug().equals(entry.drug())) {
                    continue; // inherited from the base file, checked there
                }
                String where = entry.file() + ": rule " + rule.id();
                String previous = ruleIds.putIfAbsent(rule.id(), entry.file());
                if (previous != null) {
                    problems.add(where + ": rule id is already used in " + previous);
                }
                for (String term : rule.terms()) {
                    if (!DoseRuleTerms.known(term, knownTerms)) {
                        problems.add(where + ": term '" + term + "' is not among the catalog's CTCAE terms " + knownTerms);
                    }
                }
                for (String term : rule.exceptTerms()) {
                    if (!terms.contains(term)) {
                        problems.add(where + ": excepted term '" + term + "' is not among the catalog's CTCAE terms");
                    }
                }
                if (rule.csvLine() < 2) {
                    problems.add(where + ": csvLine is required: the rules.csv line the rule comes from");
                }
                if (rule.sourceKind() == org.toxwatch.regimens.rules.SourceKind.INSTITUTION) {
                    problems.add(where + ": sourceKind institution belongs in an institution override file");
                }
                if (rule.occurrence() != null && entry.family(rule.occurrence().family()).isEmpty()) {
                    problems.add(where + ": occurrence family " + rule.occurrence().family() + " is not declared in "
                            + entry.file());
                }
                checkIntervals(rule, where, problems);
                if ((rule.action() == DoseAction.REDUCE || rule.action() == DoseAction.HOLD_AND_REDUCE)
                        && !entry.hasLadders() && entry.ladderGap() == null) {
                    problems.add(where + ": action " + rule.action() + " needs a dose ladder, and " + entry.drug()
                            + " has none (nor a ladderGap saying why)");
                }
                if (rule.verified() && !rule.source().contains(VERIFIED_TAG)) {
                    problems.add(where + ": marked verified but its source carries no " + VERIFIED_TAG + " tag");
                }
            }
        }
        return problems;
    }

    private static void checkDrugNames(List<RegimenEntry> entries, List<String> problems) {
        var owners = new HashMap<String, String>();
        for (RegimenEntry entry : entries) {
            var names = new ArrayList<String>();
            names.add(entry.drug());
            entry.aliases().forEach(alias -> names.add(alias.drug()));
            for (String name : names) {
                String previous = owners.putIfAbsent(name.toLowerCase(Locale.ROOT), entry.file());
                if (previous != null) {
                    problems.add(entry.file() + ": drug name " + name + " is already used in " + previous);
                }
            }
        }
    }

    private static void checkCombinations(List<RegimenEntry> entries, List<String> problems) {
        var names = new HashSet<String>();
        entries.forEach(entry -> {
            names.add(entry.drug());
            entry.aliases().forEach(alias -> names.add(alias.drug()));
        });
        for (RegimenEntry entry : entries) {
            entry.combination().forEach(group -> group.stream().filter(name -> !names.contains(name))
                    .forEach(name -> problems.add(entry.file() + ": combination names " + name + ", which is not a drug of the catalog")));
        }
    }

    private static void checkIntervals(DoseRule rule, String where, List<String> problems) {
        Measure measure = rule.trigger().measure();
        Interval measured = measure instanceof Measure.ValueThreshold value ? value.range()
                : measure instanceof Measure.UlnMultiple uln ? uln.range()
                : measure instanceof Measure.BaselineMultiple blv ? blv.range() : null;
        if (measured != null && !measured.isSatisfiable()) {
            problems.add(where + ": trigger range " + measured.describe("") + " contains no value");
        }
        Interval baseline = rule.trigger().baselineUlnMultiple();
        if (baseline != null && !baseline.isSatisfiable()) {
            problems.add(where + ": baseline band " + baseline.describe("x ULN") + " contains no value");
        }
    }

    /**
     * A drug's ladders must pick exactly one ladder for any body weight: either a single ladder for every weight, or
     * weight bands that start open, meet end to end with exactly one side inclusive, and end open.
     */
    private static void checkLadderBands(RegimenEntry entry, List<String> problems) {
        List<DoseLadder> ladders = entry.ladders();
        if (ladders.size() <= 1) {
            if (ladders.size() == 1 && ladders.get(0).bodyWeightKg() != null) {
                checkBandChain(entry, ladders, problems);
            }
            return;
        }
        if (ladders.stream().anyMatch(ladder -> ladder.bodyWeightKg() == null)) {
            problems.add(entry.file() + ": " + entry.drug() + " has several dose ladders, so each needs a body-weight band");
            return;
        }
        checkBandChain(entry, ladders, problems);
    }

    private static void checkBandChain(RegimenEntry entry, List<DoseLadder> ladders, List<String> problems) {
        Comparator<DoseLadder> byLowerBound = Comparator.comparing(
                (DoseLadder ladder) -> ladder.bodyWeightKg().lower(), Comparator.nullsFirst(Comparator.naturalOrder()));
        List<DoseLadder> sorted = ladders.stream().sorted(byLowerBound).toList();
        DoseLadder first = sorted.get(0);
        BigDecimal firstLower = first.bodyWeightKg().lower();
        if (firstLower != null && firstLower.signum() > 0) {
            problems.add(entry.file() + ": no dose ladder covers body weights below " + first.bodyWeightKg().describe("kg"));
        }
        for (int i = 1; i < sorted.size(); i++) {
            Interval previous = sorted.get(i - 1).bodyWeightKg();
            Interval next = sorted.get(i).bodyWeightKg();
            boolean meet = previous.upper() != null && next.lower() != null
                    && previous.upper().compareTo(next.lower()) == 0
                    && previous.upperInclusive() != next.lowerInclusive();
            if (!meet) {
                problems.add(entry.file() + ": dose ladders " + sorted.get(i - 1).id() + " (" + previous.describe("kg")
                        + ") and " + sorted.get(i).id() + " (" + next.describe("kg")
                        + ") must meet end to end: every weight in exactly one band");
            }
        }
        DoseLadder last = sorted.get(sorted.size() - 1);
        if (last.bodyWeightKg().upper() != null) {
            problems.add(entry.file() + ": no dose ladder covers body weights beyond " + last.bodyWeightKg().describe("kg"));
        }
    }
}
