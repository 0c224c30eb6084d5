package org.toxwatch.ctcae.grading;

import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.criteria.AnalyteJoin;
import org.toxwatch.ctcae.criteria.BandDefinition;
import org.toxwatch.ctcae.criteria.BandSet;
import org.toxwatch.ctcae.criteria.BandSetCondition;
import org.toxwatch.ctcae.criteria.Bound;
import org.toxwatch.ctcae.criteria.Reference;
import org.toxwatch.ctcae.criteria.References;
import org.toxwatch.ctcae.criteria.TermCriteria;
import org.toxwatch.ctcae.criteria.UngradedAnalyte;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.toxwatch.ctcae.Decimals.plain;

/**
 * Grades one CTCAE term from values. For each analyte, every band set whose baseline condition holds is tested, most
 * severe band first, and the analyte takes the highest grade they give; the term then joins its analytes as the
 * criteria file says (highest, lowest, or first reported). A band whose reference (LLN, ULN, baseline) or duration is
 * missing is "undecided", never "out": a value is only called grade 0 when every band has been ruled out, and a grade
 * that a missing piece could raise is a lower bound.
 */
final class TermGrader {

    private final TermCriteria term;
    private final String version;
    private final Map<String, AnalyteDefinition> analytes;

    TermGrader(TermCriteria term, String version, Map<String, AnalyteDefinition> analytes) {
        this.term = term;
        this.version = version;
        this.analytes = Map.copyOf(analytes);
    }

    TermCriteria term() {
        return term;
    }

    String version() {
        return version;
    }

    AnalyteDefinition analyte(String id) {
        return analytes.get(id);
    }

    /**
     * Whether a request with these analytes gets a grading of this term: all of them for BOTH, else any, counting the
     * analytes this version does not grade (they get NOT_GRADABLE with the reason rather than nothing).
     */
    /** Every analyte a request may bring for this term: those it grades and those it names as not graded. */
    List<String> analytesRead() {
        List<String> read = new ArrayList<>(term.analytes());
        term.notGraded().forEach(ungraded -> read.add(ungraded.analyte()));
        return read;
    }

    boolean isFedBy(Set<String> analyteIds) {
        if (term.join() == AnalyteJoin.BOTH) {
            return analyteIds.containsAll(term.analytes());
        }
        return term.analytes().stream().anyMatch(analyteIds::contains)
                || term.notGraded().stream().anyMatch(ungraded -> analyteIds.contains(ungraded.analyte()));
    }

    Grading grade(Map<String, Measurement> measurements, GradingRequest request) {
        return grade(measurements, request, Map.of());
    }

    /** @param displays how to write each analyte's numbers; an analyte without an entry is written canonically */
    Grading grade(Map<String, Measurement> measurements, GradingRequest request, Map<String, DisplayUnit> displays) {
        if (term.analytes().stream().noneMatch(measurements::containsKey)) {
            for (UngradedAnalyte ungraded : term.notGraded()) {
                Measurement m = measurements.get(ungraded.analyte());
                if (m != null) {
                    return notGradable(m, ungraded.explained());
                }
            }
        }
        for (String analyte : term.analytes()) {
            Measurement measurement = measurements.get(analyte);
            String problem = measurement == null ? null : dataProblem(measurement);
            if (problem != null) {
                return notGradable(measurement, problem);
            }
        }
        List<Component> components = new ArrayList<>();
        for (String analyte : term.analytes()) {
            DisplayUnit display = displays.getOrDefault(analyte, DisplayUnit.canonical(analytes.get(analyte)));
            components.add(assess(analyte, measurements.get(analyte), request, display));
        }
        if (term.join() == AnalyteJoin.BOTH) {
            List<String> missing = components.stream().filter(c -> c.outcome() == Outcome.MISSING)
                    .map(Component::symbol).toList();
            if (!missing.isEmpty()) {
                Measurement present = components.stream().map(Component::measurement)
                        .filter(m -> m != null).findFirst().orElse(null);
                return notGradable(present, term.term() + " needs " + components.stream().map(Component::symbol)
                        .collect(Collectors.joining(" and ")) + " together; " + String.join(" and ", missing)
                        + (missing.size() == 1 ? " was" : " were") + " not given");
            }
        }
        return switch (term.join()) {
            case EITHER -> highestOf(components);
            case BOTH -> lowestOf(components);
            case FIRST_REPORTED -> firstReported(components);
        };
    }

