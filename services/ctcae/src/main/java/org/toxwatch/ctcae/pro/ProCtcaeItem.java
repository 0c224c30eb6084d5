package org.toxwatch.ctcae.pro;

import java.util.List;

/**
 * One PRO-CTCAE symptom item as {@code ctcae/pro-ctcae-composite.yaml} lists it.
 *
 * @param number     the item's number in NCI's PRO-CTCAE item library (Nausea is 9)
 * @param attributes in the order NCI asks them; when one is answered 0, the later ones are not asked
 * @param suggests   the CTCAE term the item's grade is suggested for; null exactly when {@code noTerm} says why not
 */
public record ProCtcaeItem(String id, int number, String name, List<ProCtcaeAttribute> attributes, Suggestion suggests,
                           String noTerm) {

    public ProCtcaeItem {
        attributes = List.copyOf(attributes);
    }

    /** The CTCAE term an item's grade is suggested for, and why that term. */
    public record Suggestion(String term, boolean verified, String reading) {
    }

    /** e.g. {@code PRO-CTCAE item 9 "Nausea"} */
    public String describe() {
        return "PRO-CTCAE item " + number + " \"" + name + "\"";
    }
}
