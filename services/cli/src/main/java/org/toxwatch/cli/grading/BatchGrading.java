package org.toxwatch.cli.grading;

import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.analytes.PanelDefinition;
import org.toxwatch.ctcae.criteria.AnalyteJoin;
import org.toxwatch.ctcae.criteria.TermCriteria;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.GradingRequest;
import org.toxwatch.ctcae.grading.Measurement;
import org.toxwatch.ctcae.grading.TermQuery;
import org.toxwatch.ctcae.units.LabUnits;
import org.toxwatch.ctcae.units.NotGradableException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Grades batch input against one CTCAE version, whatever format it came in: every input gives at least one
 * {@link GradedRow}, one per CTCAE term it feeds, and input that cannot be graded gives NOT_GRADABLE with the reason.
 * Nothing here reads or writes files; the CSV and FHIR edges do. Thread-safe.
 *
 * <p>A CSV row states its numbers against a term (through {@link CtcaeGrader#grade(TermQuery)}, which converts the
 * row's unit). A FHIR Observation brings coded values, each converted to its analyte's canonical unit here and graded
 * together through {@link CtcaeGrader#grade(GradingRequest)}, the path the streaming grader takes, so that a
 * blood-pressure panel whose components are written in different spellings still grades as one reading.
 */
public final class BatchGrading {

    private final CtcaeGrader grader;
    private final AnalyteCatalog catalog;
    private final LabUnits units;

    public BatchGrading(CtcaeGrader grader) {
        this(grader, AnalyteCatalog.standard(), LabUnits.standard());
    }

    public BatchGrading(CtcaeGrader grader, AnalyteCatalog catalog, LabUnits units) {
        this.grader = Objects.requireNonNull(grader, "grader");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.units = Objects.requireNonNull(units, "units");
    }

    /**
     * @throws IllegalArgumentException for a CTCAE version the engine has no criteria for, naming the known ones
     */
    public static BatchGrading forVersion(String version) {
        return new BatchGrading(CtcaeGrader.forVersion(version));
    }

    public String ctcaeVersion() {
        return grader.version();
    }

    /** One result per CTCAE term the input feeds, in the criteria file's term order; never empty. */
    public List<GradedRow> grade(LabInput input) {
        Objects.requireNonNull(input, "input");
        try {
            if (input instanceof LabRow row) {
                return gradeRow(row);
            }
            if (input instanceof LabObservation observation) {
                return gradeObservation(observation);
            }
            RejectedInput rejected = (RejectedInput) input;
            return List.of(notGradable(rejected, rejected.term(), null, rejected.reason()));
        } catch (RuntimeException e) {
            // The engine refused this one input (or failed on it): the row says so and the batch goes on.
            return List.of(notGradable(input, input instanceof LabRow row ? row.term() : null, null,
                    "grading failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    // ---- CSV rows: values stated against a term, or against a LOINC code

    private List<GradedRow> gradeRow(LabRow row) {
        String termName = blankToNull(row.term());
        String loinc = blankToNull(row.loinc());
        if (termName == null && loinc == null) {
            return List.of(notGradable(row, null, null, "the row names neither a term nor a LOINC code"));
        }
        if (termName != null) {
            Optional<TermCriteria> term = grader.term(termName);
            if (term.isEmpty()) {
                return List.of(notGradable(row, termName, null,
                        "CTCAE v" + ctcaeVersion() + " has no term '" + termName + "'"));
            }
            if (loinc == null) {
                return List.of(gradeStated(row, term.get(), new Stated(row.value(), row.valueText()),
                        new Stated(row.value2(), null)));
            }
            Optional<String> unknown = unknownLoinc(loinc);
            if (unknown.isPresent()) {
                return List.of(notGradable(row, term.get().term(), null, unknown.get()));
            }
            return List.of(gradePlaced(row, term.get(), loinc));
        }
        Optional<String> unknown = unknownLoinc(loinc);
        if (unknown.isPresent()) {
            return List.of(notGradable(row, null, null, unknown.get()));
        }
        List<TermCriteria> terms = termsFor(loinc, row);
        if (terms.isEmpty()) {
            return List.of(notGradable(row, null, null, "LOINC " + loinc + " (" + describe(loinc)
                    + ") is graded by no CTCAE v" + ctcaeVersion() + " term"));
        }
        List<GradedRow> results = new ArrayList<>();
        for (TermCriteria term : terms) {
            results.add(gradePlaced(row, term, loinc));
        }
        return results;
    }

    private Optional<String> unknownLoinc(String loinc) {
        if (catalog.byLoinc(loinc).isPresent() || catalog.panelByLoinc(loinc).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("LOINC " + loinc + " is not in ToxWatch's analyte catalog");
    }

    /**
     * Terms reading the analyte a code reports, or any component of the panel it stands for, in criteria order. A
     * term that needs two analytes together (Febrile neutropenia: ANC with temperature) only when the row gives the
     * second one as value2; an ANC alone does not grade it, as {@link CtcaeGrader#termsForLoinc} has it.
     */
    private List<TermCriteria> termsFor(String loinc, LabRow row) {
        Optional<AnalyteDefinition> analyte = catalog.byLoinc(loinc);
        List<String> analytes = analyte.map(a -> List.of(a.id()))
                .orElseGet(() -> catalog.panelByLoinc(loinc).map(PanelDefinition::componentAnalyteIds)
                        .orElse(List.of()));
        return grader.criteria().terms().stream()
                .filter(term -> term.analytes().stream().anyMatch(analytes::contains))
                .filter(term -> term.join() != AnalyteJoin.BOTH || row.value2() != null
                        && (analyte.isEmpty() || term.analytes().indexOf(analyte.get().id()) == 0))
                .toList();
    }

    /**
     * Puts the row's value where the LOINC code says it belongs. A code for the term's second reading (diastolic
     * pressure for Hypertension) makes the row's value that reading; a panel code (85354-9) makes value and value2
     * the panel's components in the catalog's order (systolic, diastolic). A term graded from whichever of its tests
     * was reported (Proteinuria: 24-hour protein or dipstick) takes the value as its first value, and the engine
     * finds the test it fits.
     */
    private GradedRow gradePlaced(LabRow row, TermCriteria term, String loinc) {
        List<String> read = term.analytes();
        Stated first = new Stated(row.value(), row.valueText());
        Stated second = new Stated(row.value2(), null);
        Map<String, Stated> byAnalyte = new HashMap<>();
        Optional<AnalyteDefinition> analyte = catalog.byLoinc(loinc);
        if (analyte.isPresent()) {
            int position = read.indexOf(analyte.get().id());
            if (position < 0) {
                return notGradable(row, term.term(), analyte.get().id(), "LOINC " + loinc + " reports "
                        + analyte.get().displayName() + ", which '" + term.term() + "' does not grade");
            }
            if (position == 0 || term.join() == AnalyteJoin.FIRST_REPORTED) {
                return gradeStated(row, term, first, second);
            }
            if (position > 1) {
                return notGradable(row, term.term(), analyte.get().id(), "'" + term.term() + "' reads "
                        + analyte.get().displayName() + " as its reading " + (position + 1)
                        + ", which a CSV row cannot state");
            }
            if (row.value2() != null) {
                return notGradable(row, term.term(), analyte.get().id(), "LOINC " + loinc + " reports "
                        + analyte.get().displayName() + ", the second reading of '" + term.term()
                        + "', so the row's value is that reading and value2 must be empty; state the row by term"
                        + " to give both");
            }
            byAnalyte.put(read.get(1), first);
        } else {
            List<String> components = catalog.panelByLoinc(loinc).orElseThrow().componentAnalyteIds();
            byAnalyte.put(components.get(0), first);
            if (components.size() > 1) {
                byAnalyte.put(components.get(1), second);
            }
            if (read.stream().noneMatch(byAnalyte::containsKey)) {
                return notGradable(row, term.term(), null, "LOINC " + loinc + " (" + describe(loinc)
                        + ") has no component that '" + term.term() + "' grades");
            }
        }
        Stated none = new Stated(null, null);
        Stated secondReading = read.size() > 1 ? byAnalyte.getOrDefault(read.get(1), none) : none;
        if (secondReading.number() == null && secondReading.text() != null) {
            // TermQuery carries the second reading as a number only
            return notGradable(row, term.term(), read.get(1), "'" + secondReading.text() + "' is not a number");
        }
        return gradeStated(row, term, byAnalyte.getOrDefault(read.get(0), none), secondReading);
    }

    private GradedRow gradeStated(LabRow row, TermCriteria term, Stated first, Stated second) {
        Grading grading = grader.grade(new TermQuery(term.term(), first.number(), blankToNull(row.unit()),
                row.lowerLimit(), row.upperLimit(), row.baseline(), second.number(), row.durationHours(), first.text(),
                null));
        return GradedRow.of(row, grading);
    }

    /** A value as a row states it: the number when it is one, and the text as written. */
    private record Stated(BigDecimal number, String text) {
    }

    private String describe(String loinc) {
        return catalog.byLoinc(loinc).map(AnalyteDefinition::displayName)
                .or(() -> catalog.panelByLoinc(loinc).map(PanelDefinition::displayName))
                .orElse("unknown");
    }

    // ---- FHIR Observations: coded values in their own units

    private List<GradedRow> gradeObservation(LabObservation observation) {
        Map<String, LabReading> byAnalyte = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> unknownCodes = new ArrayList<>();
        List<String> uncoded = new ArrayList<>();
        for (LabReading reading : observation.readings()) {
            Optional<AnalyteDefinition> analyte = catalog.byLoinc(reading.loinc());
            Optional<PanelDefinition> panel = catalog.panelByLoinc(reading.loinc());
            if (analyte.isPresent()) {
                String id = analyte.get().id();
                if (byAnalyte.putIfAbsent(id, reading) != null) {
                    problems.put(id, "the Observation reports " + analyte.get().displayName() + " twice");
                }
            } else if (panel.isPresent()) {
                // a panel code carries no value of its own: only its components are graded
                String reason = reading.unusable() != null ? reading.unusable()
                        : "LOINC " + reading.loinc() + " is a panel; its values belong in components";
                panel.get().componentAnalyteIds().forEach(id -> problems.putIfAbsent(id, reason));
            } else if (reading.loinc() == null) {
                uncoded.add(reading.unusable() != null ? reading.unusable() : "a value has no LOINC code");
            } else {
                unknownCodes.add(reading.loinc());
            }
        }
        if (byAnalyte.isEmpty() && problems.isEmpty()) {
            List<String> reasons = new ArrayList<>(uncoded);
            if (!unknownCodes.isEmpty()) {
                reasons.add("LOINC " + String.join(", ", unknownCodes) + (unknownCodes.size() == 1 ? " is" : " are")
                        + " not in ToxWatch's analyte catalog");
            }
            return List.of(notGradable(observation, null, null,
                    reasons.isEmpty() ? "the Observation has no value to grade" : String.join("; ", reasons)));
        }
        // a term that needs two analytes together is graded only when this Observation reports both
        List<TermCriteria> terms = grader.criteria().terms().stream()
                .filter(term -> term.join() == AnalyteJoin.BOTH
                        ? term.analytes().stream().allMatch(a -> byAnalyte.containsKey(a) || problems.containsKey(a))
                        : term.analytes().stream().anyMatch(a -> byAnalyte.containsKey(a) || problems.containsKey(a)))
                .toList();
        if (terms.isEmpty()) {
            String analytes = byAnalyte.keySet().stream()
                    .map(id -> catalog.byId(id).map(AnalyteDefinition::displayName).orElse(id))
                    .collect(Collectors.joining(", "));
            return List.of(notGradable(observation, null, byAnalyte.keySet().stream().findFirst().orElse(null),
                    "CTCAE v" + ctcaeVersion() + " has no term graded from " + analytes));
        }

        List<Measurement> measurements = new ArrayList<>();
        byAnalyte.forEach((id, reading) -> {
            if (problems.containsKey(id)) {
                return;
            }
            if (reading.unusable() != null) {
                problems.put(id, reading.unusable());
            } else if (reading.hasValue()) {
                try {
                    measurements.add(canonical(catalog.byId(id).orElseThrow(), reading));
                } catch (NotGradableException e) {
                    problems.put(id, e.getMessage());
                }
            }
        });
        GradingRequest request = new GradingRequest(measurements, Map.of(), false);
        Map<String, Grading> byTerm = new HashMap<>();
        if (!measurements.isEmpty()) {
            for (Grading grading : grader.grade(request)) {
                byTerm.put(grading.term(), grading);
            }
        }

        List<GradedRow> results = new ArrayList<>();
        for (TermCriteria term : terms) {
            List<String> unusable = term.analytes().stream().filter(problems::containsKey).toList();
            Grading grading = byTerm.get(term.term());
            if (!unusable.isEmpty()) {
                // one bad component spoils the term: a lower bound would claim the component was not reported
                LabReading reported = byAnalyte.get(unusable.get(0));
                results.add(GradedRow.notGradable(observation, term.term(), ctcaeVersion(), unusable.get(0),
                        reported == null ? null : reported.value(), reported == null ? null : reported.unit(),
                        unusable.stream().map(problems::get).distinct().collect(Collectors.joining("; "))));
            } else if (grading != null) {
                results.add(GradedRow.of(observation, grading));
            } else if (!measurements.isEmpty()) {
                // a term that needs a reading from another Observation (Febrile neutropenia: ANC with temperature);
                // the engine says what is missing
                results.add(GradedRow.of(observation, grader.gradeTerm(term.term(), request)));
            } else {
                results.add(notGradable(observation, term.term(), term.analytes().get(0),
                        "the Observation reports no value for it"));
            }
        }
        return results;
    }

    /**
     * The reading in the analyte's canonical unit; a limit without its own unit is in the value's unit. Text (a
     * dipstick "2+") is read by the analyte's own scale.
     */
    private Measurement canonical(AnalyteDefinition analyte, LabReading reading) {
        BigDecimal value = reading.value() != null
                ? units.normalize(reading.value(), reading.unit(), analyte).value()
                : units.normalizeReported(reading.valueText(), reading.unit(), analyte).value();
        BigDecimal lower = limit(reading.lowerLimit(), reading.lowerLimitUnit(), reading.unit(), analyte);
        BigDecimal upper = limit(reading.upperLimit(), reading.upperLimitUnit(), reading.unit(), analyte);
        return new Measurement(analyte.id(), value, analyte.ucumUnit(), lower, upper);
    }

    private BigDecimal limit(BigDecimal limit, String unit, String valueUnit, AnalyteDefinition analyte) {
        if (limit == null) {
            return null;
        }
        return units.normalize(limit, unit == null || unit.isBlank() ? valueUnit : unit, analyte).value();
    }

    // ----

    private GradedRow notGradable(LabInput input, String term, String analyte, String reason) {
        return GradedRow.notGradable(input, term, ctcaeVersion(), analyte, null, null, reason);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
