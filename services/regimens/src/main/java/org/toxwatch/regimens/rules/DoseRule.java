package org.toxwatch.regimens.rules;

import java.util.List;
import java.util.Objects;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.advice.RuleReference;

/**
 * One dose-modification rule of the catalog, traceable to its rules.csv line (or to an institution override file).
 *
 * @param drug           the catalog drug (or rule family) the rule belongs to
 * @param component      the part of a multi-drug regimen the rule acts on (oxaliplatin in HAIC-FOLFOX); null: all
 * @param text           what the rule says, in one line
 * @param terms          the CTCAE terms it reads; {@code *} reads every term except {@code exceptTerms}
 * @param occurrence     which occurrence of an event the rule is for (null: any)
 * @param region         the region whose label the row comes from (null: every region)
 * @param resumeWhen     the source's resume criterion in words (nullable)
 * @param resumeCriteria the same criterion as data, all parts together (empty: not machine-checkable)
 * @param doseChange     the source's dose change wording (nullable)
 * @param note           how a known conflict between sources was resolved for this rule (nullable)
 */
public record DoseRule(
        String id,
        String drug,
        String component,
        String text,
        List<String> terms,
        List<String> exceptTerms,
        Trigger trigger,
        DoseAction action,
        OccurrenceCondition occurrence,
        Region region,
        RuleQualifiers qualifiers,
        String resumeWhen,
        List<ResumeCondition> resumeCriteria,
        String doseChange,
        String note,
        Provenance provenance) {

    /** The term wildcard: the rule reads every term (rules.csv "Any other adverse reaction"). */
    public static final String ANY_TERM = "*";

    public DoseRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(text, "text");
        terms = List.copyOf(terms);
        exceptTerms = exceptTerms == null ? List.of() : List.copyOf(exceptTerms);
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(action, "action");
        qualifiers = qualifiers == null ? RuleQualifiers.NONE : qualifiers;
        resumeCriteria = resumeCriteria == null ? List.of() : List.copyOf(resumeCriteria);
        Objects.requireNonNull(provenance, "provenance");
    }

    public boolean reads(String term) {
        return (terms.contains(ANY_TERM) || terms.contains(term)) && !exceptTerms.contains(term);
    }

    public String source() {
        return provenance.source();
    }

    public SourceKind sourceKind() {
        return provenance.sourceKind();
    }

    public boolean verified() {
        return provenance.verified();
    }

    public int csvLine() {
        return provenance.csvLine();
    }

    /** The qualifier the advice asks a clinician to confirm, in words (nullable). */
    public String requiresConfirmation() {
        return qualifiers.confirm() == null ? null : qualifiers.confirm().text();
    }

    /**
     * The rule as an alert cites it. A class rule applied to a drug by analogy is unverified for that drug, whatever
     * the class wording's own tag; an override names its file.
     */
    public RuleReference reference(boolean classInference) {
        boolean byAnalogy = classInference || provenance.classInference();
        return new RuleReference(id, text, source(), sourceKind().code(), verified() && !byAnalogy, csvLine(),
                provenance.override() == null ? null : provenance.override().describe(id));
    }
}
