package org.toxwatch.regimens.rules;

import java.util.List;
import java.util.Objects;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.advice.RuleReference;

/**
 * One dose-modification rule of the catalog, traceable to its rules.csv line.
 *
 * @param drug                 the catalog drug (or rule family) the rule belongs to
 * @param text                 what the rule says, in one line
 * @param terms                the CTCAE terms it reads (several when the source names them together, e.g. AST or ALT)
 * @param requiresConfirmation a qualifier only a clinician can judge; advice repeats it as "confirm: ..." (nullable)
 * @param resumeWhen           the source's resume criterion (nullable)
 * @param doseChange           the source's dose change wording (nullable)
 * @param note                 how a known conflict between sources was resolved for this rule (nullable)
 * @param verified             [V] in rules.csv
 */
public record DoseRule(
        String id,
        String drug,
        String text,
        List<String> terms,
        Trigger trigger,
        DoseAction action,
        Occurrence occurrence,
        String requiresConfirmation,
        String resumeWhen,
        String doseChange,
        String note,
        String source,
        SourceKind sourceKind,
        boolean verified,
        int csvLine) {

    public DoseRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(text, "text");
        terms = List.copyOf(terms);
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(action, "action");
        occurrence = occurrence == null ? Occurrence.ANY : occurrence;
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceKind, "sourceKind");
    }

    public boolean reads(String term) {
        return terms.contains(term);
    }

    /**
     * The rule as an alert cites it. A class rule applied to a drug by analogy is unverified for that drug, whatever
     * the class wording's own tag.
     */
    public RuleReference reference(boolean classInference) {
        return new RuleReference(id, text, source, sourceKind.code(), verified && !classInference, csvLine);
    }
}