    // ---- checks on the data before any band is looked at

    private String dataProblem(Measurement m) {
        AnalyteDefinition analyte = analytes.get(m.analyte());
        String symbol = symbolOf(m.analyte());
        if (m.value() == null) {
            return "no " + symbol + " value was reported";
        }
        if (!analyte.ucumUnit().equals(m.unit())) {
            return symbol + " " + plain(m.value()) + " is in " + (m.unit() == null ? "no unit" : "'" + m.unit() + "'")
                    + ", but grading needs " + analyte.ucumUnit() + "; normalise the unit first";
        }
        String value = symbol + " " + plain(m.value()) + " " + m.unit();
        if (m.value().signum() < 0) {
            return value + " is negative, which no measurement can be";
        }
        if (!analyte.isPlausible(m.value())) {
            if (analyte.isOrdinal()) {
                return value + " is none of the " + analyte.displayName() + " readings ("
                        + analyte.ordinalScale().describe() + ")";
            }
            return value + " is outside the plausible range " + plain(analyte.plausibleRange().min()) + "-"
                    + plain(analyte.plausibleRange().max()) + " " + m.unit() + " for " + analyte.displayName()
                    + "; check for a unit or transcription error";
        }
        if (m.lowerLimit() != null && m.lowerLimit().signum() < 0) {
            return "the reported LLN " + plain(m.lowerLimit()) + " " + m.unit() + " is negative";
        }
        if (m.upperLimit() != null && m.upperLimit().signum() <= 0) {
            return "the reported ULN " + plain(m.upperLimit()) + " " + m.unit() + " is not above zero";
        }
        if (m.lowerLimit() != null && m.upperLimit() != null && m.lowerLimit().compareTo(m.upperLimit()) > 0) {
            return "the reported reference range is inverted (LLN " + plain(m.lowerLimit()) + " above ULN "
                    + plain(m.upperLimit()) + " " + m.unit() + ")";
        }
        if (m.durationHours() != null && m.durationHours().signum() < 0) {
            return "the reported duration " + plain(m.durationHours()) + " h is negative";
        }
        return null;
    }

    // ---- one analyte: every band set that applies, highest grade

    private Component assess(String analyte, Measurement m, GradingRequest request, DisplayUnit display) {
        String symbol = symbolOf(analyte);
        if (m == null) {
            return Component.missing(analyte, symbol, term.highestBandedGrade(analyte), display);
        }
        BaselineFacts facts = readBaseline(analyte, m, request);
        List<SetResult> results = new ArrayList<>();
        for (BandSet set : term.bandSetsFor(analyte)) {
            results.add(evaluate(set, symbol, m, facts, display));
        }
        List<SetResult> applied = results.stream().filter(r -> r.outcome() != Outcome.NOT_APPLICABLE).toList();
        if (applied.isEmpty()) {
            throw new IllegalStateException("term '" + term.term() + "': no band set applies to " + analyte
                    + " (the criteria check should have refused the file)");
        }
        int lower = applied.stream().mapToInt(SetResult::lower).max().orElse(0);
        int upper = applied.stream().mapToInt(SetResult::upper).max().orElse(0);
        boolean decided = applied.stream().anyMatch(r -> r.outcome() == Outcome.EXACT || r.outcome() == Outcome.AT_LEAST);
        SetResult deciding = applied.stream()
                .filter(r -> r.outcome() == Outcome.EXACT || r.outcome() == Outcome.AT_LEAST)
                .max(Comparator.comparingInt(SetResult::lower).thenComparingInt(r -> -applied.indexOf(r)))
                .orElse(applied.get(0));
        String reasons = applied.stream().map(SetResult::reason).filter(r -> r != null)
                .collect(Collectors.toCollection(LinkedHashSet::new)).stream().collect(Collectors.joining("; "));
        Outcome outcome;
        if (!decided || lower < upper && lower == 0) {
            // nothing but "grade 0 or higher" is known: that is no grade at all
            outcome = Outcome.UNDECIDED;
        } else {
            outcome = lower == upper ? Outcome.EXACT : Outcome.AT_LEAST;
        }
        return new Component(analyte, symbol, m, outcome, outcome == Outcome.UNDECIDED ? 0 : lower, upper,
                deciding, applied, facts, outcome == Outcome.EXACT ? null : reasons, display);
    }

