package org.toxwatch.regimens.resume;

import java.time.Instant;
import java.util.Objects;

/**
 * A hold (or delay) the advisor is tracking: which rule held which drug, on which finding's term, as of when. Later
 * results count toward resuming only when taken after {@code heldAt}.
 */
public record HeldRule(String drug, String ruleId, String term, Instant heldAt) {

    public HeldRule {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(heldAt, "heldAt");
    }
}
