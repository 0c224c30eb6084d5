package org.toxwatch.regimens.rules;

import java.util.List;

/**
 * An institution override rule's origin, as its advice cites it.
 *
 * @param file        the override file's location
 * @param version     the override file's version
 * @param replaces    catalog rule ids this rule takes the place of (they are not evaluated while it is loaded)
 * @param approvedBy  who signed the override off (e.g. the pharmacy and therapeutics committee)
 */
public record OverrideOrigin(String file, String version, String institution, List<String> replaces, String approvedBy) {

    public OverrideOrigin {
        replaces = List.copyOf(replaces);
    }

    public String describe(String ruleId) {
        return "institution override " + ruleId + " (" + institution + ", " + file + " version " + version
                + ", approved by " + approvedBy + (replaces.isEmpty() ? "" : "; replaces " + String.join(", ", replaces)) + ")";
    }
}