    private SetResult evaluate(BandSet set, String symbol, Measurement m, BaselineFacts facts, DisplayUnit display) {
        Boolean applies = facts.applies(set.when());
        if (applies == null) {
            return SetResult.undecided(set, set.highestGrade(), null, facts.undecidedReason(set.when(), symbol, display));
        }
        if (!applies) {
            return SetResult.notApplicable(set);
        }
        BigDecimal baseline = facts.kind() == BaselineKind.VALUE ? facts.value() : null;
        References references = new References(m.lowerLimit(), m.upperLimit(), baseline);
        if (set.usesBaseline() && baseline != null && baseline.signum() == 0) {
            return SetResult.undecided(set, set.highestGrade(), references, "the " + symbol + " baseline is 0, "
                    + "which cannot be a reference for multiples of baseline");
        }
        BandDefinition firstUndecided = null;
        for (BandDefinition band : set.mostSevereFirst()) {
            Membership membership = membership(band, m, references);
            if (membership == Membership.IN) {
                if (firstUndecided == null || firstUndecided.grade() <= band.grade()) {
                    return SetResult.exact(set, band, references);
                }
                return SetResult.atLeast(set, band, firstUndecided.grade(), references,
                        undecidedReason(symbol, m, facts, set, firstUndecided, references, display));
            }
            if (membership == Membership.UNDECIDED && firstUndecided == null) {
                firstUndecided = band;
            }
        }
        if (firstUndecided != null) {
            return SetResult.undecided(set, firstUndecided.grade(), references,
                    undecidedReason(symbol, m, facts, set, firstUndecided, references, display));
        }
        return SetResult.exact(set, null, references);
    }

    private static Membership membership(BandDefinition band, Measurement m, References references) {
        Membership lower = side(band.lower(), m.value(), references, true);
        Membership upper = side(band.upper(), m.value(), references, false);
        Membership duration = Membership.IN;
        if (band.needsDuration()) {
            duration = m.durationHours() == null ? Membership.UNDECIDED
                    : band.persisting().isMetBy(m.durationHours()) ? Membership.IN : Membership.OUT;
        }
        if (lower == Membership.OUT || upper == Membership.OUT || duration == Membership.OUT) {
            return Membership.OUT;
        }
        // a finding the values cannot show keeps the band open, never in
        return lower == Membership.UNDECIDED || upper == Membership.UNDECIDED || duration == Membership.UNDECIDED
                || band.notAssessed() != null ? Membership.UNDECIDED : Membership.IN;
    }

    /** A compound bound is passed only when every edge is; one known edge not passed rules the band out. */
    private static Membership side(Bound bound, BigDecimal x, References references, boolean isLower) {
        if (bound == null) {
            return Membership.IN;
        }
        boolean undecided = false;
        for (Bound edge : bound.edges()) {
            BigDecimal resolved = edge.resolve(references, isLower);
            if (resolved == null) {
                undecided = true;
                continue;
            }
            int order = x.compareTo(resolved);
            boolean inside = isLower
                    ? (bound.inclusive() ? order >= 0 : order > 0)
                    : (bound.inclusive() ? order <= 0 : order < 0);
            if (!inside) {
                return Membership.OUT;
            }
        }
        return undecided ? Membership.UNDECIDED : Membership.IN;
    }

