package org.toxwatch.ctcae.criteria;

import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.datafile.DataFileReader;
import org.toxwatch.ctcae.datafile.InvalidDataFileException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
        CriteriaFile file = DataFileReader.read(resource, SCHEMA, CriteriaFile.class);
        List<String> problems = new ArrayList<>();
        List<TermCriteria> terms = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (TermCriteria declared : file.terms()) {
            if (!names.add(declared.term())) {
                problems.add("term '" + declared.term() + "' appears twice");
            }
            TermCriteria term = withBandTextDefaults(declared);
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

    public Optional<TermCriteria> term(String name) {
        return terms.stream().filter(term -> term.term().equals(name)).findFirst();
    }

    /** Terms that read an analyte, e.g. LEUKOCYTES feeds "White blood cell decreased". */
    public List<TermCriteria> termsReading(String analyte) {
        return terms.stream().filter(term -> term.analytes().contains(analyte)).toList();
    }

    private static TermCriteria withBandTextDefaults(TermCriteria term) {
        List<BandSet> sets = term.bandSets().stream()
                .map(set -> new BandSet(set.analyte(), set.symbol(), set.when(), set.bands().stream()
                        .map(band -> band.nciText() != null ? band
                                : band.withNciText(term.nciText().get(band.grade())))
                        .toList()))
                .toList();
        return new TermCriteria(term.term(), term.meddraCode(), term.soc(), term.direction(), term.nciText(),
                term.gradingNote(), sets);
    }

    /** Semantic checks of one term; problems are collected so that a broken file reports all of them at once. */
    private record TermCheck(TermCriteria term, AnalyteCatalog catalog, List<String> problems) {

        void run() {
            Map<String, Set<BandSetCondition>> conditionsByAnalyte = new LinkedHashMap<>();
            for (BandSet set : term.bandSets()) {
                String where = "term '" + term.term() + "', " + set.analyte() + " (" + set.when() + ")";
                if (catalog.byId(set.analyte()).isEmpty()) {
                    problems.add(where + ": unknown analyte " + set.analyte());
                }
                if (!conditionsByAnalyte.computeIfAbsent(set.analyte(), a -> EnumSet.noneOf(BandSetCondition.class))
                        .add(set.when())) {
                    problems.add(where + ": two band sets for the same analyte and condition");
                }
                checkBands(where, set);
            }
            conditionsByAnalyte.forEach((analyte, conditions) -> {
                boolean covered = conditions.equals(EnumSet.of(BandSetCondition.ALWAYS))
                        || conditions.equals(EnumSet.of(BandSetCondition.BASELINE_NOT_ABOVE_ULN,
                        BandSetCondition.BASELINE_ABOVE_ULN));
                if (!covered) {
                    problems.add("term '" + term.term() + "', " + analyte + ": band sets must be ALWAYS, or both "
                            + "BASELINE_NOT_ABOVE_ULN and BASELINE_ABOVE_ULN, not " + conditions);
                }
            });
        }

        private void checkBands(String where, BandSet set) {
            Set<Integer> grades = new HashSet<>();
            for (BandDefinition band : set.bands()) {
                String at = where + ", grade " + band.grade();
                if (!grades.add(band.grade())) {
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
                if (band.references().contains(Reference.BASELINE) && set.when() != BandSetCondition.BASELINE_ABOVE_ULN) {
                    problems.add(at + ": multiples of baseline only make sense when the baseline was above ULN");
                }
                checkBound(at + ", lower", band.lower(), true);
                checkBound(at + ", upper", band.upper(), false);
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
            if (bound.isAbsolute() == (bound.multipleOf() != null)) {
                problems.add(at + ": a bound is either a value or a multiple of LLN/ULN/baseline");
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
         * that falls between two grades nor one that is in both.
         */
        private void checkContiguity(String where, BandSet set) {
            List<BandDefinition> bands = set.bands().stream()
                    .sorted(Comparator.comparingInt(BandDefinition::grade)).toList();
            for (int i = 0; i + 1 < bands.size(); i++) {
                BandDefinition milder = bands.get(i);
                BandDefinition worse = bands.get(i + 1);
                String at = where + ", grades " + milder.grade() + "-" + worse.grade();
                if (worse.grade() != milder.grade() + 1) {
                    problems.add(at + ": grades are not consecutive");
                    continue;
                }
                // decreasing: the worse band lies below the milder one; increasing: above it
                Bound milderEdge = term.direction() == Direction.DECREASED ? milder.lower() : milder.upper();
                Bound worseEdge = term.direction() == Direction.DECREASED ? worse.upper() : worse.lower();
                if (milderEdge == null || worseEdge == null || !milderEdge.sameCutOffAs(worseEdge)) {
                    problems.add(at + ": bands do not meet at one cut-off (direction " + term.direction() + ")");
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
