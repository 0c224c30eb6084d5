package org.toxwatch.cli.grading;

import java.math.BigDecimal;

/**
 * One CSV row: a value stated against a CTCAE term, or against a LOINC code whose analyte names the terms. Numbers are
 * in {@code unit}, as the lab reported them; null means missing.
 *
 * @param term          CTCAE term name in any case (v5 or v6 wording); null when the row names a LOINC code instead
 * @param loinc         LOINC code of the value; null when the row names a term
 * @param value         the value when it is a decimal number; null otherwise
 * @param valueText     the value as written (a dipstick "2+", a reported grade "2", or "800"); null when missing.
 *                      The engine decides what text a term accepts.
 * @param value2        the term's second reading: diastolic pressure for Hypertension, temperature for Febrile
 *                      neutropenia; with a blood-pressure panel code, the diastolic pressure
 * @param durationHours how long the value persisted
 */
public record LabRow(int row, String id, String term, String loinc, BigDecimal value, String valueText, String unit,
                     BigDecimal lowerLimit, BigDecimal upperLimit, BigDecimal baseline, BigDecimal value2,
                     BigDecimal durationHours) implements LabInput {

    public LabRow {
        id = id == null ? "" : id;
    }
}