    private String undecidedReason(String symbol, Measurement m, BaselineFacts facts, BandSet set,
                                   BandDefinition band, References references, DisplayUnit display) {
        Set<Reference> missing = EnumSet.noneOf(Reference.class);
        for (Reference reference : band.references()) {
            if (references.valueOf(reference) == null) {
                missing.add(reference);
            }
        }
        List<String> parts = new ArrayList<>();
        String value = symbol + " " + display.quantity(m.value());
        if (!missing.isEmpty()) {
            String names = missing.stream().map(r -> r == Reference.BASELINE ? "baseline" : r.name())
                    .collect(Collectors.joining(" and "));
            boolean everyBand = set.bands().stream().allMatch(b -> b.references().containsAll(missing));
            boolean itself = missing.contains(Reference.BASELINE) && facts.kind() == BaselineKind.SAMPLE_ITSELF;
            parts.add(value + (itself
                    ? " cannot be graded against the baseline: this sample is the baseline itself (CRITERIA.md A10)"
                    : " cannot be graded without the " + names + ", which was not reported")
                    + (everyBand ? " (every band is a multiple of it)"
                    : "; grade " + band.grade() + " needs " + GradingExplanation.inequality(band, symbol, null, display)));
        }
        if (band.needsDuration() && m.durationHours() == null) {
            String unit = display.label().isEmpty() ? "" : " " + display.label();
            parts.add("grade " + band.grade() + " needs " + GradingExplanation.inequality(band, symbol, references,
                    display) + unit + " to have lasted more than " + plain(band.persisting().moreThanHours())
                    + " h, and how long " + value + " lasted was not reported");
        }
        if (band.notAssessed() != null && missing.isEmpty()) {
            String unit = display.label().isEmpty() ? "" : " " + display.label();
            parts.add("grade " + band.grade() + " also applies to " + GradingExplanation.inequality(band, symbol,
                    references, display) + unit + " with " + band.notAssessed() + " (NCI: " + band.nciText()
                    + "), which is not assessed");
        }
        return String.join("; ", parts);
    }

    // ---- the baseline

    private BaselineFacts readBaseline(String analyte, Measurement m, GradingRequest request) {
        if (!term.dependsOnBaseline(analyte)) {
            return BaselineFacts.of(BaselineKind.NOT_CONSULTED);
        }
        if (request.baselineSample()) {
            return BaselineFacts.of(BaselineKind.SAMPLE_ITSELF);
        }
        Baseline baseline = request.baselinesByAnalyte().get(analyte);
        if (baseline == null || baseline.value() == null) {
            return BaselineFacts.of(BaselineKind.NONE);
        }
        BigDecimal uln = baseline.upperLimit() != null ? baseline.upperLimit() : m.upperLimit();
        BigDecimal lln = baseline.lowerLimit() != null ? baseline.lowerLimit() : m.lowerLimit();
        BaselineKind kind = analytes.get(analyte).isPlausible(baseline.value()) ? BaselineKind.VALUE
                : BaselineKind.UNUSABLE;
        return new BaselineFacts(kind, baseline.value(), uln, baseline.upperLimit() != null, lln,
                baseline.lowerLimit() != null);
    }

    enum BaselineKind { NOT_CONSULTED, SAMPLE_ITSELF, NONE, VALUE, UNUSABLE }

