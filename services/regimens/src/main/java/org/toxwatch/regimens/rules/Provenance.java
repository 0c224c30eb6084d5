package org.toxwatch.regimens.rules;

import java.util.Objects;

/**
 * Where a rule comes from and how much weight it carries when rules with the same action fire together
 * (RULES.md 6: institution override > HCC-specific verified label > general verified label > trial protocol > the rest
 * > class inference).
 *
 * @param hccSpecific    the row is written for HCC (the lenvatinib HCC table, the PD-(L)1 HCC liver rows)
 * @param classInference the rule reaches its drug by analogy with the drug's class, not from its own label
 * @param csvLine        the rules.csv line; 0 for an institution rule that is not a rules.csv row
 * @param override       set when the rule comes from an institution override file
 */
public record Provenance(String source, SourceKind sourceKind, boolean verified, boolean hccSpecific,
        boolean classInference, int csvLine, OverrideOrigin override) {

    public Provenance {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceKind, "sourceKind");
    }

    /** Higher decides on a tie of actions. */
    public int precedence(boolean aliasByClass) {
        if (override != null) {
            return 5;
        }
        if (classInference || aliasByClass) {
            return 0;
        }
        if (sourceKind == SourceKind.LABEL && verified) {
            return hccSpecific ? 4 : 3;
        }
        return sourceKind == SourceKind.PROTOCOL ? 2 : 1;
    }
}
