package org.toxwatch.ctcae.grading;

import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.criteria.BandSet;
import org.toxwatch.ctcae.criteria.CtcaeCriteria;
import org.toxwatch.ctcae.criteria.TermCriteria;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
}
