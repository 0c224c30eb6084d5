package org.toxwatch.ctcae.criteria;

import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.datafile.DataFileReader;
import org.toxwatch.ctcae.datafile.InvalidDataFileException;
import org.toxwatch.ctcae.units.LabUnits;
import org.toxwatch.ctcae.units.NotGradableException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The CTCAE criteria of one version, loaded from {@code ctcae/ctcae-v<version>.yaml}. Each file is validated against
 * {@code ctcae/schema/ctcae-criteria.schema.json} and then checked for meaning (known analytes, unique grades, bands
 * that meet edge to edge without overlap, band text traceable to NCI's grade text); a broken file fails at load with
 * {@link InvalidDataFileException}. Immutable and thread-safe.
 */
public final class CtcaeCriteria {

    private static final String FOLDER = "ctcae/";
    private static final String INDEX = FOLDER + "criteria-versions.yaml";
    private static final String INDEX_SCHEMA = FOLDER + "schema/criteria-versions.schema.json";
    private static final String SCHEMA = FOLDER + "schema/ctcae-criteria.schema.json";
    private static final Map<String, CtcaeCriteria> LOADED = new ConcurrentHashMap<>();

    private final String version;
    private final String published;
    private final String source;
    private final List<TermCriteria> terms;

    private CtcaeCriteria(String version, String published, String source, List<TermCriteria> terms) {
        this.version = version;
        this.published = published;
        this.source = source;
        this.terms = List.copyOf(terms);
    }

    /** Versions with a criteria file, as listed in {@code ctcae/criteria-versions.yaml}. */
    public static List<String> knownVersions() {
        return List.copyOf(Index.FILES.keySet());
    }

    /**
     * @throws IllegalArgumentException for a version without a criteria file, naming the known ones
     */
    public static CtcaeCriteria forVersion(String version) {
        String file = version == null ? null : Index.FILES.get(version);
        if (file == null) {
            throw new IllegalArgumentException("Unknown CTCAE version '" + version + "'; known versions: "
                    + String.join(", ", knownVersions()));
        }
        return LOADED.computeIfAbsent(version, v -> {
            CtcaeCriteria criteria = load(FOLDER + file, AnalyteCatalog.standard());
            if (!criteria.version().equals(v)) {
                throw new InvalidDataFileException(FOLDER + file, List.of("declares version " + criteria.version()
                        + " but is listed as version " + v + " in " + INDEX));
            }
            return criteria;
        });
    }

    /** Loads and checks one criteria file from the classpath against the analytes of a catalog. */
    public static CtcaeCriteria load(String resource, AnalyteCatalog catalog) {
        return load(resource, catalog, CtcaeCriteria.class.getClassLoader());
    }

    /** As {@link #load(String, AnalyteCatalog)}, reading the file through another class loader (a site's own file). */
    public static CtcaeCriteria load(String resource, AnalyteCatalog catalog, ClassLoader classLoader) {
        CriteriaFile file = DataFileReader.read(resource, SCHEMA, CriteriaFile.class, classLoader);
        List<String> problems = new ArrayList<>();
        List<TermCriteria> terms = new ArrayList<>();
        Map<String, String> termByName = new HashMap<>();
        for (TermCriteria declared : file.terms()) {
            List<String> names = new ArrayList<>(declared.alsoNamed());
            names.add(0, declared.term());
            for (String name : names) {
                String earlier = termByName.putIfAbsent(name.toLowerCase(Locale.ROOT), declared.term());
                if (earlier != null) {
                    problems.add(earlier.equals(declared.term()) && name.equals(declared.term())
                            ? "term '" + declared.term() + "' appears twice"
                            : "name '" + name + "' is used by both '" + earlier + "' and '" + declared.term() + "'");
                }
            }
            TermCriteria term = withDefaults(declared, catalog, problems);
            new TermCheck(term, catalog, problems).run();
            terms.add(term);
        }
        if (!problems.isEmpty()) {
            throw new InvalidDataFileException(resource, problems);
        }
        return new CtcaeCriteria(file.version(), file.published(), file.source(), terms);
    }

    public String version() {
        return version;
    }

    /** Publication date as the file gives it (ISO date), or null. */
    public String published() {
        return published;
    }

    public String source() {
        return source;
    }

    /** Terms in file order, which is also the order of gradings. */
    public List<TermCriteria> terms() {
        return terms;
    }

    /**
     * The term by its name in this version, in any case, or by its name in another version where NCI's mapping links
     * the two (v6 "Thrombocytopenia" finds v5 "Platelet count decreased").
     */
    public Optional<TermCriteria> term(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip();
        return terms.stream().filter(term -> term.term().equalsIgnoreCase(wanted)).findFirst()
                .or(() -> terms.stream().filter(term -> term.isNamed(wanted)).findFirst());
    }

    /** Terms that read an analyte, e.g. LEUKOCYTES feeds "White blood cell decreased". */
    public List<TermCriteria> termsReading(String analyte) {
        return terms.stream().filter(term -> term.analytes().contains(analyte)).toList();
    }

    /**
     * Fills in what the file may leave out (a band's text is its grade's text; a band set's direction is its term's)
     * and converts bounds written in another unit (a band set's {@code unit}, a gap's {@code unit}) into the
     * analyte's canonical unit.
     */
    private static TermCriteria withDefaults(TermCriteria term, AnalyteCatalog catalog, List<String> problems) {
        List<BandSet> sets = new ArrayList<>();
        for (BandSet set : term.bandSets()) {
            AnalyteDefinition analyte = catalog.byId(set.analyte()).orElse(null);
            String where = "term '" + term.term() + "', " + set.analyte() + " (" + set.when() + ")";
            List<BandDefinition> bands = new ArrayList<>();
            for (BandDefinition band : set.bands()) {
                BandDefinition withText = band.nciText() != null ? band
                        : band.withNciText(term.nciText().get(band.grade()));
                bands.add(analyte == null ? withText : withText.withBounds(
                        canonical(withText.lower(), set, analyte, where, problems),
                        canonical(withText.upper(), set, analyte, where, problems)));
            }
            sets.add(set.with(bands, set.direction() != null ? set.direction() : term.direction()));
        }
        return term.withBandSets(sets);
    }

    private static Bound canonical(Bound bound, BandSet set, AnalyteDefinition analyte, String where,
                                   List<String> problems) {
        if (bound == null) {
            return null;
        }
        if (bound.isCompound()) {
            List<Bound> parts = bound.allOf().stream()
                    .map(part -> canonical(part, set, analyte, where, problems)).toList();
            return new Bound(null, null, null, bound.inclusive(), bound.gap(), parts);
        }
        Gap gap = bound.gap();
        if (gap != null) {
            String gapUnit = gap.unit() != null ? gap.unit() : set.unit();
            gap = new Gap(toCanonical(gap.to(), gapUnit, analyte, where, problems), gap.reading(), gap.unit());
        }
        BigDecimal value = bound.isAbsolute() ? toCanonical(bound.value(), set.unit(), analyte, where, problems) : null;
        return bound.withValue(value, gap);
    }

    private static BigDecimal toCanonical(BigDecimal value, String unit, AnalyteDefinition analyte, String where,
                                          List<String> problems) {
        if (unit == null || unit.equals(analyte.ucumUnit())) {
            return value;
        }
        try {
            return LabUnits.standard().normalize(value, unit, analyte).value();
        } catch (NotGradableException e) {
            problems.add(where + ": bound " + value.toPlainString() + " " + unit + " cannot be converted to "
                    + analyte.ucumUnit() + ": " + e.reason());
            return value;
        }
    }

    /** Semantic checks of one term; problems are collected so that a broken file reports all of them at once. */
    private record TermCheck(TermCriteria term, AnalyteCatalog catalog, List<String> problems) {

        void run() {
            String name = "term '" + term.term() + "'";
            if (term.nciText().isEmpty()) {
                problems.add(name + ": no NCI text for any grade");
            }
            if (term.isReported()) {
                if (!term.bandSets().isEmpty()) {
                    problems.add(name + ": a term graded from a reported grade has no band sets");
                }
                if (!term.notGraded().isEmpty()) {
                    problems.add(name + ": a term graded from a reported grade reads no analytes, graded or not");
                }
                return;
            }
            for (UngradedAnalyte ungraded : term.notGraded()) {
                if (catalog.byId(ungraded.analyte()).isEmpty()) {
                    problems.add(name + ", not graded: unknown analyte " + ungraded.analyte());
                }
                if (term.analytes().contains(ungraded.analyte())) {
                    problems.add(name + ": " + ungraded.analyte() + " is both graded and not graded");
                }
            }
            if (term.bandSets().isEmpty()) {
                problems.add(name + ": a term graded from values needs band sets");
                return;
            }
            if (term.join() != AnalyteJoin.EITHER && term.analytes().size() < 2) {
                problems.add(name + ": join " + term.join() + " needs at least two analytes");
            }
            Map<String, List<BandSet>> setsByAnalyte = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            for (BandSet set : term.bandSets()) {
                String where = name + ", " + set.analyte() + " (" + set.when() + ")";
                if (catalog.byId(set.analyte()).isEmpty()) {
                    problems.add(where + ": unknown analyte " + set.analyte());
                }
                if (set.direction() == null) {
                    problems.add(where + ": no direction; give one on the term or on the band set");
                }
                if (!seen.add(set.analyte() + "|" + set.when() + "|" + set.unit())) {
                    problems.add(where + ": two band sets for the same analyte, condition and unit");
                }
                setsByAnalyte.computeIfAbsent(set.analyte(), a -> new ArrayList<>()).add(set);
                checkBands(where, set);
            }
            setsByAnalyte.forEach((analyte, sets) -> {
                for (BandSetCondition.Situation situation : BandSetCondition.Situation.values()) {
                    if (sets.stream().noneMatch(set -> set.when().covers(situation))) {
                        problems.add(name + ", " + analyte + ": no band set applies when " + situation.describe());
                    }
                }
            });
        }

        private void checkBands(String where, BandSet set) {
            Map<Integer, Integer> plainBandsPerGrade = new HashMap<>();
            for (BandDefinition band : set.bands()) {
                String at = where + ", grade " + band.grade();
                if (!band.isConditional() && plainBandsPerGrade.merge(band.grade(), 1, Integer::sum) > 1) {
                    problems.add(at + ": grade appears twice");
                }
                String gradeText = term.nciText().get(band.grade());
                if (gradeText == null) {
                    problems.add(at + ": no NCI text for this grade");
                } else if (band.nciText() == null || !gradeText.contains(band.nciText())) {
                    problems.add(at + ": band text '" + band.nciText() + "' is not part of NCI's grade text");
                }
                if (band.lower() == null && band.upper() == null) {
                    problems.add(at + ": band has no bound");
                }
                if (band.references().contains(Reference.BASELINE)
                        && set.when() == BandSetCondition.BASELINE_NOT_ABOVE_ULN) {
                    problems.add(at + ": multiples of baseline cannot be used in a band set that also applies "
                            + "without a baseline (" + set.when() + ")");
                }
                checkBound(at + ", lower", band.lower(), true);
                checkBound(at + ", upper", band.upper(), false);
                String canonicalUnit = catalog.byId(set.analyte()).map(AnalyteDefinition::ucumUnit).orElse(null);
                boolean offsetInOtherUnit = set.unit() != null && !set.unit().equals(canonicalUnit)
                        && Stream.of(band.lower(), band.upper()).filter(Objects::nonNull)
                        .flatMap(bound -> bound.edges().stream()).anyMatch(edge -> edge.plus() != null);
                if (offsetInOtherUnit) {
                    problems.add(at + ": an offset (plus) must be written in the analyte's canonical unit "
                            + canonicalUnit + ", not in " + set.unit());
                }
                if (band.lower() != null && band.upper() != null && band.lower().isAbsolute()
                        && band.upper().isAbsolute()) {
                    int order = band.lower().value().compareTo(band.upper().value());
                    boolean bothInclusive = band.lower().inclusive() && band.upper().inclusive();
                    if (order > 0 || order == 0 && !bothInclusive) {
                        problems.add(at + ": lower bound " + band.lower().value() + " is not below upper bound "
                                + band.upper().value());
                    }
                }
            }
            checkContiguity(where, set);
        }

        private void checkBound(String at, Bound bound, boolean isLower) {
            if (bound == null) {
                return;
            }
            for (Bound edge : bound.edges()) {
                if (edge.isCompound() || edge.isAbsolute() == (edge.multipleOf() != null)) {
                    problems.add(at + ": a bound is either a value, a multiple of LLN/ULN/baseline, or allOf such");
                }
            }
            if (bound.gap() != null) {
                if (!bound.isAbsolute()) {
                    problems.add(at + ": only absolute bounds can read a gap");
                } else if (isLower ? bound.gap().to().compareTo(bound.value()) <= 0
                        : bound.gap().to().compareTo(bound.value()) >= 0) {
                    problems.add(at + ": gap must lie inside the band, beyond the bound");
                }
            }
        }

        /**
         * Consecutive grades must meet at the same cut-off, with the cut-off in exactly one of them: neither a value
         * that falls between two grades nor one that is in both. Bands that also need a duration or a finding are
         * extra routes to their grade (fever grade 4 is grade 3's range lasting over 24 h) and are left out of this
         * check.
         */
        private void checkContiguity(String where, BandSet set) {
            if (set.direction() == null) {
                return; // reported above; without a direction there is no order to check
            }
            List<BandDefinition> bands = set.bands().stream()
                    .filter(band -> !band.isConditional())
                    .sorted(Comparator.comparingInt(BandDefinition::grade)).toList();
            for (int i = 0; i + 1 < bands.size(); i++) {
                BandDefinition milder = bands.get(i);
                BandDefinition worse = bands.get(i + 1);
                String at = where + ", grades " + milder.grade() + "-" + worse.grade();
                if (worse.grade() == milder.grade()) {
                    continue; // reported above as a duplicate grade
                }
                if (worse.grade() != milder.grade() + 1) {
                    problems.add(at + ": grades are not consecutive");
                    continue;
                }
                // decreasing: the worse band lies below the milder one; increasing: above it
                boolean decreasing = set.direction() == Direction.DECREASED;
                Bound milderEdge = decreasing ? milder.lower() : milder.upper();
                Bound worseEdge = decreasing ? worse.upper() : worse.lower();
                if (milderEdge == null || worseEdge == null || !milderEdge.sameCutOffAs(worseEdge)) {
                    problems.add(at + ": bands do not meet at one cut-off (direction " + set.direction() + ")");
                } else if (milderEdge.inclusive() == worseEdge.inclusive()) {
                    problems.add(at + ": the shared cut-off " + milderEdge.symbolic()
                            + " must belong to exactly one of the two bands");
                }
            }
        }
    }

    /** Shape of a criteria file. */
    record CriteriaFile(String version, String published, String source, List<TermCriteria> terms) {
        CriteriaFile {
            Objects.requireNonNull(terms, "terms");
        }
    }

    /** Shape of criteria-versions.yaml. */
    record VersionIndex(List<Entry> versions) {
        record Entry(String version, String file) {
        }
    }

    private static final class Index {
        static final Map<String, String> FILES = read();

        private static Map<String, String> read() {
            VersionIndex index = DataFileReader.read(INDEX, INDEX_SCHEMA, VersionIndex.class);
            Map<String, String> files = new LinkedHashMap<>();
            for (VersionIndex.Entry entry : index.versions()) {
                if (files.putIfAbsent(entry.version(), entry.file()) != null) {
                    throw new InvalidDataFileException(INDEX, List.of("version " + entry.version() + " listed twice"));
                }
            }
            return Collections.unmodifiableMap(files);
        }
    }
}
