package org.toxwatch.ctcae.pro;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a PRO-CTCAE question asks about a symptom, with the answers NCI offers, scored from 0. The answer words are the
 * item library's; explanations quote them so a clinician sees what the patient ticked.
 */
public enum ProCtcaeAttribute {

    FREQUENCY(List.of("Never", "Rarely", "Occasionally", "Frequently", "Almost constantly")),
    SEVERITY(List.of("None", "Mild", "Moderate", "Severe", "Very severe")),
    INTERFERENCE(List.of("Not at all", "A little bit", "Somewhat", "Quite a bit", "Very much")),
    AMOUNT(List.of("Not at all", "A little bit", "Somewhat", "Quite a bit", "Very much")),
    PRESENCE(List.of("No", "Yes"));

    private final List<String> answers;

    ProCtcaeAttribute(List<String> answers) {
        this.answers = answers;
    }

    /** The name used in messages and in the data file's rows: frequency, severity, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Highest score: 4, or 1 for presence (No/Yes). */
    public int maxScore() {
        return answers.size() - 1;
    }

    /** NCI's answer word for a score, e.g. FREQUENCY 3 is "Frequently". */
    public String answer(int score) {
        return answers.get(score);
    }

    /** e.g. {@code frequency 3 "Frequently"} */
    public String describe(int score) {
        return key() + " " + score + " \"" + answer(score) + "\"";
    }

    public static Optional<ProCtcaeAttribute> byKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.strip().toUpperCase(Locale.ROOT);
        for (ProCtcaeAttribute attribute : values()) {
            if (attribute.name().equals(wanted)) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }
}
