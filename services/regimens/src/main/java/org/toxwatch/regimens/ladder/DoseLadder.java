package org.toxwatch.regimens.ladder;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.toxwatch.regimens.rules.Interval;

/**
 * The dose steps of a drug in one setting. Level 0 is the starting dose; a reduction moves one level down the list;
 * below the last level the drug is discontinued.
 *
 * @param bodyWeightKg the body weights this ladder is for (null: every weight)
 * @param csvLine      the line of shared/reference/dose-rules/dose_levels.csv it comes from
 */
public record DoseLadder(
        String drug,
        String id,
        String setting,
        Interval bodyWeightKg,
        List<DoseLevel> levels,
        String source,
        int csvLine) {

    public DoseLadder {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(id, "id");
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("dose ladder " + id + " has no levels");
        }
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).level() != i) {
                throw new IllegalArgumentException("dose ladder " + id + " lists level " + levels.get(i).level() + " at position " + i);
            }
        }
    }

    /** Whether this ladder is the one for a patient of {@code weightKg}; an unknown weight fits only a weight-free ladder. */
    public boolean fits(BigDecimal weightKg) {
        if (bodyWeightKg == null) {
            return true;
        }
        return weightKg != null && bodyWeightKg.contains(weightKg);
    }

    public Optional<DoseLevel> level(int level) {
        return level >= 0 && level < levels.size() ? Optional.of(levels.get(level)) : Optional.empty();
    }

    /** The next lower level, or empty at the last level, where the next step is discontinuation. */
    public Optional<DoseLevel> below(DoseLevel current) {
        return level(current.level() + 1);
    }

    public DoseLevel lastLevel() {
        return levels.get(levels.size() - 1);
    }
}
