package org.toxwatch.regimens.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.toxwatch.regimens.ladder.DoseLadder;
import org.toxwatch.regimens.rules.DoseRule;

/** One rule file of the catalog: a drug (or rule family), its aliases, dose ladders and rules in file order. */
public record RegimenEntry(
        String drug,
        String name,
        int version,
        String file,
        List<DrugAlias> aliases,
        List<DoseLadder> ladders,
        List<DoseRule> rules) {

    public RegimenEntry {
        aliases = List.copyOf(aliases);
        ladders = List.copyOf(ladders);
        rules = List.copyOf(rules);
    }

    public boolean hasLadders() {
        return !ladders.isEmpty();
    }

    /** The ladder for a patient's body weight; the load-time checks guarantee at most one fits. */
    public Optional<DoseLadder> ladderFor(BigDecimal bodyWeightKg) {
        return ladders.stream().filter(ladder -> ladder.fits(bodyWeightKg)).findFirst();
    }
}
