package org.toxwatch.regimens.catalog;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.toxwatch.regimens.rules.DoseRule;
import org.toxwatch.regimens.rules.Region;

/**
 * An institution's override file, checked against the catalog it applies to: its own rules (each replacing or adding
 * to catalog rules of one drug) and, optionally, the deployment's region.
 */
public record InstitutionOverrides(String location, String version, String institution, Region region,
        List<DoseRule> rules) {

    public InstitutionOverrides {
        rules = List.copyOf(rules);
    }

    /** Catalog rule ids that no longer apply while these overrides are loaded. */
    public Set<String> replacedRuleIds() {
        return rules.stream().flatMap(rule -> rule.provenance().override().replaces().stream()).collect(Collectors.toSet());
    }

    public List<DoseRule> rulesFor(String catalogDrug) {
        return rules.stream().filter(rule -> rule.drug().equals(catalogDrug)).toList();
    }
}
