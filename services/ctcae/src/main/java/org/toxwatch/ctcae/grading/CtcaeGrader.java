package org.toxwatch.ctcae.grading;

import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.criteria.BandSet;
import org.toxwatch.ctcae.criteria.CtcaeCriteria;
import org.toxwatch.ctcae.criteria.TermCriteria;
import org.toxwatch.ctcae.units.LabUnits;
import org.toxwatch.ctcae.units.UnitNotGradableException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Grades lab and vital-sign values against one CTCAE version. Pure and thread-safe: the same request always gives the
 * same gradings.
 *
 * <pre>{@code
 * CtcaeGrader grader = CtcaeGrader.forVersion("5.0");
 * List<Grading> gradings = grader.grade(GradingRequest.of(
 *         new Measurement("NEUTROPHILS", new BigDecimal("0.8"), "10*9/L", new BigDecimal("1.8"), new BigDecimal("7.7"))));
 * }</pre>
 */
public final class CtcaeGrader {

    private static final Map<String, CtcaeGrader> BY_VERSION = new ConcurrentHashMap<>();

    private final CtcaeCriteria criteria;
    private final AnalyteCatalog catalog;
    private final List<TermGrader> termGraders;

    public CtcaeGrader(CtcaeCriteria criteria, AnalyteCatalog catalog) {
        this.criteria = Objects.requireNonNull(criteria, "criteria");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        List<TermGrader> graders = new ArrayList<>();
        for (TermCriteria term : criteria.terms()) {
            Map<String, AnalyteDefinition> analytes = new LinkedHashMap<>();
            for (BandSet set : term.bandSets()) {
                analytes.put(set.analyte(), catalog.byId(set.analyte()).orElseThrow(() -> new IllegalArgumentException(
                        "term '" + term.term() + "' reads " + set.analyte() + ", which the analyte catalog lacks")));
            }
            graders.add(new TermGrader(term, criteria.version(), analytes));
        }
        this.termGraders = List.copyOf(graders);
    }

    /**
     * The grader for a CTCAE version, e.g. "5.0".
     *
     * @throws IllegalArgumentException for a version without criteria, naming the known ones
     */
    public static CtcaeGrader forVersion(String version) {
        if (version == null || !CtcaeCriteria.knownVersions().contains(version)) {
            throw new IllegalArgumentException("Unknown CTCAE version '" + version + "'; known versions: "
                    + String.join(", ", CtcaeCriteria.knownVersions()));
        }
        return BY_VERSION.computeIfAbsent(version,
                v -> new CtcaeGrader(CtcaeCriteria.forVersion(v), AnalyteCatalog.standard()));
    }

    public static List<String> knownVersions() {
        return CtcaeCriteria.knownVersions();
    }

    public String version() {
        return criteria.version();
    }

    public CtcaeCriteria criteria() {
        return criteria;
    }

    /**
     * One grading per CTCAE term that reads any of the request's analytes, in the criteria file's term order. Grade 0
     * and NOT_GRADABLE are returned too, so nothing disappears silently. Analytes no term reads yield nothing.
     *
     * @throws IllegalArgumentException for an analyte the catalog does not know, or two measurements of one analyte
     */
    public List<Grading> grade(GradingRequest request) {
        Objects.requireNonNull(request, "request");
        Map<String, Measurement> byAnalyte = new LinkedHashMap<>();
        for (Measurement measurement : request.measurements()) {
            if (catalog.byId(measurement.analyte()).isEmpty()) {
                throw new IllegalArgumentException("unknown analyte " + measurement.analyte());
            }
            if (byAnalyte.putIfAbsent(measurement.analyte(), measurement) != null) {
                throw new IllegalArgumentException("two measurements of " + measurement.analyte()
                        + " in one request; grade each observation on its own");
            }
        }
        List<Grading> gradings = new ArrayList<>();
        for (TermGrader termGrader : termGraders) {
            if (termGrader.isFedBy(byAnalyte.keySet())) {
                gradings.add(termGrader.grade(byAnalyte, request));
            }
        }
        return List.copyOf(gradings);
    }

    /** The term as this version names it, matched case-insensitively. */
    public Optional<TermCriteria> term(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim();
        return criteria.terms().stream().filter(t -> t.term().equalsIgnoreCase(wanted)).findFirst();
    }

    /** The terms graded from the analyte a LOINC code reports, in criteria-file order; empty for an unknown code. */
    public List<TermCriteria> termsForLoinc(String loinc) {
        return catalog.byLoinc(loinc).map(a -> criteria.termsReading(a.id())).orElse(List.of());
    }

    /**
     * Grades one stated value against one named term: the value, limits and baseline are converted from the stated
     * unit to the analyte's canonical unit first. A unit that cannot be converted gives NOT_GRADABLE with the reason.
     *
     * @throws IllegalArgumentException for a term this version does not have
     */
    public Grading grade(TermQuery query) {
        TermCriteria term = term(query.term()).orElseThrow(() -> new IllegalArgumentException(
                "CTCAE v" + version() + " has no term '" + query.term() + "'"));
        List<String> analytes = term.analytes();
        TermGrader termGrader = termGraders.stream().filter(g -> g.term().equals(term)).findFirst().orElseThrow();
        Map<String, Measurement> byAnalyte = new LinkedHashMap<>();
        Map<String, Baseline> baselines = new LinkedHashMap<>();
        try {
            stated(analytes.get(0), query.value(), query, byAnalyte, baselines);
            if (analytes.size() > 1) {
                stated(analytes.get(1), query.value2(), query, byAnalyte, baselines);
            }
        } catch (UnitNotGradableException e) {
            return new Grading(term.term(), version(), null, GradingStatus.NOT_GRADABLE, analytes.get(0), query.value(),
                    query.unit(), query.lowerLimit(), query.upperLimit(), null, null,
                    term.term() + " not gradable (CTCAE v" + version() + "): " + e.getMessage());
        }
        if (byAnalyte.isEmpty()) {
            return new Grading(term.term(), version(), null, GradingStatus.NOT_GRADABLE, analytes.get(0), null,
                    query.unit(), query.lowerLimit(), query.upperLimit(), null, null,
                    term.term() + " not gradable (CTCAE v" + version() + "): no value given");
        }
        return termGrader.grade(byAnalyte, new GradingRequest(List.copyOf(byAnalyte.values()), baselines, false));
    }

    private void stated(String analyteId, BigDecimal value, TermQuery query, Map<String, Measurement> byAnalyte,
            Map<String, Baseline> baselines) {
        if (value == null) {
            return;
        }
        AnalyteDefinition analyte = catalog.byId(analyteId).orElseThrow();
        LabUnits units = LabUnits.standard();
        if (query.unit() == null || query.unit().isBlank()) {
            throw new UnitNotGradableException(null, "no unit given for " + analyte.displayName());
        }
        BigDecimal lower = query.lowerLimit() == null ? null : units.normalize(query.lowerLimit(), query.unit(), analyte).value();
        BigDecimal upper = query.upperLimit() == null ? null : units.normalize(query.upperLimit(), query.unit(), analyte).value();
        byAnalyte.put(analyteId, new Measurement(analyteId, units.normalize(value, query.unit(), analyte).value(),
                analyte.ucumUnit(), lower, upper));
        if (query.baseline() != null) {
            baselines.put(analyteId, new Baseline(analyteId, units.normalize(query.baseline(), query.unit(), analyte).value(),
                    null, null));
        }
    }
}
