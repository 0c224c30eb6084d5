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

/**
 * Turns a lab's reported unit into UCUM and a reported value into the analyte's canonical unit.
 *
 * <p>Order matters: the alias table ({@code ctcae/unit-aliases.yaml}) is consulted first, because some lab spellings
 * are valid UCUM with another meaning ("K/uL" is kelvin per microlitre to UCUM, "G/L" gauss per litre). Only a
 * spelling not in the table is taken as UCUM. Conversions are exact for powers of ten (all counts and mass
 * concentrations); a factor that is not a terminating decimal (molar mass, U/L to ukat/L) is carried to 15 significant
 * digits, and the value times that factor is kept exact. Temperatures (Cel, [degF], K) are converted through their
 * offsets. Immutable and thread-safe.
 *
 * <p>What callers pass comes from outside, so it is bounded before any UCUM work or arithmetic: a unit spelling of at
 * most {@value #MAX_UNIT_LENGTH} characters whose powers add up to at most {@value #MAX_UNIT_EXPONENT_SUM} (UCUM works
 * out 10*999 digit by digit, under a lock every conversion needs), and values of an order of magnitude a lab can
 * measure ({@link Decimals#isMeasurable}). Conversion factors are cached for a bounded number of unit pairs.
 */
public final class LabUnits {

    public static final String STANDARD_ALIASES = "ctcae/unit-aliases.yaml";
    private static final String SCHEMA = "ctcae/schema/unit-aliases.schema.json";
    private static final String MASS_CONCENTRATION = "g/L";
    private static final String SUBSTANCE_CONCENTRATION = "mol/L";
    /** The longest spelling in the alias table is 16 characters; UCUM codes of lab units are shorter still. */
    public static final int MAX_UNIT_LENGTH = 64;
    /** Lab units raise to at most 10*12; 30 keeps every UCUM conversion within a few milliseconds. */
    public static final int MAX_UNIT_EXPONENT_SUM = 30;
    /** How much of a refused unit or value an exception quotes. */
    private static final int QUOTED = 64;

    private final UcumUnits ucum;
    private final Map<String, String> ucumBySpelling;
    private final BoundedCache<String, BigDecimal> factors = new BoundedCache<>(UcumUnits.CACHED_CODES);

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
        checkSpelling(reportedUnit, spelling);
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
     * @throws ResultNotGradableException for an ordinal analyte (dipstick), a number that is none of its levels; for
     *                                    any analyte, a value no lab measures (10^18 or more, non-zero below 10^-18)
     */
    public Quantity normalize(BigDecimal value, String reportedUnit, AnalyteDefinition analyte) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(analyte, "analyte");
        checkMeasurable(value);
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
        if (reportedValue.length() > QUOTED) {
            throw new ResultNotGradableException(quoted(reportedValue), "a result of " + reportedValue.length()
                    + " characters is neither a number nor a reading");
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
        checkMeasurable(canonicalValue);
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

    /** Entries held by the largest conversion cache (for tests: it must not grow with made-up spellings). */
    int cachedEntries() {
        return Math.max(factors.size(), ucum.cachedEntries());
    }

    /**
     * The powers a UCUM expression raises to, added up: the digits right after a unit symbol ("m2", "[ft_i]3") or
     * after 10* / 10^ ("10*9"). Digits elsewhere are factors ("/100", "24.h"), which cost nothing; {annotations} are
     * skipped. Stops counting once past {@link #MAX_UNIT_EXPONENT_SUM}.
     */
    public static int exponentSum(String unit) {
        int sum = 0;
        int i = 0;
        while (i < unit.length()) {
            char c = unit.charAt(i);
            if (c == '{') {
                int close = unit.indexOf('}', i);
                i = close < 0 ? unit.length() : close + 1;
                continue;
            }
            boolean raises = Character.isLetter(c) || c == ']' || c == '*' || c == '^';
            i++;
            if (!raises) {
                continue;
            }
            int start = i < unit.length() && (unit.charAt(i) == '-' || unit.charAt(i) == '+') ? i + 1 : i;
            int end = start;
            while (end < unit.length() && Character.isDigit(unit.charAt(end))) {
                end++;
            }
            if (end > start) {
                // more than 6 digits is far past the limit already; do not parse it
                sum += end - start > 6 ? Integer.MAX_VALUE / 2 : Integer.parseInt(unit.substring(start, end));
                if (sum > MAX_UNIT_EXPONENT_SUM) {
                    return sum;
                }
                i = end;
            }
        }
        return sum;
    }

    /** A spelling short enough, and with small enough powers, for UCUM to analyse at once. */
    private static void checkSpelling(String reportedUnit, String spelling) {
        if (spelling.length() > MAX_UNIT_LENGTH) {
            throw new UnitNotGradableException(quoted(reportedUnit), "a unit of " + spelling.length()
                    + " characters; lab units have at most " + MAX_UNIT_LENGTH);
        }
        int powers = exponentSum(spelling);
        if (powers > MAX_UNIT_EXPONENT_SUM) {
            throw new UnitNotGradableException(reportedUnit, "its powers add up to more than " + MAX_UNIT_EXPONENT_SUM
                    + "; lab units need far less");
        }
    }

    private static void checkMeasurable(BigDecimal value) {
        if (!Decimals.isMeasurable(value)) {
            throw new ResultNotGradableException(Decimals.plain(value), "a value of the order of 10^"
                    + Decimals.exponent(value) + " is not a lab measurement (accepted: 10^-"
                    + Decimals.MAX_MEASURED_EXPONENT + " up to 10^" + Decimals.MAX_MEASURED_EXPONENT + ")");
        }
    }

    private static String quoted(String text) {
        return text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "…";
    }

    private void checkOrdinalUnit(String reportedUnit, AnalyteDefinition analyte) {
        if (reportedUnit == null || reportedUnit.isBlank()) {
            return; // a dipstick reading carries no unit
        }
        checkSpelling(reportedUnit, clean(reportedUnit));
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
        factors.put(key, factor);
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
