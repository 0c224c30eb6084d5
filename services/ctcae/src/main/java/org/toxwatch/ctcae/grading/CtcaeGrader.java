package org.toxwatch.ctcae.grading;

import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.analytes.PanelDefinition;
import org.toxwatch.ctcae.criteria.AnalyteJoin;
import org.toxwatch.ctcae.criteria.BandSet;
import org.toxwatch.ctcae.criteria.CtcaeCriteria;
import org.toxwatch.ctcae.criteria.TermCriteria;
import org.toxwatch.ctcae.criteria.UngradedAnalyte;
import org.toxwatch.ctcae.units.LabUnits;
import org.toxwatch.ctcae.units.NotGradableException;
import org.toxwatch.ctcae.units.ResultNotGradableException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Grades lab and vital-sign values, and checks reported symptom grades, against one CTCAE version. Pure and
 * thread-safe: the same request always gives the same gradings.
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
    /** By term name, in criteria-file order. */
    private final Map<String, TermGrader> termGraders;
    /** Graded (not reported) terms by the analytes they read, each list in criteria-file order. */
    private final Map<String, List<TermGrader>> gradersByAnalyte;

    public CtcaeGrader(CtcaeCriteria criteria, AnalyteCatalog catalog) {
        this.criteria = Objects.requireNonNull(criteria, "criteria");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        Map<String, TermGrader> graders = new LinkedHashMap<>();
        for (TermCriteria term : criteria.terms()) {
            Map<String, AnalyteDefinition> analytes = new LinkedHashMap<>();
            for (BandSet set : term.bandSets()) {
                analytes.put(set.analyte(), catalog.byId(set.analyte()).orElseThrow(() -> new IllegalArgumentException(
                        "term '" + term.term() + "' reads " + set.analyte() + ", which the analyte catalog lacks")));
            }
            graders.put(term.term(), new TermGrader(term, criteria.version(), analytes));
        }
        this.termGraders = Collections.unmodifiableMap(graders);
        Map<String, List<TermGrader>> byAnalyte = new LinkedHashMap<>();
        for (TermGrader grader : graders.values()) {
            if (!grader.term().isReported()) {
                grader.analytesRead().forEach(a -> byAnalyte.computeIfAbsent(a, k -> new ArrayList<>()).add(grader));
            }
        }
        byAnalyte.replaceAll((analyte, list) -> List.copyOf(list));
        this.gradersByAnalyte = Map.copyOf(byAnalyte);
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
     * and NOT_GRADABLE are returned too, so nothing disappears silently. Analytes no term reads yield nothing. A term
     * that needs several analytes together (Febrile neutropenia: ANC with a temperature) is graded only when the
     * request holds all of them.
     *
     * @throws IllegalArgumentException for an analyte the catalog does not know, or two measurements of one analyte
     */
    public List<Grading> grade(GradingRequest request) {
        Map<String, Measurement> byAnalyte = byAnalyte(request);
        // only the terms that read one of the request's analytes, in criteria-file order (the index keeps the cost
        // of a request independent of how many terms the version has)
        Set<TermGrader> candidates = new LinkedHashSet<>();
        byAnalyte.keySet().forEach(a -> candidates.addAll(gradersByAnalyte.getOrDefault(a, List.of())));
        List<Grading> gradings = new ArrayList<>();
        for (TermGrader termGrader : termGraders.values()) {
            if (candidates.contains(termGrader) && termGrader.isFedBy(byAnalyte.keySet())) {
                gradings.add(termGrader.grade(byAnalyte, request));
            }
        }
        return List.copyOf(gradings);
    }

    /**
     * One term graded from a request, e.g. Febrile neutropenia from an ANC and a temperature taken in separate
     * observations. A term whose analytes are missing from the request is NOT_GRADABLE with the reason.
     *
     * @throws IllegalArgumentException for a term this version does not have, or a request {@link #grade(GradingRequest)}
     *                                  refuses
     */
    public Grading gradeTerm(String termName, GradingRequest request) {
        TermCriteria term = requireTerm(termName);
        Map<String, Measurement> byAnalyte = byAnalyte(request);
        TermGrader termGrader = termGraders.get(term.term());
        if (term.isReported()) {
            return notGradable(term, term.term() + " is graded from a reported grade; use gradeReported");
        }
        Map<String, Measurement> relevant = new LinkedHashMap<>();
        term.analytes().stream().filter(byAnalyte::containsKey).forEach(id -> relevant.put(id, byAnalyte.get(id)));
        term.notGraded().stream().map(UngradedAnalyte::analyte).filter(byAnalyte::containsKey)
                .forEach(id -> relevant.put(id, byAnalyte.get(id)));
        if (relevant.isEmpty()) {
            return notGradable(term, "the request holds none of " + String.join(", ", term.analytes()));
        }
        return termGrader.grade(relevant, request);
    }

    /** The term as this version names it, in any case, or by its name in another version (NCI's mapping). */
    public Optional<TermCriteria> term(String name) {
        return criteria.term(name);
    }

    /**
     * The terms a result of this LOINC code grades on its own, in criteria-file order: for the blood-pressure panel
     * those of its components. Terms that need a second analyte (Febrile neutropenia) are left out; a term that lists
     * the analyte as not graded in this version is in (its grading says why). Empty for an unknown code.
     */
    public List<TermCriteria> termsForLoinc(String loinc) {
        List<String> analyteIds = catalog.byLoinc(loinc).map(a -> List.of(a.id()))
                .or(() -> catalog.panelByLoinc(loinc).map(PanelDefinition::componentAnalyteIds))
                .orElse(List.of());
        return criteria.terms().stream()
                .filter(term -> term.join() != AnalyteJoin.BOTH)
                .filter(term -> term.analytes().stream().anyMatch(analyteIds::contains)
                        || term.notGraded().stream().anyMatch(ungraded -> analyteIds.contains(ungraded.analyte())))
                .toList();
    }

    /**
     * Grades one stated value against one named term, as {@link TermQuery} describes: values, limits and baseline are
     * converted from the stated unit to the analyte's canonical unit first, and the explanation writes thresholds
     * back in the stated unit. For a symptom term the value is the reported grade (see
     * {@link #gradeReported(String, int)}). A unit or value that cannot be used gives NOT_GRADABLE with the reason.
     *
     * @throws IllegalArgumentException for a term this version does not have
     */
    public Grading grade(TermQuery query) {
        TermCriteria term = requireTerm(query.term());
        if (term.isReported()) {
            return reportedFrom(term, query);
        }
        TermGrader termGrader = termGraders.get(term.term());
        List<String> analyteIds = term.analytes();
        Map<String, Measurement> byAnalyte = new LinkedHashMap<>();
        Map<String, DisplayUnit> displays = new LinkedHashMap<>();
        Map<String, Baseline> baselines = new LinkedHashMap<>();
        try {
            if (term.join() == AnalyteJoin.FIRST_REPORTED) {
                if (query.valueMissing()) {
                    return notGradable(term, "no value given");
                }
                List<String> refusals = new ArrayList<>();
                for (String id : analyteIds) {
                    try {
                        stateFirst(id, query, byAnalyte, displays, baselines);
                        break;
                    } catch (NotGradableException e) {
                        refusals.add("as " + analyte(id).displayName() + ": " + e.reason());
                    }
                }
                if (byAnalyte.isEmpty()) {
                    Optional<UngradedAnalyte> ungraded = ungradedFitting(term, query);
                    if (ungraded.isPresent()) {
                        return notGradable(term, ungraded.get().explained());
                    }
                    return notGradable(term, "the value fits none of the term's tests (" + String.join("; ", refusals)
                            + ")");
                }
            } else {
                if (!query.valueMissing()) {
                    stateFirst(analyteIds.get(0), query, byAnalyte, displays, baselines);
                }
                if (analyteIds.size() > 1 && query.value2() != null) {
                    stateSecond(analyteIds.get(0), analyteIds.get(1), query, byAnalyte, displays);
                }
            }
        } catch (NotGradableException e) {
            return notGradable(term, e.reason());
        }
        if (byAnalyte.isEmpty()) {
            return notGradable(term, "no value given");
        }
        return termGrader.grade(byAnalyte, new GradingRequest(List.copyOf(byAnalyte.values()), baselines, false),
                displays);
    }

    /**
     * Checks a grade reported for a symptom term (Fatigue, Nausea, ...) against the grades NCI defines for it and
     * returns it with NCI's text for that grade. A grade NCI does not define for the term (Fatigue 4), or one outside
     * 0-5, is NOT_GRADABLE with the reason; 0 means the symptom is absent.
     *
     * @throws IllegalArgumentException for a term this version does not have
     */
    public Grading gradeReported(String termName, int grade) {
        TermCriteria term = requireTerm(termName);
        if (!term.isReported()) {
            return notGradable(term, term.term() + " is graded from measured values, not from a reported grade");
        }
        return reported(term, grade);
    }

    private Grading reportedFrom(TermCriteria term, TermQuery query) {
        if (query.unit() != null && !query.unit().isBlank() && !query.unit().strip().equalsIgnoreCase("grade")) {
            return notGradable(term, "a reported grade has no unit, but '" + query.unit().strip() + "' was given");
        }
        if (query.value() == null) {
            return notGradable(term, query.valueText() == null ? "no grade given"
                    : "'" + query.valueText().strip() + "' is not a grade");
        }
        BigDecimal value = query.value().stripTrailingZeros();
        if (value.scale() > 0) {
            return notGradable(term, "a grade is a whole number, not " + value.toPlainString());
        }
        if (value.compareTo(BigDecimal.ZERO) < 0 || value.compareTo(BigDecimal.valueOf(5)) > 0) {
            return notGradable(term, "CTCAE grades run from 0 to 5, so " + value.toPlainString() + " is not a grade");
        }
        return reported(term, value.intValueExact());
    }

    private Grading reported(TermCriteria term, int grade) {
        String name = term.term();
        if (grade == 0) {
            return new Grading(name, version(), 0, GradingStatus.GRADED, null, BigDecimal.ZERO, null, null, null, null,
                    null, name + " grade 0 (CTCAE v" + version() + "), as reported: the adverse event is absent.");
        }
        if (grade < 0 || grade > 5) {
            return notGradable(term, "CTCAE grades run from 0 to 5, so " + grade + " is not a grade");
        }
        String nciText = term.nciText().get(grade);
        if (nciText == null) {
            List<Integer> defined = term.definedGrades();
            return notGradable(term, "NCI defines no grade " + grade + " for " + name + " (its grades are "
                    + defined.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "), so a reported grade "
                    + grade + " cannot stand; re-assess against NCI's text");
        }
        return new Grading(name, version(), grade, GradingStatus.GRADED, null, BigDecimal.valueOf(grade), null, null,
                null, null, new GradeBand(grade, null, false, null, false, "REPORTED", nciText),
                name + " grade " + grade + " (CTCAE v" + version() + "), as reported: NCI grade " + grade + " is \""
                        + nciText + "\". The grade is the reporter's; it was checked only against the grades NCI "
                        + "defines for " + name + ".");
    }

    /** An analyte the term does not grade in this version whose unit the query's value is in (v5.0 adult P/C ratio). */
    private Optional<UngradedAnalyte> ungradedFitting(TermCriteria term, TermQuery query) {
        if (query.value() == null) {
            return Optional.empty();
        }
        for (UngradedAnalyte ungraded : term.notGraded()) {
            try {
                LabUnits.standard().normalize(query.value(), query.unit(), analyte(ungraded.analyte()));
                return Optional.of(ungraded);
            } catch (NotGradableException e) {
                // not in this analyte's unit either
            }
        }
        return Optional.empty();
    }

    /** The first value of a query: value (or its text), limits, baseline and duration, all in {@code query.unit()}. */
    private void stateFirst(String analyteId, TermQuery query, Map<String, Measurement> byAnalyte,
                            Map<String, DisplayUnit> displays, Map<String, Baseline> baselines) {
        AnalyteDefinition analyte = analyte(analyteId);
        LabUnits units = LabUnits.standard();
        BigDecimal value;
        if (analyte.isOrdinal()) {
            if (query.valueText() == null) {
                throw new ResultNotGradableException(query.valueAsWritten(), "a " + analyte.displayName()
                        + " result is written as one of " + analyte.ordinalScale().describe()
                        + "; a bare number is not read as one");
            }
            value = units.normalizeReported(query.valueText(), query.unit(), analyte).value();
        } else if (query.value() != null) {
            value = units.normalize(query.value(), query.unit(), analyte).value();
        } else {
            value = units.normalizeReported(query.valueText(), query.unit(), analyte).value();
        }
        BigDecimal lower = null;
        BigDecimal upper = null;
        if (!analyte.isOrdinal()) {
            lower = query.lowerLimit() == null ? null : units.normalize(query.lowerLimit(), query.unit(), analyte).value();
            upper = query.upperLimit() == null ? null : units.normalize(query.upperLimit(), query.unit(), analyte).value();
            if (query.baseline() != null) {
                baselines.put(analyteId, new Baseline(analyteId,
                        units.normalize(query.baseline(), query.unit(), analyte).value(), null, null));
            }
        }
        byAnalyte.put(analyteId, new Measurement(analyteId, value, analyte.ucumUnit(), lower, upper,
                query.durationHours()));
        displays.put(analyteId, DisplayUnit.stated(analyte, query.unit()));
    }

    /**
     * value2: in {@code value2Unit} when given; else in {@code unit} when both analytes share a canonical unit
     * (systolic and diastolic pressure), else in the second analyte's canonical unit (Cel for a temperature).
     */
    private void stateSecond(String firstId, String analyteId, TermQuery query, Map<String, Measurement> byAnalyte,
                             Map<String, DisplayUnit> displays) {
        AnalyteDefinition analyte = analyte(analyteId);
        String unit = query.value2Unit() != null ? query.value2Unit()
                : analyte.ucumUnit().equals(analyte(firstId).ucumUnit()) ? query.unit()
                : analyte.ucumUnit();
        BigDecimal value = LabUnits.standard().normalize(query.value2(), unit, analyte).value();
        byAnalyte.put(analyteId, new Measurement(analyteId, value, analyte.ucumUnit(), null, null,
                query.durationHours()));
        displays.put(analyteId, DisplayUnit.stated(analyte, unit));
    }

    private Map<String, Measurement> byAnalyte(GradingRequest request) {
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
        return byAnalyte;
    }

    private TermCriteria requireTerm(String name) {
        return term(name).orElseThrow(() -> new IllegalArgumentException(
                "CTCAE v" + version() + " has no term '" + name + "'"));
    }

    private AnalyteDefinition analyte(String id) {
        return catalog.byId(id).orElseThrow();
    }

    private Grading notGradable(TermCriteria term, String reason) {
        return new Grading(term.term(), version(), null, GradingStatus.NOT_GRADABLE, null, null, null, null, null, null,
                null, term.term() + " not gradable (CTCAE v" + version() + "): " + reason + ".");
    }
}
