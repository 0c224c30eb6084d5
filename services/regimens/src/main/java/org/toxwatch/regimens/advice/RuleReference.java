package org.toxwatch.regimens.advice;

/**
 * The rule behind an advice, as an alert shows it.
 *
 * @param text       what the rule says, in one line
 * @param source     the citation, as in shared/reference/dose-rules/rules.csv (or the institution's own)
 * @param sourceKind {@code label}, {@code protocol}, {@code guideline} or {@code institution}
 * @param verified   false for [NV] rules and for class rules applied to a drug by analogy
 * @param csvLine    the rules.csv line the rule comes from; 0 for an institution rule that is no rules.csv row
 * @param decidedBy  for an institution override, the override rule id, file and version; null for catalog rules
 */
public record RuleReference(String id, String text, String source, String sourceKind, boolean verified, int csvLine,
        String decidedBy) {

    public RuleReference(String id, String text, String source, String sourceKind, boolean verified, int csvLine) {
        this(id, text, source, sourceKind, verified, csvLine, null);
    }

    /** Whether an institution override, not the reference catalog, decided the advice. */
    public boolean isOverride() {
        return decidedBy != null;
    }
}
