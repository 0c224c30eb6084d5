package org.toxwatch.regimens.rules;

import java.util.Objects;

/**
 * Which occurrence of an adverse event a rule is written for: the finding is occurrence {@code prior + 1} of its
 * {@code family} (declared in the rule file with its terms and grade band), and the rule fires when that number lies in
 * {@code nth}.
 */
public record OccurrenceCondition(String family, Interval nth) {

    public OccurrenceCondition {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(nth, "nth");
    }

    /** Whether the rule is for the first occurrence, the one assumed when prior occurrences were not supplied. */
    public boolean includesFirst() {
        return nth.contains(java.math.BigDecimal.ONE);
    }

    public String describe() {
        return "occurrence " + nth.describe("").trim() + " of " + family;
    }
}
