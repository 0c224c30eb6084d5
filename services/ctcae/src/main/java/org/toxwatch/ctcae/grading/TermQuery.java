package org.toxwatch.ctcae.grading;

import java.math.BigDecimal;

/**
 * One value to grade against one named CTCAE term, stated the way a person, a CSV row or a nurse's report states it:
 * numbers in the unit the lab reported them in, not yet normalised. Graded by {@link CtcaeGrader#grade(TermQuery)}.
 *
 * <ul>
 *   <li>Lab and vital-sign terms: {@code value} in {@code unit}. Hypertension: {@code value} systolic and
 *       {@code value2} diastolic, both in {@code unit}. Febrile neutropenia: {@code value} the ANC in {@code unit},
 *       {@code value2} the temperature in {@code value2Unit} (degrees Celsius when that is null), and
 *       {@code durationHours} how long that temperature lasted.</li>
 *   <li>Proteinuria: a 24-hour protein in a mass-per-day unit, or a dipstick reading as text
 *       ({@code valueText} "negative", "trace", "1+" ... "4+") with no unit or "dipstick".</li>
 *   <li>Symptom terms (Fatigue, Nausea, ...): {@code value} is the reported grade, with no unit (or "grade").</li>
 * </ul>
 *
 * @param term          CTCAE term name in any case, as the grader's version names it or as another version does where
 *                      NCI's mapping links the two
 * @param value         the value; null when missing (e.g. only the diastolic pressure was taken)
 * @param unit          the unit of value, lowerLimit, upperLimit and baseline, as the lab spells it
 * @param lowerLimit    LLN in {@code unit}; null when the lab gave none
 * @param upperLimit    ULN in {@code unit}; null when the lab gave none
 * @param baseline      the patient's pre-treatment value in {@code unit}; null when none is known
 * @param value2        the second reading a term needs: diastolic pressure for Hypertension, body temperature for
 *                      Febrile neutropenia
 * @param durationHours how long the value persisted, where a term's grade depends on it; null when unknown
 * @param valueText     the value exactly as written, for results that are not numbers (dipstick "2+"); null otherwise
 * @param value2Unit    the unit of value2 when it differs from {@code unit}; null means {@code unit} where both
 *                      readings measure the same thing (blood pressure), else the second analyte's canonical unit
 *                      (Cel for the Febrile neutropenia temperature)
 */
public record TermQuery(String term, BigDecimal value, String unit, BigDecimal lowerLimit, BigDecimal upperLimit,
                        BigDecimal baseline, BigDecimal value2, BigDecimal durationHours, String valueText,
                        String value2Unit) {

    /** The original eight fields: numbers only, value2 in {@code unit} or its analyte's canonical unit. */
    public TermQuery(String term, BigDecimal value, String unit, BigDecimal lowerLimit, BigDecimal upperLimit,
                     BigDecimal baseline, BigDecimal value2, BigDecimal durationHours) {
        this(term, value, unit, lowerLimit, upperLimit, baseline, value2, durationHours, null, null);
    }

    public static TermQuery of(String term, BigDecimal value, String unit) {
        return new TermQuery(term, value, unit, null, null, null, null, null);
    }

    /** A grade a nurse, physician or patient reported for a symptom term. */
    public static TermQuery reportedGrade(String term, int grade) {
        return of(term, BigDecimal.valueOf(grade), null);
    }

    /** A result that is text, e.g. a dipstick reading: {@code TermQuery.ofText("Proteinuria", "2+", "")}. */
    public static TermQuery ofText(String term, String valueText, String unit) {
        return new TermQuery(term, number(valueText), unit, null, null, null, null, null, blankToNull(valueText), null);
    }

    /**
     * Febrile neutropenia from its two readings: the ANC in {@code ancUnit} and a temperature in
     * {@code temperatureUnit}, lasting {@code hours} (null when unknown).
     */
    public static TermQuery febrileNeutropenia(BigDecimal anc, String ancUnit, BigDecimal temperature,
                                               String temperatureUnit, BigDecimal hours) {
        return new TermQuery("Febrile neutropenia", anc, ancUnit, null, null, null, temperature, hours, null,
                temperatureUnit);
    }

    /**
     * A query from text fields as a CSV row carries them: empty or "NA" means missing. {@code value} may be text
     * (a dipstick reading) and is kept as written; every other number must parse.
     *
     * @throws IllegalArgumentException naming the field, for a number that does not parse
     */
    public static TermQuery parse(String term, String value, String unit, String lowerLimit, String upperLimit,
                                  String baseline, String value2, String durationHours, String value2Unit) {
        return new TermQuery(term, number(missingToNull(value)), missingToNull(unit),
                required("lln", lowerLimit), required("uln", upperLimit), required("baseline", baseline),
                required("value2", value2), required("duration_h", durationHours), missingToNull(value),
                missingToNull(value2Unit));
    }

    public TermQuery withLimits(BigDecimal lln, BigDecimal uln) {
        return new TermQuery(term, value, unit, lln, uln, baseline, value2, durationHours, valueText, value2Unit);
    }

    public TermQuery withBaseline(BigDecimal newBaseline) {
        return new TermQuery(term, value, unit, lowerLimit, upperLimit, newBaseline, value2, durationHours, valueText,
                value2Unit);
    }

    public TermQuery withDurationHours(BigDecimal hours) {
        return new TermQuery(term, value, unit, lowerLimit, upperLimit, baseline, value2, hours, valueText, value2Unit);
    }

    /** Whether no first value was given at all, as number or as text. */
    boolean valueMissing() {
        return value == null && (valueText == null || valueText.isBlank());
    }

    /** The first value as written: the text when given, else the number. */
    String valueAsWritten() {
        return valueText != null ? valueText.strip() : value == null ? null : value.toPlainString();
    }

    private static BigDecimal required(String field, String text) {
        String present = missingToNull(text);
        if (present == null) {
            return null;
        }
        BigDecimal number = number(present);
        if (number == null) {
            throw new IllegalArgumentException(field + " '" + present + "' is not a number");
        }
        return number;
    }

    private static BigDecimal number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String missingToNull(String text) {
        return text == null || text.isBlank() || text.strip().equals("NA") ? null : text.strip();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
