package org.toxwatch.regimens.catalog;

import java.util.List;
import org.toxwatch.regimens.rules.DoseRule;

/** Term spelling shared by the catalog and override checks: a CTCAE term of the index, or the wildcard. */
final class DoseRuleTerms {

    private DoseRuleTerms() {
    }

    static boolean known(String term, List<String> ctcaeTerms) {
        return DoseRule.ANY_TERM.equals(term) || ctcaeTerms.contains(term);
    }
}
