package org.toxwatch.ctcae.pro;

import java.util.ArrayList;
import java.util.List;

/**
 * One combination of answers and the composite grade it maps to, or the reason it maps to none.
 * Only the attributes of the row's table are set.
 */
public record CompositeRow(Integer frequency, Integer severity, Integer interference, Integer amount, Integer presence,
                           Integer grade, String notGradable, String note) {

    public Integer score(ProCtcaeAttribute attribute) {
        return switch (attribute) {
            case FREQUENCY -> frequency;
            case SEVERITY -> severity;
            case INTERFERENCE -> interference;
            case AMOUNT -> amount;
            case PRESENCE -> presence;
        };
    }

    /** The row's scores in the order of the given attributes (null where the row has none). */
    List<Integer> scores(List<ProCtcaeAttribute> attributes) {
        List<Integer> scores = new ArrayList<>();
        attributes.forEach(attribute -> scores.add(score(attribute)));
        return scores;
    }
}