    /**
     * What is known about the patient's baseline of one analyte, and which band-set conditions that satisfies.
     *
     * @param ownUln whether {@code uln} came with the baseline sample (else it is today's)
     */
    record BaselineFacts(BaselineKind kind, BigDecimal value, BigDecimal uln, boolean ownUln, BigDecimal lln,
                         boolean ownLln) {

        static BaselineFacts of(BaselineKind kind) {
            return new BaselineFacts(kind, null, null, false, null, false);
        }

        /** TRUE or FALSE, or null when it cannot be told (baseline unusable, or the limit it is compared to missing). */
        Boolean applies(BandSetCondition condition) {
            if (condition == BandSetCondition.ALWAYS) {
                return true;
            }
            return switch (kind) {
                case NOT_CONSULTED, SAMPLE_ITSELF, NONE -> condition == BandSetCondition.BASELINE_NOT_ABOVE_ULN;
                case UNUSABLE -> null;
                case VALUE -> switch (condition) {
                    case BASELINE_NOT_ABOVE_ULN -> uln == null ? null : value.compareTo(uln) <= 0;
                    case BASELINE_ABOVE_ULN -> uln == null ? null : value.compareTo(uln) > 0;
                    case BASELINE_ABOVE_5_X_ULN -> uln == null ? null
                            : value.compareTo(uln.multiply(BigDecimal.valueOf(5))) > 0;
                    case BASELINE_AVAILABLE -> true;
                    case BASELINE_BELOW_LLN -> belowLln();
                    case ALWAYS -> true;
                };
            };
        }

        /** Below LLN; without an LLN still known false for a baseline at or above ULN, since LLN <= ULN. */
        private Boolean belowLln() {
            if (lln != null) {
                return value.compareTo(lln) < 0;
            }
            return uln != null && value.compareTo(uln) >= 0 ? Boolean.FALSE : null;
        }

        String undecidedReason(BandSetCondition condition, String symbol, DisplayUnit display) {
            String baseline = "the " + symbol + " baseline " + display.quantity(value);
            if (kind == BaselineKind.UNUSABLE) {
                return baseline + " is not a plausible value, so the band set (normal or abnormal baseline) "
                        + "cannot be chosen";
            }
            if (condition == BandSetCondition.BASELINE_BELOW_LLN) {
                return "whether " + baseline + " was below LLN cannot be told: no LLN was reported with it or with "
                        + "this sample";
            }
            return "whether " + baseline + " was above ULN cannot be told: no ULN was reported with it or with "
                    + "this sample";
        }
    }

    // ---- the term: join the analytes

    private Grading highestOf(List<Component> components) {
        List<Component> known = components.stream()
                .filter(c -> c.outcome() == Outcome.EXACT || c.outcome() == Outcome.AT_LEAST).toList();
        if (known.isEmpty()) {
            return notGradableFrom(components);
        }
        Component deciding = known.get(0);
        for (Component c : known) {
            if (c.lower() > deciding.lower()) {
                deciding = c;
            }
        }
        boolean complete = components.stream().allMatch(c -> c.outcome() == Outcome.EXACT);
        return graded(deciding.lower(), complete ? GradingStatus.GRADED : GradingStatus.LOWER_BOUND, deciding,
                components);
    }

    /** NCI's "with": the term reaches a grade only when every analyte does, so the lowest grade counts. */
    private Grading lowestOf(List<Component> components) {
        if (components.stream().allMatch(c -> c.outcome() == Outcome.UNDECIDED)) {
            return notGradableFrom(components);
        }
        int lower = components.stream().mapToInt(Component::lower).min().orElse(0);
        int upper = components.stream().mapToInt(Component::upper).min().orElse(0);
        Component deciding = components.stream().filter(c -> c.lower() == lower).findFirst().orElseThrow();
        return graded(lower, lower == upper ? GradingStatus.GRADED : GradingStatus.LOWER_BOUND, deciding, components);
    }

    private Grading firstReported(List<Component> components) {
        Component first = components.stream().filter(c -> c.outcome() != Outcome.MISSING).findFirst().orElseThrow();
        return switch (first.outcome()) {
            case EXACT -> graded(first.lower(), GradingStatus.GRADED, first, components);
            case AT_LEAST -> graded(first.lower(), GradingStatus.LOWER_BOUND, first, components);
            default -> notGradable(first.measurement(), first.reason());
        };
    }

