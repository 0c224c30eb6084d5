package org.toxwatch.ctcae.grading;

import org.toxwatch.ctcae.Decimals;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.units.LabUnits;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * How an explanation writes one analyte's numbers: in its canonical unit (lab path), or converted back into the unit a
 * person stated (term query path), so that thresholds read in the input's own unit. A dipstick writes its levels
 * ("2+"), not their ranks.
 *
 * @param label     the unit as written in explanations: the stated spelling, or the canonical UCUM code
 * @param convertTo the stated unit when numbers must be converted back from the canonical one; null otherwise
 */
record DisplayUnit(AnalyteDefinition analyte, String label, String convertTo) {

    /** A number converted back is shown to 10 significant digits: exact conversions stay exact, ninths stay short. */
    private static final MathContext SHOWN = new MathContext(10);

    DisplayUnit {
        Objects.requireNonNull(analyte, "analyte");
    }

    static DisplayUnit canonical(AnalyteDefinition analyte) {
        return new DisplayUnit(analyte, analyte.isOrdinal() ? "" : analyte.ucumUnit(), null);
    }

    /** The unit a person stated; it must be one {@link LabUnits} converts for the analyte. */
    static DisplayUnit stated(AnalyteDefinition analyte, String unit) {
        if (analyte.isOrdinal() || unit == null || unit.isBlank()) {
            return canonical(analyte);
        }
        boolean sameUnit = LabUnits.standard().ucumCodeFor(unit).equals(analyte.ucumUnit());
        return new DisplayUnit(analyte, unit.strip(), sameUnit ? null : unit.strip());
    }

    /** Whether numbers are shown in another unit than the canonical one. */
    boolean isConverted() {
        return convertTo != null;
    }

    /** The number alone, e.g. "1500" or "2+". */
    String number(BigDecimal canonical) {
        if (canonical == null) {
            return "-";
        }
        if (analyte.isOrdinal()) {
            return analyte.ordinalScale().write(canonical);
        }
        if (!isConverted()) {
            return Decimals.plain(canonical);
        }
        return Decimals.plain(LabUnits.standard().fromCanonical(canonical, convertTo, analyte).value().round(SHOWN));
    }

    /** "1500 cells/mm3", or "2+" for a dipstick. */
    String quantity(BigDecimal canonical) {
        return label.isEmpty() ? number(canonical) : number(canonical) + " " + label;
    }

    /** " (0.8 10*9/L)" after a converted value: the canonical value the grade was computed on; "" otherwise. */
    String canonicalAside(BigDecimal canonical) {
        if (!isConverted() || canonical == null) {
            return "";
        }
        return " (" + Decimals.plain(canonical.round(SHOWN)) + " " + analyte.ucumUnit() + ")";
    }
}
