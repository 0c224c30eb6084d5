package org.toxwatch.regimens.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.toxwatch.regimens.ladder.DoseLadder;
import org.toxwatch.regimens.rules.DoseRule;
import org.toxwatch.regimens.rules.OccurrenceFamily;

/**
 * One rule file of the catalog: a drug (or rule family, or a combination of drugs), its aliases, dose ladders and
 * rules in file order.
 *
 * @param combination for a combination file: groups of drug names, one from each must be in the course; its rules then
 *                    apply to every course drug named in a group. Empty for a drug file.
 * @param rulesGap    why the file has no rules for some (or all) events: the sources were not retrieved. Findings no
 *                    rule of the drug reads are reported as not evaluable with this text, never passed over in silence.
 * @param ladderGap   why the drug has no dose ladder although its rules reduce: the advice then names no dose
 * @param dosing      doses stated for reference (dose_levels.csv), for drugs whose rules are missing
 */
public record RegimenEntry(
        String drug,
        String name,
        int version,
        String file,
        List<List<String>> combination,
        String rulesGap,
        String ladderGap,
        List<String> dosing,
        List<DrugAlias> aliases,
        List<DoseLadder> ladders,
        List<OccurrenceFamily> occurrenceFamilies,
        List<DoseRule> rules) {

    public RegimenEntry {
        combination = combination == null ? List.of() : combination.stream().map(List::copyOf).toList();
        dosing = dosing == null ? List.of() : List.copyOf(dosing);
        aliases = List.copyOf(aliases);
        ladders = List.copyOf(ladders);
        occurrenceFamilies = List.copyOf(occurrenceFamilies);
        rules = List.copyOf(rules);
    }

    public boolean hasLadders() {
        return !ladders.isEmpty();
    }

    public boolean isCombination() {
        return !combination.isEmpty();
    }

    /** The ladder for a patient's body weight; the load-time checks guarantee at most one fits. */
    public Optional<DoseLadder> ladderFor(BigDecimal bodyWeightKg) {
        return ladders.stream().filter(ladder -> ladder.fits(bodyWeightKg)).findFirst();
    }

    public Optional<OccurrenceFamily> family(String id) {
        return occurrenceFamilies.stream().filter(family -> family.id().equals(id)).findFirst();
    }
}
