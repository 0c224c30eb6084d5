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
 * digits. Immutable and thread-safe.
 */
public final class LabUnits {

    public static final String STANDARD_ALIASES = "ctcae/unit-aliases.yaml";
    private static final String SCHEMA = "ctcae/schema/unit-aliases.schema.json";
    private static final String MASS_CONCENTRATION = "g/L";
    private static final String SUBSTANCE_CONCENTRATION = "mol/L";

    private final UcumUnits ucum;
    private final Map<String, String> ucumBySpelling;

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
     * Converts a reported value into the analyte's canonical unit.
     *
     * @throws UnitNotGradableException when the unit is missing or unknown, measures something else than the analyte,
     *                                  or needs a molar mass the catalog does not have
     */
    public Quantity normalize(BigDecimal value, String reportedUnit, AnalyteDefinition analyte) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(analyte, "analyte");
        String from = ucumCodeFor(reportedUnit);
        String to = analyte.ucumUnit();
        if (from.equals(to)) {
            return new Quantity(Decimals.normalized(value), to);
        }
        UnitKind fromKind = kindOf(from, reportedUnit);
        UnitKind toKind = ucum.kind(to);
        if (fromKind.special() || toKind.special()) {
            throw new UnitNotGradableException(reportedUnit,
                    "conversion between " + from + " and " + to + " is non-linear and not supported");
        }
        BigDecimal converted;
        if (fromKind.equals(toKind)) {
            converted = value.multiply(ucum.factor(from, to));
        } else if (isMassToSubstance(fromKind, toKind) || isMassToSubstance(toKind, fromKind)) {
            converted = convertThroughMolarMass(value, reportedUnit, from, to, fromKind, analyte);
        } else {
            throw new UnitNotGradableException(reportedUnit, "'" + from + "' is " + fromKind.describe()
                    + ", which cannot express " + analyte.displayName() + " in " + to
                    + (fromKind.canonicalUnits().isEmpty()
                    ? " (a relative value needs the total it refers to; CRITERIA.md A13)" : ""));
        }
        return new Quantity(Decimals.normalized(converted.round(UcumUnits.RESULT_PRECISION)), to);
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

    private BigDecimal convertThroughMolarMass(BigDecimal value, String reportedUnit, String from, String to,
                                               UnitKind fromKind, AnalyteDefinition analyte) {
        BigDecimal molarMass = analyte.molarMassGramsPerMole();
        if (molarMass == null) {
            throw new UnitNotGradableException(reportedUnit, "converting " + from + " to " + to + " needs the molar mass of "
                    + analyte.displayName() + ", which the analyte catalog does not give");
        }
        if (fromKind.equals(ucum.kind(MASS_CONCENTRATION))) {
            BigDecimal gramsPerLitre = value.multiply(ucum.factor(from, MASS_CONCENTRATION));
            BigDecimal molesPerLitre = gramsPerLitre.divide(molarMass, MathContext.DECIMAL128);
            return molesPerLitre.multiply(ucum.factor(SUBSTANCE_CONCENTRATION, to));
        }
        BigDecimal molesPerLitre = value.multiply(ucum.factor(from, SUBSTANCE_CONCENTRATION));
        BigDecimal gramsPerLitre = molesPerLitre.multiply(molarMass);
        return gramsPerLitre.multiply(ucum.factor(MASS_CONCENTRATION, to));
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