    private Grading graded(int grade, GradingStatus status, Component deciding, List<Component> components) {
        Measurement m = deciding.measurement();
        SetResult set = deciding.deciding();
        GradeBand band = set.band() == null ? null : resolved(set.band(), set.references());
        BigDecimal baselineUsed = set.set().usesBaseline() && set.references() != null
                ? set.references().baseline() : null;
        String explanation = new GradingExplanation(this, grade, status, deciding, components).write();
        return new Grading(term.term(), version, grade, status, m.analyte(), m.value(), m.unit(), m.lowerLimit(),
                m.upperLimit(), baselineUsed, band, explanation);
    }

    private Grading notGradableFrom(List<Component> components) {
        Component first = components.stream().filter(c -> c.measurement() != null).findFirst().orElseThrow();
        String reason = components.stream().filter(c -> c.outcome() == Outcome.UNDECIDED).map(Component::reason)
                .collect(Collectors.joining("; "));
        return notGradable(first.measurement(), reason);
    }

    Grading notGradable(Measurement m, String reason) {
        return new Grading(term.term(), version, null, GradingStatus.NOT_GRADABLE,
                m == null ? null : m.analyte(), m == null ? null : m.value(), m == null ? null : m.unit(),
                m == null ? null : m.lowerLimit(), m == null ? null : m.upperLimit(), null, null,
                term.term() + " not gradable (CTCAE v" + version + "): " + reason + ".");
    }

    private static GradeBand resolved(BandDefinition band, References references) {
        Set<Reference> used = band.references();
        String basis = used.contains(Reference.BASELINE) ? "BASELINE"
                : used.contains(Reference.ULN) ? "ULN"
                : used.contains(Reference.LLN) ? "LLN"
                : "ABSOLUTE";
        Bound lower = band.lower();
        Bound upper = band.upper();
        return new GradeBand(band.grade(),
                lower == null ? null : lower.resolve(references, true), lower != null && lower.inclusive(),
                upper == null ? null : upper.resolve(references, false), upper != null && upper.inclusive(),
                basis, band.nciText());
    }

    String symbolOf(String analyte) {
        return term.bandSetsFor(analyte).get(0).symbol();
    }

    // ---- small value types, shared with the explanation

    private enum Membership { IN, OUT, UNDECIDED }

    enum Outcome { EXACT, AT_LEAST, UNDECIDED, MISSING, NOT_APPLICABLE }

    /**
     * How one band set came out. {@code lower} is the grade it shows, {@code upper} the highest grade a missing
     * reference or duration could still make it; {@code band} is the band the value is in (null for grade 0 or
     * undecided).
     */
    record SetResult(BandSet set, Outcome outcome, int lower, int upper, BandDefinition band, References references,
                     String reason) {

        static SetResult notApplicable(BandSet set) {
            return new SetResult(set, Outcome.NOT_APPLICABLE, 0, 0, null, null, null);
        }

        static SetResult undecided(BandSet set, int upper, References references, String reason) {
            return new SetResult(set, Outcome.UNDECIDED, 0, upper, null, references, reason);
        }

        static SetResult exact(BandSet set, BandDefinition band, References references) {
            int grade = band == null ? 0 : band.grade();
            return new SetResult(set, Outcome.EXACT, grade, grade, band, references, null);
        }

        static SetResult atLeast(BandSet set, BandDefinition band, int upper, References references, String reason) {
            return new SetResult(set, Outcome.AT_LEAST, band.grade(), upper, band, references, reason);
        }
    }

    /**
     * How one analyte of the term came out: its grade {@code lower} (0 when undecided or missing), the highest grade
     * it could still be, the band set that decided, every band set that applied, and why it is not exact.
     */
    record Component(String analyte, String symbol, Measurement measurement, Outcome outcome, int lower, int upper,
                     SetResult deciding, List<SetResult> applied, BaselineFacts baseline, String reason,
                     DisplayUnit display) {

        static Component missing(String analyte, String symbol, int highestGrade, DisplayUnit display) {
            return new Component(analyte, symbol, null, Outcome.MISSING, 0, highestGrade, null, List.of(),
                    BaselineFacts.of(BaselineKind.NOT_CONSULTED), null, display);
        }
    }
}
