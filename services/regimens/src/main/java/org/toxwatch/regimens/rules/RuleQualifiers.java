package org.toxwatch.regimens.rules;

/**
 * How clinician-only facts gate a rule.
 *
 * @param confirm   the rule fires without it, and its advice asks "confirm: ..." until the qualifier is confirmed
 * @param onlyIf    the rule fires only once the qualifier is confirmed (attribution, e.g. neuropathy to the PD-1 drug
 *                  rather than oxaliplatin); until then it is reported as not evaluable, never silently dropped
 * @param unlessConfirmed the rule stands aside once the qualifier is confirmed (a grade 4 lab value judged not
 *                  life-threatening is managed as grade 3); until then the stricter rule applies and says so
 */
public record RuleQualifiers(Qualifier confirm, Qualifier onlyIf, Qualifier unlessConfirmed) {

    public static final RuleQualifiers NONE = new RuleQualifiers(null, null, null);
}
