package org.toxwatch.ctcae.units;

import org.toxwatch.ctcae.Decimals;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.datafile.DataFileReader;
import org.toxwatch.ctcae.datafile.InvalidDataFileException;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a lab's reported unit into UCUM and a reported value into the analyte's canonical unit.
 *
 * <p>Order matters: the alias table ({@code ctcae/unit-aliases.yaml}) is consulted first, because some lab spellings
 * are valid UCUM with another meaning ("K/uL" is kelvin per microlitre to UCUM, "G/L" gauss per litre). Only a
 * spelling not in the table is taken as UCUM. Conversions are exact for powers of ten (all counts and mass
 * concentrations); a factor that is not a terminating decimal (molar mass, U/L to ukat/L) is carried to 15 significant
 * digits, and the value times that factor is kept exact. Temperatures (Cel, [degF], K) are converted through their
 * offsets. Immutable and thread-safe.
 */
public final class LabUnits {

    public static final String STANDARD_ALIASES = "ctcae/unit-aliases.yaml";
    private static final String SCHEMA = "ctcae/schema/unit-aliases.schema.json";
    private static final String MASS_CONCENTRATION = "g/L";
    private static final String SUBSTANCE_CONCENTRATION = "mol/L";

    private final UcumUnits ucum;
    private final Map<String, String> ucumBySpelling;
    private final Map<String, BigDecimal> factors = new ConcurrentHashMap<>();

    private LabUnits(UcumUnits ucum, Map<String, String> ucumBySpelling) {
        this.ucum = ucum;
        this.ucumBySpelling = ucumBySpelling;
    }

    public static LabUnits standard() {
        return Standard.UNITS;
    }

