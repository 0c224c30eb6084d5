package org.toxwatch.regimens;

import org.toxwatch.regimens.catalog.DrugAlias;
import org.toxwatch.regimens.rules.DoseRule;
import org.toxwatch.regimens.rules.OccurrenceFamily;

/**
 * A rule as it applies to one drug of a course: through an alias (class inference or not), with its occurrence family
 * resolved in the file that declared it.
 */
record BoundRule(DoseRule rule, DrugAlias alias, OccurrenceFamily family) {

    boolean byClassInference() {
        return alias != null && alias.classInference();
    }
}
