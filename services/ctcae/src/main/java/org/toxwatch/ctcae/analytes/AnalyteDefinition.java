package org.toxwatch.ctcae.analytes;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One measured quantity, e.g. NEUTROPHILS, with the LOINC codes that report it and the canonical UCUM unit in which
 * values, reference limits and CTCAE bands are compared.
 *
 * @param molarMassGramsPerMole for analytes a lab may report in mass or substance units (bilirubin, creatinine);
 *                              null otherwise
 * @param plausibleRange        sanity limits in the canonical unit; null means only "not negative" is checked
 * @param ordinalScale          for semi-quantitative results (urine dipstick) the readings and their ranks; null for
 *                              measured quantities
 */
public record AnalyteDefinition(String id, String displayName, List<String> loincCodes, String ucumUnit,
                                BigDecimal molarMassGramsPerMole, PlausibleRange plausibleRange,
                                OrdinalScale ordinalScale) {

    public AnalyteDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(ucumUnit, "ucumUnit");
        loincCodes = List.copyOf(loincCodes);
    }

    /** The shape of docs/architecture.md: no plausible range, so only negative values are refused. */
    public AnalyteDefinition(String id, String displayName, List<String> loincCodes, String ucumUnit,
                             BigDecimal molarMassGramsPerMole) {
        this(id, displayName, loincCodes, ucumUnit, molarMassGramsPerMole, null, null);
    }

    /** A measured quantity (not an ordinal reading). */
    public AnalyteDefinition(String id, String displayName, List<String> loincCodes, String ucumUnit,
                             BigDecimal molarMassGramsPerMole, PlausibleRange plausibleRange) {
        this(id, displayName, loincCodes, ucumUnit, molarMassGramsPerMole, plausibleRange, null);
    }

    /** Whether results are readings on an ordinal scale (dipstick "1+") rather than measured numbers. */
    public boolean isOrdinal() {
        return ordinalScale != null;
    }

    /**
     * Whether a value in the canonical unit is physically possible: never negative, inside the range, and for an
     * ordinal scale one of its levels.
     */
    public boolean isPlausible(BigDecimal value) {
        return value.signum() >= 0 && (plausibleRange == null || plausibleRange.contains(value))
                && (ordinalScale == null || ordinalScale.nameOf(value).isPresent());
    }
}
