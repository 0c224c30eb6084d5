package org.toxwatch.ctcae.grading;

import java.math.BigDecimal;

/**
 * One value to grade against one named CTCAE term, stated the way a person, a CSV row or a nurse's report states it:
 * numbers in the unit the lab reported them in, not yet normalised.
 *
 * @param term          CTCAE term name in any case, as worded in the grader's version (v5 or v6 names are both accepted
 *                      where the version knows the other name)
 * @param value         the value; null when missing (e.g. only the diastolic pressure was taken)
 * @param unit          the unit of value, lowerLimit, upperLimit and baseline, as the lab spells it
 * @param lowerLimit    LLN in {@code unit}; null when the lab gave none
 * @param upperLimit    ULN in {@code unit}; null when the lab gave none
 * @param baseline      the patient's pre-treatment value in {@code unit}; null when none is known
 * @param value2        the second reading a term needs: diastolic pressure for Hypertension (in {@code unit}),
 *                      body temperature for Febrile neutropenia
 * @param durationHours how long the value persisted, where a term's grade depends on it; null when unknown
 */
public record TermQuery(String term, BigDecimal value, String unit, BigDecimal lowerLimit, BigDecimal upperLimit,
                        BigDecimal baseline, BigDecimal value2, BigDecimal durationHours) {

    public static TermQuery of(String term, BigDecimal value, String unit) {
        return new TermQuery(term, value, unit, null, null, null, null, null);
    }
}
