package org.toxwatch.regimens.advice;

/**
 * A rule that might apply to a finding but could not be evaluated, and why (no grade, no baseline, another unit...).
 * Callers show these to a clinician: a rule that cannot be read is not a rule that did not fire.
 *
 * @param ruleId null when the whole finding could not be evaluated for the drug (e.g. another CTCAE version)
 */
public record RuleNotEvaluable(String drug, String ruleId, String reason) {
}
