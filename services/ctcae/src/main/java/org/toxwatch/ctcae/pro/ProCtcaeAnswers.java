package org.toxwatch.ctcae.pro;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.toxwatch.ctcae.Decimals;

/**
 * A patient's answers to one PRO-CTCAE item.
 *
 * @param item         the item's id ({@code nausea}, {@code decreased-appetite}, ...), in any case
 * @param scores       answered attributes and their scores; an attribute not answered is absent, never 0
 * @param recallPeriod ISO 8601 period the patient was asked about; null means NCI's standard, the past 7 days
 */
public record ProCtcaeAnswers(String item, Map<ProCtcaeAttribute, Integer> scores, String recallPeriod) {

    private static final Pattern PERIOD = Pattern.compile("P[1-9][0-9]*[DW]");
    /** The longest item id is 21 characters; names longer than this are quoted only in part. */
    static final int MAX_NAME_LENGTH = 64;

    public ProCtcaeAnswers {
        Objects.requireNonNull(item, "item");
        scores = scores.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(scores));
        if (recallPeriod != null && !PERIOD.matcher(recallPeriod).matches()) {
            throw invalid("recall period '" + quoted(recallPeriod) + "' is not a period of days or weeks such as P7D");
        }
        for (Map.Entry<ProCtcaeAttribute, Integer> answer : scores.entrySet()) {
            ProCtcaeAttribute attribute = answer.getKey();
            int score = Objects.requireNonNull(answer.getValue(), "score");
            if (score < 0 || score > attribute.maxScore()) {
                throw invalid(attribute.key() + " is scored 0 to " + attribute.maxScore() + ", not " + score);
            }
        }
    }

    public static ProCtcaeAnswers of(String item, Map<ProCtcaeAttribute, Integer> scores) {
        return new ProCtcaeAnswers(item, scores, null);
    }

    /**
     * Answers as a message carries them: attribute names ({@code frequency}, ...) to numbers. A null answer is absent.
     *
     * @throws AnswersRefusedException (INVALID_PRO_CTCAE_ANSWERS) for an unknown attribute name, a score that is not a
     *                                 whole number or is off the attribute's scale, or a malformed recall period
     */
    public static ProCtcaeAnswers read(String item, Map<String, ? extends Number> answers, String recallPeriod) {
        if (item == null || item.isBlank()) {
            throw invalid("no item given");
        }
        if (item.length() > MAX_NAME_LENGTH) {
            throw new AnswersRefusedException(AnswersRefusedException.Reason.UNKNOWN_PRO_CTCAE_ITEM, "an item id of "
                    + item.length() + " characters; PRO-CTCAE item ids have at most " + MAX_NAME_LENGTH);
        }
        Map<ProCtcaeAttribute, Integer> scores = new LinkedHashMap<>();
        if (answers != null) {
            for (Map.Entry<String, ? extends Number> answer : answers.entrySet()) {
                ProCtcaeAttribute attribute = ProCtcaeAttribute.byKey(answer.getKey()).orElseThrow(() -> invalid(
                        "'" + quoted(answer.getKey()) + "' is not a PRO-CTCAE attribute (frequency, severity, interference, "
                                + "amount, presence)"));
                if (answer.getValue() == null) {
                    continue;
                }
                BigDecimal value = score(attribute, answer.getValue());
                if (value.scale() > 0) {
                    throw invalid(attribute.key() + " is a whole number from 0 to " + attribute.maxScore() + ", not "
                            + Decimals.plain(value));
                }
                if (value.compareTo(BigDecimal.ZERO) < 0 || value.compareTo(BigDecimal.valueOf(attribute.maxScore())) > 0) {
                    throw invalid(attribute.key() + " is scored 0 to " + attribute.maxScore() + ", not "
                            + Decimals.plain(value));
                }
                scores.put(attribute, value.intValueExact());
            }
        }
        return new ProCtcaeAnswers(item.strip(), scores, recallPeriod);
    }

    /**
     * A score as an exact decimal, read from its digits and exponent only: 1e999999999 written out would be a billion
     * digits, and a double may be NaN or infinite.
     */
    private static BigDecimal score(ProCtcaeAttribute attribute, Number answer) {
        if (answer instanceof Double || answer instanceof Float) {
            double number = answer.doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw invalid(attribute.key() + " is scored 0 to " + attribute.maxScore() + ", not " + answer);
            }
        }
        BigDecimal value;
        try {
            value = answer instanceof BigDecimal decimal ? decimal : new BigDecimal(answer.toString());
        } catch (NumberFormatException e) {
            throw invalid(attribute.key() + " is scored 0 to " + attribute.maxScore() + ", not a number");
        }
        if (!Decimals.isMeasurable(value)) {
            throw invalid(attribute.key() + " is scored 0 to " + attribute.maxScore() + ", not a number of the order of 10^"
                    + Decimals.exponent(value));
        }
        return value.stripTrailingZeros();
    }

    private static String quoted(String name) {
        return name == null || name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH) + "…";
    }

    private static AnswersRefusedException invalid(String detail) {
        return new AnswersRefusedException(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, detail);
    }
}
