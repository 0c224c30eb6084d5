package org.toxwatch.ctcae.pro;

import java.util.Map;
import java.util.Set;

/**
 * The composite grade (0-3) of one item's answers, with what decided it, or why there is none.
 *
 * @param grade       null exactly when not gradable (an answer missing, or a combination with no grade)
 * @param scores      the scores the grade was read from, including those NCI's branching did not ask (as 0)
 * @param notAsked    attributes the patient was not asked because an earlier answer was 0; counted as 0
 * @param table       the composite table used; null when an answer was missing
 * @param row         the table row used; null when an answer was missing
 * @param explanation which answers, which row, its source and whether it is verified; for not gradable the reason
 */
public record CompositeGrade(ProCtcaeItem item, Integer grade, Map<ProCtcaeAttribute, Integer> scores,
                             Set<ProCtcaeAttribute> notAsked, CompositeTable table, CompositeRow row, String source,
                             String explanation) {

    public CompositeGrade {
        scores = Map.copyOf(scores);
        notAsked = Set.copyOf(notAsked);
    }

    public boolean isGradable() {
        return grade != null;
    }

    /** Whether the row's table was checked against its source; false without a row. */
    public boolean verified() {
        return table != null && table.verified();
    }

    /** e.g. {@code table FS, row frequency 3 + severity 2}; null without a row. */
    public String rowName() {
        return row == null ? null : rowName(table, row);
    }

    static String rowName(CompositeTable table, CompositeRow row) {
        StringBuilder name = new StringBuilder("table ").append(table.id()).append(", row ");
        for (int i = 0; i < table.attributes().size(); i++) {
            ProCtcaeAttribute attribute = table.attributes().get(i);
            name.append(i == 0 ? "" : " + ").append(attribute.key()).append(' ').append(row.score(attribute));
        }
        return name.toString();
    }
}
