package org.toxwatch.regimens.precycle;

import java.time.LocalDate;

/** A pre-cycle lab with no result in its window: which term, for which drug and rule, drawn between which dates. */
public record LabRequirement(String term, String drug, String ruleId, LocalDate windowStart, LocalDate cycleStart) {

    public String describe() {
        return term + " for " + drug + " (rule " + ruleId + "): no result between " + windowStart + " and " + cycleStart;
    }
}