    /** Loads a different alias table (tests, or a site-specific one); every target must be valid UCUM. */
    public static LabUnits withAliases(String resource) {
        AliasFile file = DataFileReader.read(resource, SCHEMA, AliasFile.class);
        UcumUnits ucum = new UcumUnits();
        Map<String, String> bySpelling = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (AliasFile.Alias alias : file.aliases()) {
            ucum.problemWith(alias.ucum())
                    .ifPresent(problem -> problems.add("target " + alias.ucum() + " is not valid UCUM: " + problem));
            for (String spelling : alias.spellings()) {
                String earlier = bySpelling.putIfAbsent(clean(spelling), alias.ucum());
                if (earlier != null) {
                    problems.add("spelling '" + spelling + "' maps to both " + earlier + " and " + alias.ucum());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDataFileException(resource, problems);
        }
        return new LabUnits(ucum, Map.copyOf(bySpelling));
    }

    /**
     * The UCUM code for a unit as a lab wrote it, without converting anything (lab ingest keeps it as the reported
     * unit). Aliases first, then UCUM itself.
     *
     * @throws UnitNotGradableException for a missing or blank unit, or one that is neither a known spelling nor UCUM
     */
    public String ucumCodeFor(String reportedUnit) {
        if (reportedUnit == null || reportedUnit.isBlank()) {
            throw new UnitNotGradableException(reportedUnit,
                    "no unit was reported; a value without a unit is never guessed (CRITERIA.md A13)");
        }
        String spelling = clean(reportedUnit);
        String alias = ucumBySpelling.get(spelling);
        if (alias != null) {
            return alias;
        }
        Optional<String> problem = ucum.problemWith(spelling);
        if (problem.isPresent()) {
            throw new UnitNotGradableException(reportedUnit,
                    "neither a known lab spelling nor valid UCUM (" + problem.get() + ")");
        }
        return spelling;
    }

    /**
     * Converts a reported value into the analyte's canonical unit. Linear units are converted by one factor per unit
     * pair (exact for powers of ten; a molar mass or U/L to ukat/L factor carried to 15 significant digits) and the
     * product is kept exact, so a value, its ULN and its baseline in the same unit keep their exact ratios: 1.8 mg/dL
     * against ULN 1.2 mg/dL is exactly 1.5 x ULN in umol/L too (issue #3 item 4). Temperatures are converted through
     * their offsets ({@link TemperatureScale}).
     *
     * @throws UnitNotGradableException   when the unit is missing or unknown, measures something else than the
     *                                    analyte, or needs a molar mass the catalog does not have
     * @throws ResultNotGradableException for an ordinal analyte (dipstick), a number that is none of its levels
     */
    public Quantity normalize(BigDecimal value, String reportedUnit, AnalyteDefinition analyte) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(analyte, "analyte");
        if (analyte.isOrdinal()) {
            checkOrdinalUnit(reportedUnit, analyte);
            if (analyte.ordinalScale().nameOf(value).isEmpty()) {
                throw new ResultNotGradableException(value.toPlainString(), "a " + analyte.displayName()
                        + " result is one of " + analyte.ordinalScale().describe() + ", not a number");
            }
            return new Quantity(Decimals.normalized(value), analyte.ucumUnit());
        }
        String from = ucumCodeFor(reportedUnit);
        String to = analyte.ucumUnit();
        if (from.equals(to)) {
            return new Quantity(Decimals.normalized(value), to);
        }
        Optional<TemperatureScale> toScale = TemperatureScale.ofUcum(to);
        if (toScale.isPresent()) {
            TemperatureScale fromScale = temperatureScale(from, reportedUnit, analyte);
            return new Quantity(Decimals.normalized(toScale.get().fromCelsius(fromScale.toCelsius(value))), to);
        }
        return new Quantity(Decimals.normalized(value.multiply(factor(from, to, reportedUnit, analyte))), to);
    }

    /**
     * Converts a result as a lab wrote it, text included: a number, or for an ordinal analyte one of its readings
     * ("negative", "trace", "1+" ... "4+", in the scale's spellings) with no unit or the scale's own.
     *
     * @throws ResultNotGradableException for text that is not a number, or not a reading of the analyte's scale
     * @throws UnitNotGradableException   as {@link #normalize(BigDecimal, String, AnalyteDefinition)}
     */
    public Quantity normalizeReported(String reportedValue, String reportedUnit, AnalyteDefinition analyte) {
        Objects.requireNonNull(analyte, "analyte");
        if (reportedValue == null || reportedValue.isBlank()) {
            throw new ResultNotGradableException(reportedValue, "no result was reported");
        }
        if (analyte.isOrdinal()) {
            checkOrdinalUnit(reportedUnit, analyte);
            BigDecimal rank = analyte.ordinalScale().valueOf(reportedValue).orElseThrow(() ->
                    new ResultNotGradableException(reportedValue, "'" + reportedValue.strip() + "' is not a "
                            + analyte.displayName() + " reading; expected one of "
                            + analyte.ordinalScale().describe()));
            return new Quantity(rank, analyte.ucumUnit());
        }
        BigDecimal value;
        try {
            value = new BigDecimal(reportedValue.strip());
        } catch (NumberFormatException e) {
            throw new ResultNotGradableException(reportedValue, "'" + reportedValue.strip() + "' is not a number");
        }
        return normalize(value, reportedUnit, analyte);
    }

    /**
     * The way back: a value in the analyte's canonical unit written in a reported unit, for explanations in the
     * unit a person used. Carried to 34 significant digits where the factor does not divide exactly.
     */
    public Quantity fromCanonical(BigDecimal canonicalValue, String reportedUnit, AnalyteDefinition analyte) {
        Objects.requireNonNull(canonicalValue, "canonicalValue");
        Objects.requireNonNull(analyte, "analyte");
        if (analyte.isOrdinal()) {
            return new Quantity(Decimals.normalized(canonicalValue), analyte.ucumUnit());
        }
        String to = ucumCodeFor(reportedUnit);
        String from = analyte.ucumUnit();
        if (from.equals(to)) {
            return new Quantity(Decimals.normalized(canonicalValue), to);
        }
        Optional<TemperatureScale> canonicalScale = TemperatureScale.ofUcum(from);
        if (canonicalScale.isPresent()) {
            TemperatureScale toScale = temperatureScale(to, reportedUnit, analyte);
            return new Quantity(Decimals.normalized(toScale.fromCelsius(canonicalScale.get().toCelsius(canonicalValue))),
                    to);
        }
        BigDecimal factor = factor(to, from, reportedUnit, analyte);
        return new Quantity(Decimals.normalized(canonicalValue.divide(factor, MathContext.DECIMAL128)), to);
    }

    private void checkOrdinalUnit(String reportedUnit, AnalyteDefinition analyte) {
        if (reportedUnit == null || reportedUnit.isBlank()) {
            return; // a dipstick reading carries no unit
        }
        String code = ucumBySpelling.getOrDefault(clean(reportedUnit), clean(reportedUnit));
        if (!code.equals(analyte.ucumUnit())) {
            throw new UnitNotGradableException(reportedUnit, analyte.displayName() + " is read as "
                    + analyte.ordinalScale().describe() + " without a unit (or '" + analyte.ucumUnit()
                    + "'); a result in '" + reportedUnit.strip() + "' has no agreed mapping to those readings");
        }
    }

    private TemperatureScale temperatureScale(String code, String reportedUnit, AnalyteDefinition analyte) {
        return TemperatureScale.ofUcum(code).orElseThrow(() -> new UnitNotGradableException(reportedUnit,
                "'" + code + "' is not a temperature unit (Cel, [degF] or K), so it cannot express "
                        + analyte.displayName()));
    }

    /** How many {@code to} make one {@code from}, for the analyte (molar mass); cached per pair. */
    private BigDecimal factor(String from, String to, String reportedUnit, AnalyteDefinition analyte) {
        String key = from + "\u0000" + to + "\u0000" + analyte.molarMassGramsPerMole();
        BigDecimal known = factors.get(key);
        if (known != null) {
            return known;
        }
        UnitKind fromKind = kindOf(from, reportedUnit);
        UnitKind toKind = ucum.kind(to);
        if (fromKind.special() || toKind.special()) {
            throw new UnitNotGradableException(reportedUnit,
                    "conversion between " + from + " and " + to + " is non-linear and not supported");
        }
        BigDecimal factor;
        if (fromKind.equals(toKind)) {
            factor = ucum.factor(from, to);
        } else if (isMassToSubstance(fromKind, toKind) || isMassToSubstance(toKind, fromKind)) {
            factor = molarFactor(reportedUnit, from, to, fromKind, analyte);
        } else {
            throw new UnitNotGradableException(reportedUnit, "'" + from + "' is " + fromKind.describe()
                    + ", which cannot express " + analyte.displayName() + " in " + to
                    + (fromKind.canonicalUnits().isEmpty()
                    ? " (a relative value needs the total it refers to; CRITERIA.md A13)" : ""));
        }
        factors.putIfAbsent(key, factor);
        return factor;
    }

    private UnitKind kindOf(String code, String reportedUnit) {
        try {
            return ucum.kind(code);
        } catch (IllegalArgumentException e) {
            throw new UnitNotGradableException(reportedUnit, "UCUM cannot analyse '" + code + "': " + e.getMessage());
        }
    }

    private boolean isMassToSubstance(UnitKind mass, UnitKind substance) {
        return mass.equals(ucum.kind(MASS_CONCENTRATION)) && substance.equals(ucum.kind(SUBSTANCE_CONCENTRATION));
    }

    private BigDecimal molarFactor(String reportedUnit, String from, String to, UnitKind fromKind,
                                   AnalyteDefinition analyte) {
        BigDecimal molarMass = analyte.molarMassGramsPerMole();
        if (molarMass == null) {
            throw new UnitNotGradableException(reportedUnit, "converting " + from + " to " + to + " needs the molar mass of "
                    + analyte.displayName() + ", which the analyte catalog does not give");
        }
        BigDecimal factor;
        if (fromKind.equals(ucum.kind(MASS_CONCENTRATION))) {
            factor = ucum.factor(from, MASS_CONCENTRATION).divide(molarMass, MathContext.DECIMAL128)
                    .multiply(ucum.factor(SUBSTANCE_CONCENTRATION, to));
        } else {
            factor = ucum.factor(from, SUBSTANCE_CONCENTRATION).multiply(molarMass)
                    .multiply(ucum.factor(MASS_CONCENTRATION, to));
        }
        return Decimals.normalized(factor.round(UcumUnits.RESULT_PRECISION));
    }

    /** Trims and writes both micro signs (U+00B5, U+03BC) as UCUM's "u". */
    private static String clean(String unit) {
        return unit.trim().replace('\u00B5', 'u').replace('\u03BC', 'u');
    }

    /** Shape of unit-aliases.yaml. */
    record AliasFile(List<Alias> aliases) {
        record Alias(String ucum, List<String> spellings) {
        }
    }

    private static final class Standard {
        static final LabUnits UNITS = withAliases(STANDARD_ALIASES);
    }
}
