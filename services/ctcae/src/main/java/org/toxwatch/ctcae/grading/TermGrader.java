package org.toxwatch.ctcae.grading;

import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.criteria.BandDefinition;
import org.toxwatch.ctcae.criteria.BandSet;
import org.toxwatch.ctcae.criteria.BandSetCondition;
import org.toxwatch.ctcae.criteria.Bound;
import org.toxwatch.ctcae.criteria.Direction;
import org.toxwatch.ctcae.criteria.Reference;
import org.toxwatch.ctcae.criteria.References;
import org.toxwatch.ctcae.criteria.TermCriteria;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.toxwatch.ctcae.Decimals.plain;

/**
 * Grades one CTCAE term: picks the band set each analyte's baseline calls for, finds the band the value is in, combines
 * the analytes (highest grade wins) and writes the explanation. A band whose reference (LLN, ULN, baseline) is missing
 * is "undecided", never "out": a value is only called grade 0 when every band has been ruled out.
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

    boolean isFedBy(Set<String> analyteIds) {
        return term.analytes().stream().anyMatch(analyteIds::contains);
    }

    Grading grade(Map<String, Measurement> measurements, GradingRequest request) {
        for (String analyte : term.analytes()) {
            Measurement measurement = measurements.get(analyte);
            String problem = measurement == null ? null : dataProblem(measurement);
            if (problem != null) {
                return notGradable(measurement, problem);
            }
        }
        List<Component> components = new ArrayList<>();
        for (String analyte : term.analytes()) {
            components.add(assess(analyte, measurements.get(analyte), request));
        }
        return combine(components);
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
        return null;
    }

    // ---- one analyte

    private Component assess(String analyte, Measurement m, GradingRequest request) {
        String symbol = symbolOf(analyte);
        if (m == null) {
            return Component.missing(analyte, symbol);
        }
        BaselineReading baseline = readBaseline(analyte, m, request);
        if (baseline.undecidedReason() != null) {
            return Component.undecided(analyte, symbol, m, baseline, baseline.undecidedReason(), null);
        }
        BandSet set = term.bandSetFor(analyte, baseline.condition()).orElseThrow(() -> new IllegalStateException(
                "term '" + term.term() + "' has no " + baseline.condition() + " band set for " + analyte));
        References references = new References(m.lowerLimit(), m.upperLimit(), baseline.baselineUsed());
        BandDefinition firstUndecided = null;
        for (BandDefinition band : set.mostSevereFirst()) {
            Membership membership = membership(band, m.value(), references);
            if (membership == Membership.IN) {
                return firstUndecided == null
                        ? Component.graded(analyte, symbol, m, baseline, set, band, references)
                        : Component.atLeast(analyte, symbol, m, baseline, set, band, references,
                        undecidedReason(symbol, m, set, firstUndecided, references));
            }
            if (membership == Membership.UNDECIDED && firstUndecided == null) {
                firstUndecided = band;
            }
        }
        if (firstUndecided != null) {
            return Component.undecided(analyte, symbol, m, baseline,
                    undecidedReason(symbol, m, set, firstUndecided, references), set);
        }
        return Component.graded(analyte, symbol, m, baseline, set, null, references);
    }

    private BaselineReading readBaseline(String analyte, Measurement m, GradingRequest request) {
        if (!term.dependsOnBaseline(analyte)) {
            return BaselineReading.notConsulted();
        }
        String symbol = symbolOf(analyte);
        if (request.baselineSample()) {
            return BaselineReading.notAbove("This sample is the baseline itself, so it is graded against ULN, "
                    + "not against itself (CRITERIA.md A10).");
        }
        Baseline baseline = request.baselinesByAnalyte().get(analyte);
        if (baseline == null || baseline.value() == null) {
            return BaselineReading.notAbove("No " + symbol + " baseline was available, so ULN bands apply "
                    + "(CRITERIA.md A4).");
        }
        String unit = m.unit();
        String baselineText = plain(baseline.value()) + " " + unit;
        if (!analytes.get(analyte).isPlausible(baseline.value())) {
            return BaselineReading.undecided("the " + symbol + " baseline " + baselineText
                    + " is not a plausible value, so the band set (normal or abnormal baseline) cannot be chosen");
        }
        BigDecimal uln = baseline.upperLimit() != null ? baseline.upperLimit() : m.upperLimit();
        if (uln == null) {
            return BaselineReading.undecided("whether the " + symbol + " baseline " + baselineText
                    + " was above ULN cannot be told: no ULN was reported with it or with this sample");
        }
        String whose = baseline.upperLimit() != null ? "its own ULN " : "the current ULN ";
        if (baseline.value().compareTo(uln) > 0) {
            return BaselineReading.above(baseline.value(), "Baseline " + baselineText + " was above " + whose
                    + plain(uln) + " " + unit + ", so the bands are multiples of baseline "
                    + "(NCI: \"if baseline was abnormal\").");
        }
        return BaselineReading.notAbove("Baseline " + baselineText + " was not above " + whose + plain(uln) + " "
                + unit + ", so ULN bands apply (CRITERIA.md A3: a normal or low baseline counts as normal).");
    }

    private static Membership membership(BandDefinition band, BigDecimal x, References references) {
        Membership lower = side(band.lower(), x, references, true);
        Membership upper = side(band.upper(), x, references, false);
        if (lower == Membership.OUT || upper == Membership.OUT) {
            return Membership.OUT;
        }
        return lower == Membership.UNDECIDED || upper == Membership.UNDECIDED ? Membership.UNDECIDED : Membership.IN;
    }

    private static Membership side(Bound bound, BigDecimal x, References references, boolean isLower) {
        if (bound == null) {
            return Membership.IN;
        }
        BigDecimal edge = bound.resolve(references);
        if (edge == null) {
            return Membership.UNDECIDED;
        }
        int order = x.compareTo(edge);
        boolean inside = isLower
                ? (bound.inclusive() ? order >= 0 : order > 0)
                : (bound.inclusive() ? order <= 0 : order < 0);
        return inside ? Membership.IN : Membership.OUT;
    }

    private String undecidedReason(String symbol, Measurement m, BandSet set, BandDefinition band,
                                   References references) {
        Set<Reference> missing = EnumSet.noneOf(Reference.class);
        for (Reference reference : band.references()) {
            if (references.valueOf(reference) == null) {
                missing.add(reference);
            }
        }
        String names = missing.stream().map(r -> r == Reference.BASELINE ? "baseline" : r.name())
                .collect(Collectors.joining(" and "));
        boolean everyBand = set.bands().stream().allMatch(b -> b.references().containsAll(missing));
        return symbol + " " + plain(m.value()) + " " + m.unit() + " cannot be graded without the " + names
                + ", which was not reported" + (everyBand
                ? " (every band is a multiple of it)"
                : "; grade " + band.grade() + " needs " + inequality(band, symbol, null));
    }

    // ---- the term

    private Grading combine(List<Component> components) {
        List<Component> known = components.stream()
                .filter(c -> c.outcome() == Outcome.GRADED || c.outcome() == Outcome.AT_LEAST).toList();
        if (known.isEmpty()) {
            Component first = components.stream().filter(c -> c.measurement() != null).findFirst().orElseThrow();
            StringBuilder reason = new StringBuilder();
            for (Component c : components) {
                if (c.outcome() == Outcome.UNDECIDED) {
                    reason.append(reason.isEmpty() ? "" : "; ").append(c.reason());
                }
            }
            return notGradable(first.measurement(), reason.toString());
        }
        Component deciding = known.get(0);
        for (Component c : known) {
            if (c.grade() > deciding.grade()) {
                deciding = c;
            }
        }
        boolean complete = components.stream().allMatch(c -> c.outcome() == Outcome.GRADED);
        GradingStatus status = complete ? GradingStatus.GRADED : GradingStatus.LOWER_BOUND;
        Measurement m = deciding.measurement();
        GradeBand band = deciding.band() == null ? null : resolved(deciding.band(), deciding.references());
        return new Grading(term.term(), version, deciding.grade(), status, m.analyte(), m.value(), m.unit(),
                m.lowerLimit(), m.upperLimit(), deciding.baseline().baselineUsed(), band,
                explanation(status, deciding, components));
    }

    private Grading notGradable(Measurement m, String reason) {
        return new Grading(term.term(), version, null, GradingStatus.NOT_GRADABLE, m.analyte(), m.value(), m.unit(),
                m.lowerLimit(), m.upperLimit(), null, null,
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
                lower == null ? null : lower.resolve(references), lower != null && lower.inclusive(),
                upper == null ? null : upper.resolve(references), upper != null && upper.inclusive(),
                basis, band.nciText());
    }

    // ---- explanation

    private String explanation(GradingStatus status, Component deciding, List<Component> components) {
        StringBuilder text = new StringBuilder(term.term())
                .append(status == GradingStatus.LOWER_BOUND ? " at least grade " : " grade ")
                .append(deciding.grade()).append(" (CTCAE v").append(version).append("): ")
                .append(clause(deciding, true));
        for (Component other : components) {
            if (other != deciding && other.outcome() != Outcome.MISSING) {
                text.append("; ").append(clause(other, false));
            }
        }
        text.append('.');
        if (components.size() > 1) {
            text.append(" A reading takes the higher grade of ")
                    .append(components.stream().map(Component::symbol).collect(Collectors.joining(" and ")))
                    .append(" (NCI joins them with \"or\").");
        }
        Measurement m = deciding.measurement();
        if (term.direction() == Direction.DECREASED && m.lowerLimit() != null) {
            text.append(" LLN ").append(plain(m.lowerLimit())).append(' ').append(m.unit()).append('.');
        }
        if (term.direction() == Direction.INCREASED && m.upperLimit() != null) {
            text.append(" ULN ").append(plain(m.upperLimit())).append(' ').append(m.unit()).append('.');
        }
        if (deciding.baseline().sentence() != null) {
            text.append(' ').append(deciding.baseline().sentence());
        }
        BandDefinition band = deciding.band();
        if (band != null && term.direction() == Direction.DECREASED && band.references().isEmpty()
                && m.lowerLimit() != null && m.value().compareTo(m.lowerLimit()) >= 0) {
            text.append(" The value is not below LLN ").append(plain(m.lowerLimit()))
                    .append(", but the absolute cut-off wins over an LLN below it (CRITERIA.md A1).");
        }
        if (band != null) {
            for (Bound bound : new Bound[] {band.lower(), band.upper()}) {
                if (bound != null && bound.inGap(m.value())) {
                    text.append(' ').append(plain(m.value())).append(" lies between NCI's integer bands (")
                            .append(plain(bound.value())).append(" and ").append(plain(bound.gap().to()))
                            .append(") and is read into the more severe one (CRITERIA.md ")
                            .append(bound.gap().reading()).append(").");
                }
            }
        }
        List<String> missing = components.stream().filter(c -> c.outcome() == Outcome.MISSING)
                .map(Component::symbol).toList();
        if (!missing.isEmpty()) {
            text.append(' ').append(String.join(" and ", missing))
                    .append(missing.size() == 1 ? " was" : " were")
                    .append(" not reported, so the grade is a lower bound (CRITERIA.md A11).");
        } else if (status == GradingStatus.LOWER_BOUND) {
            text.append(" Part of the data was missing, so the grade is a lower bound (CRITERIA.md A11).");
        }
        List<Integer> clinical = term.clinicalOnlyGrades();
        if (!clinical.isEmpty() && deciding.grade() == term.highestBandedGrade()) {
            text.append(" Grade ").append(clinical.stream().map(String::valueOf).collect(Collectors.joining(" and ")))
                    .append(clinical.size() == 1 ? " needs" : " need")
                    .append(" clinical findings, so a reading alone reaches at most grade ")
                    .append(term.highestBandedGrade()).append('.');
        }
        if (term.gradingNote() != null) {
            text.append(' ').append(term.gradingNote().strip());
        }
        return text.toString();
    }

    private String clause(Component c, boolean full) {
        if (c.outcome() == Outcome.UNDECIDED) {
            return c.reason();
        }
        Measurement m = c.measurement();
        String value = c.symbol() + " " + plain(m.value()) + " " + m.unit();
        BandDefinition band = c.band();
        if (band == null) {
            if (!full) {
                return value + " gives grade 0";
            }
            BandDefinition mildest = c.bandSet().leastSevere();
            return value + " is in no grade band; grade " + mildest.grade() + " needs "
                    + inequality(mildest, c.symbol(), c.references()) + " " + m.unit()
                    + symbolicSuffix(mildest, c.symbol());
        }
        if (!full) {
            return value + " gives grade " + band.grade() + " (" + inequality(band, c.symbol(), c.references()) + ")";
        }
        String clause = value + " is in the band " + inequality(band, c.symbol(), c.references()) + " " + m.unit()
                + symbolicSuffix(band, c.symbol()) + " (NCI: " + band.nciText() + ")";
        return c.outcome() == Outcome.AT_LEAST ? clause + ", but " + c.reason() : clause;
    }

    private static String symbolicSuffix(BandDefinition band, String symbol) {
        return band.references().isEmpty() ? "" : ", i.e. " + inequality(band, symbol, null);
    }

    /** "0.5 <= ANC < 1", "AST > 800", or with references == null the symbolic form "3 x ULN < AST <= 5 x ULN". */
    private static String inequality(BandDefinition band, String symbol, References references) {
        StringBuilder text = new StringBuilder();
        Bound lower = band.lower();
        Bound upper = band.upper();
        if (lower != null && upper == null) {
            return symbol + (lower.inclusive() ? " >= " : " > ") + edge(lower, references);
        }
        if (lower != null) {
            text.append(edge(lower, references)).append(lower.inclusive() ? " <= " : " < ");
        }
        text.append(symbol);
        if (upper != null) {
            text.append(upper.inclusive() ? " <= " : " < ").append(edge(upper, references));
        }
        return text.toString();
    }

    private static String edge(Bound bound, References references) {
        BigDecimal resolved = references == null ? null : bound.resolve(references);
        return resolved == null ? bound.symbolic() : plain(resolved);
    }

    private String symbolOf(String analyte) {
        return term.bandSetsFor(analyte).get(0).symbol();
    }

    // ---- small value types

    private enum Membership { IN, OUT, UNDECIDED }

    private enum Outcome { GRADED, AT_LEAST, UNDECIDED, MISSING }

    /**
     * Which band set the baseline calls for, the baseline value the bands are multiples of (only when above ULN),
     * the sentence that tells the clinician, or why no band set can be chosen.
     */
    private record BaselineReading(BandSetCondition condition, BigDecimal baselineUsed, String sentence,
                                   String undecidedReason) {

        static BaselineReading notConsulted() {
            return new BaselineReading(BandSetCondition.ALWAYS, null, null, null);
        }

        static BaselineReading notAbove(String sentence) {
            return new BaselineReading(BandSetCondition.BASELINE_NOT_ABOVE_ULN, null, sentence, null);
        }

        static BaselineReading above(BigDecimal baseline, String sentence) {
            return new BaselineReading(BandSetCondition.BASELINE_ABOVE_ULN, baseline, sentence, null);
        }

        static BaselineReading undecided(String reason) {
            return new BaselineReading(null, null, null, reason);
        }
    }

    /** How one analyte of the term came out. {@code grade} is 0 with a null band for "in no band". */
    private record Component(String analyte, String symbol, Measurement measurement, Outcome outcome, int grade,
                             BandSet bandSet, BandDefinition band, References references, BaselineReading baseline,
                             String reason) {

        static Component missing(String analyte, String symbol) {
            return new Component(analyte, symbol, null, Outcome.MISSING, 0, null, null, null,
                    BaselineReading.notConsulted(), null);
        }

        static Component undecided(String analyte, String symbol, Measurement m, BaselineReading baseline,
                                   String reason, BandSet set) {
            return new Component(analyte, symbol, m, Outcome.UNDECIDED, 0, set, null, null, baseline, reason);
        }

        static Component graded(String analyte, String symbol, Measurement m, BaselineReading baseline, BandSet set,
                                BandDefinition band, References references) {
            return new Component(analyte, symbol, m, Outcome.GRADED, band == null ? 0 : band.grade(), set, band,
                    references, baseline, null);
        }

        static Component atLeast(String analyte, String symbol, Measurement m, BaselineReading baseline, BandSet set,
                                 BandDefinition band, References references, String reason) {
            return new Component(analyte, symbol, m, Outcome.AT_LEAST, band.grade(), set, band, references, baseline,
                    reason);
        }
    }
}
