package org.toxwatch.regimens.advice;

/**
 * The rule behind an advice, as an alert shows it.
 *
 * @param text       what the rule says, in one line
 * @param source     the citation, as in shared/reference/dose-rules/rules.csv
 * @param sourceKind {@code label}, {@code protocol} or {@code guideline}
 * @param verified   false for [NV] rules and for class rules applied to a drug by analogy
 * @param csvLine    the rules.csv line the rule comes from
 */
public record RuleReference(String id, String text, String source, String sourceKind, boolean verified, int csvLine) {
}
