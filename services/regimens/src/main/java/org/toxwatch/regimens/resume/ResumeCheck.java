package org.toxwatch.regimens.resume;

import java.util.List;

/**
 * Whether later results meet a held rule's resume criterion.
 *
 * @param met      parts of the criterion met, with the result that met them
 * @param unmet    parts a later result shows are not met yet
 * @param awaiting parts no later result (or confirmation) speaks to yet, or that could not be read
 */
public record ResumeCheck(Status status, String ruleId, String criterion, List<String> met, List<String> unmet,
        List<String> awaiting) {

    public enum Status {
        /** Every part met: the advisor can raise a RESUME_ELIGIBLE notice. */
        ELIGIBLE,
        /** A later result still fails a part. */
        NOT_YET,
        /** Nothing fails, but some part has no later result or confirmation yet. */
        AWAITING_RESULTS,
        /** The rule's resume criterion is not written as data (or the action is final): a clinician decides. */
        NO_CRITERION
    }

    public ResumeCheck {
        met = List.copyOf(met);
        unmet = List.copyOf(unmet);
        awaiting = List.copyOf(awaiting);
    }

    public boolean eligible() {
        return status == Status.ELIGIBLE;
    }

    public String explanation() {
        var text = new StringBuilder(ruleId).append(": resume when ").append(criterion).append(" → ").append(status);
        if (!met.isEmpty()) {
            text.append("; met: ").append(String.join(", ", met));
        }
        if (!unmet.isEmpty()) {
            text.append("; not met: ").append(String.join(", ", unmet));
        }
        if (!awaiting.isEmpty()) {
            text.append("; awaiting: ").append(String.join(", ", awaiting));
        }
        return text.toString();
    }
}
