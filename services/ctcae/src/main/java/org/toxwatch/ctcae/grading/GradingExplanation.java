package org.toxwatch.ctcae.grading;

import org.toxwatch.ctcae.criteria.AnalyteJoin;
import org.toxwatch.ctcae.criteria.BandDefinition;
import org.toxwatch.ctcae.criteria.BandSet;
import org.toxwatch.ctcae.criteria.BandSetCondition;
import org.toxwatch.ctcae.criteria.Bound;
import org.toxwatch.ctcae.criteria.Direction;
import org.toxwatch.ctcae.criteria.Reference;
import org.toxwatch.ctcae.criteria.References;
import org.toxwatch.ctcae.criteria.TermCriteria;
import org.toxwatch.ctcae.grading.TermGrader.BaselineFacts;
import org.toxwatch.ctcae.grading.TermGrader.Component;
import org.toxwatch.ctcae.grading.TermGrader.Outcome;
import org.toxwatch.ctcae.grading.TermGrader.SetResult;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.toxwatch.ctcae.Decimals.plain;

/**
 * The clinician-readable text of a grading: term, version, grade, the band with its thresholds in the input's own
 * unit and NCI's words, the LLN, ULN and baseline used, and every CRITERIA.md reading that decided something.
 */
final class GradingExplanation {

    private final TermCriteria term;
    private final String version;
    private final int grade;
    private final GradingStatus status;
    private final Component deciding;
    private final List<Component> components;

    GradingExplanation(TermGrader grader, int grade, GradingStatus status, Component deciding,
                       List<Component> components) {
        this.term = grader.term();
        this.version = grader.version();
        this.grade = grade;
        this.status = status;
        this.deciding = deciding;
        this.components = components;
    }

    String write() {
        StringBuilder text = new StringBuilder(term.term())
                .append(status == GradingStatus.LOWER_BOUND ? " at least grade " : " grade ")
                .append(grade).append(" (CTCAE v").append(version).append("): ");
        if (term.join() == AnalyteJoin.BOTH) {
            // every part is a condition of the grade, so each is told in full, in the file's order
            text.append(components.stream().map(c -> clause(c, true)).collect(Collectors.joining(" and ")));
        } else {
            text.append(clause(deciding, true));
            for (Component other : components) {
                if (other == deciding || other.outcome() == Outcome.MISSING) {
                    continue;
                }
                if (term.join() == AnalyteJoin.EITHER) {
                    text.append("; ").append(clause(other, false));
                } else {
                    text.append("; ").append(other.symbol()).append(' ')
                            .append(other.display().quantity(other.measurement().value()))
                            .append(" was not used (").append(deciding.symbol()).append(" takes precedence)");
                }
            }
        }
        text.append('.');
        List<String> symbols = components.stream().map(Component::symbol).toList();
        if (term.join() == AnalyteJoin.EITHER && components.size() > 1) {
            text.append(" A reading takes the higher grade of ").append(String.join(" and ", symbols))
                    .append(" (NCI joins them with \"or\").");
        } else if (term.join() == AnalyteJoin.BOTH) {
            text.append(" NCI needs ").append(String.join(" and ", symbols))
                    .append(" together (\"with\"), so the lower of their grades counts.");
        }
        limits(text);
        String baseline = baselineSentence(deciding);
        if (baseline != null) {
            text.append(' ').append(baseline);
        }
        otherBandSets(text);
        absoluteCutOffBelowLln(text);
        gaps(text);
        lowerBound(text);
        List<Integer> clinical = term.clinicalOnlyGrades();
        if (!clinical.isEmpty() && grade == term.highestBandedGrade()) {
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
        DisplayUnit display = c.display();
        String value = c.symbol() + " " + display.quantity(m.value()) + display.canonicalAside(m.value());
        SetResult set = c.deciding();
        BandDefinition band = set.band();
        if (band == null) {
            if (!full) {
                return value + " gives grade 0";
            }
            BandDefinition mildest = set.set().leastSevere();
            return value + " is in no grade band; grade " + mildest.grade() + " needs "
                    + inequality(mildest, c.symbol(), set.references(), display) + unit(display)
                    + symbolicSuffix(mildest, c.symbol(), display)
                    + (mildest.needsDuration() ? " lasting more than " + plain(mildest.persisting().moreThanHours())
                    + " h" : "");
        }
        String inequality = inequality(band, c.symbol(), set.references(), display);
        if (!full) {
            String gives = value + " gives grade " + band.grade() + " (" + inequality + ")";
            return c.outcome() == Outcome.AT_LEAST ? gives + ", but " + c.reason() : gives;
        }
        String clause = value + " is in the band " + inequality + unit(display)
                + symbolicSuffix(band, c.symbol(), display)
                + (band.needsDuration() ? ", lasting " + plain(m.durationHours()) + " h (more than "
                + plain(band.persisting().moreThanHours()) + " h)" : "")
                + " (NCI: " + band.nciText() + ")";
        return c.outcome() == Outcome.AT_LEAST ? clause + ", but " + c.reason() : clause;
    }

    private void limits(StringBuilder text) {
        Measurement m = deciding.measurement();
        DisplayUnit display = deciding.display();
        if (m.lowerLimit() != null) {
            text.append(" LLN ").append(display.quantity(m.lowerLimit())).append('.');
        }
        if (m.upperLimit() != null) {
            text.append(" ULN ").append(display.quantity(m.upperLimit())).append('.');
        }
    }

    private String baselineSentence(Component c) {
        BaselineFacts facts = c.baseline();
        Set<BandSetCondition> conditions = term.bandSetsFor(c.analyte()).stream().map(BandSet::when)
                .collect(Collectors.toSet());
        boolean normalOrAbnormal = conditions.stream().anyMatch(BandSetCondition::comparesBaselineWithUln);
        DisplayUnit display = c.display();
        return switch (facts.kind()) {
            case NOT_CONSULTED, UNUSABLE -> null;
            case SAMPLE_ITSELF -> normalOrAbnormal
                    ? "This sample is the baseline itself, so it is graded against ULN, not against itself "
                    + "(CRITERIA.md A10)."
                    : "This sample is the baseline itself, so it is not graded against itself (CRITERIA.md A10).";
            case NONE -> normalOrAbnormal
                    ? "No " + c.symbol() + " baseline was available, so ULN bands apply (CRITERIA.md A4)."
                    : "No " + c.symbol() + " baseline was available, so no " + (baselineRise(c) ? "rise from baseline"
                    : "multiple of baseline") + " could be checked.";
            case VALUE -> {
                String baseline = "Baseline " + display.quantity(facts.value());
                if (normalOrAbnormal && facts.uln() != null) {
                    String uln = (facts.ownUln() ? "its own ULN " : "the current ULN ") + display.quantity(facts.uln());
                    boolean aboveFiveUln = conditions.contains(BandSetCondition.BASELINE_ABOVE_5_X_ULN)
                            && facts.value().compareTo(facts.uln().multiply(BigDecimal.valueOf(5))) > 0;
                    yield facts.value().compareTo(facts.uln()) > 0
                            ? baseline + " was above " + uln + ", so the bands are multiples of baseline "
                            + "(NCI: \"" + abnormalBaselineClause(c) + "\")"
                            + (aboveFiveUln ? " and, as it was above 5 x ULN, the ULN bands as well." : ".")
                            : baseline + " was not above " + uln + ", so ULN bands apply (CRITERIA.md A3: a normal "
                            + "or low baseline counts as normal).";
                }
                if (conditions.contains(BandSetCondition.BASELINE_BELOW_LLN) && facts.lln() != null) {
                    String lln = (facts.ownLln() ? "its own LLN " : "the current LLN ") + display.quantity(facts.lln());
                    yield baseline + (facts.value().compareTo(facts.lln()) < 0 ? " was below " : " was not below ")
                            + lln + ".";
                }
                if (conditions.contains(BandSetCondition.BASELINE_BELOW_LLN) && facts.uln() != null
                        && facts.value().compareTo(facts.uln()) >= 0) {
                    // no LLN reported, but a baseline at or above ULN cannot be below LLN
                    yield baseline + " was not below LLN: it is not below " + (facts.ownUln() ? "its own ULN "
                            : "the current ULN ") + display.quantity(facts.uln()) + ".";
                }
                yield baseline + ".";
            }
        };
    }

    /** NCI's words for an abnormal baseline, as the version writes them: v5 "if baseline was abnormal", v6 ">ULN". */
    private String abnormalBaselineClause(Component c) {
        return term.bandSetFor(c.analyte(), BandSetCondition.BASELINE_ABOVE_ULN).stream()
                .flatMap(set -> set.bands().stream())
                .map(BandDefinition::nciText)
                .filter(text -> text != null && text.contains("if baseline"))
                .map(text -> text.substring(text.indexOf("if baseline")))
                .findFirst().orElse("if baseline was abnormal");
    }

    /** Whether the analyte's baseline clause is a rise by an amount (v6 hypertension), not a multiple. */
    private boolean baselineRise(Component c) {
        return term.bandSetsFor(c.analyte()).stream().anyMatch(GradingExplanation::risesFromBaseline);
    }

    private static boolean risesFromBaseline(BandSet set) {
        return set.bands().stream().flatMap(band -> Stream.of(band.lower(), band.upper()))
                .filter(Objects::nonNull)
                .flatMap(bound -> bound.edges().stream())
                .anyMatch(edge -> edge.plus() != null);
    }

    /**
     * Where several band sets of one analyte applied (v5 creatinine's ULN and baseline clauses, haemoglobin's g/L and
     * mmol/L figures), what the others gave, and the readings behind them.
     */
    private void otherBandSets(StringBuilder text) {
        if (deciding.applied().size() < 2) {
            appendNotes(text, false);
            return;
        }
        DisplayUnit display = deciding.display();
        for (SetResult other : deciding.applied()) {
            if (other == deciding.deciding()) {
                continue;
            }
            if (other.outcome() == Outcome.UNDECIDED) {
                continue; // either it cannot raise the grade, or its reason is already in the clause
            }
            text.append(" By ").append(label(other.set())).append(": grade ").append(other.lower());
            if (other.band() != null) {
                text.append(" (").append(inequality(other.band(), deciding.symbol(), other.references(), display))
                        .append(unit(display)).append(')');
            }
            text.append('.');
        }
        long grades = deciding.applied().stream().filter(r -> r.outcome() != Outcome.UNDECIDED)
                .map(SetResult::lower).distinct().count();
        appendNotes(text, grades > 1);
    }

    /** A set's note is cited when its condition held (a baseline clause) or when its reading changed the grade. */
    private void appendNotes(StringBuilder text, boolean setsDisagree) {
        for (SetResult applied : deciding.applied()) {
            BandSet set = applied.set();
            if (set.note() != null && (set.when() != BandSetCondition.ALWAYS || setsDisagree)) {
                text.append(' ').append(set.note().strip());
                if (set.reading() != null) {
                    text.append(" (CRITERIA.md ").append(set.reading()).append(')');
                }
                text.append('.');
            }
        }
    }

    private static String label(BandSet set) {
        if (set.usesBaseline()) {
            return risesFromBaseline(set) ? "the rise from baseline" : "the multiples of baseline";
        }
        if (set.unit() != null) {
            return "NCI's " + set.unit() + " figures";
        }
        if (set.bands().stream().anyMatch(b -> b.references().contains(Reference.ULN))) {
            return "the multiples of ULN";
        }
        return "the " + set.symbol() + " bands";
    }

    /**
     * CRITERIA.md A1: an absolute cut-off above the lab's LLN still grades. Only where LLN bounds a band at all (not
     * v6.0 neutrophils, whose grades are absolute throughout).
     */
    private void absoluteCutOffBelowLln(StringBuilder text) {
        SetResult set = deciding.deciding();
        BandDefinition band = set.band();
        Measurement m = deciding.measurement();
        boolean llnBounds = set.set().bands().stream().anyMatch(b -> b.references().contains(Reference.LLN));
        if (band != null && llnBounds && set.set().direction() == Direction.DECREASED && band.references().isEmpty()
                && m.lowerLimit() != null && m.value().compareTo(m.lowerLimit()) >= 0) {
            text.append(" The value is not below LLN ").append(deciding.display().number(m.lowerLimit()))
                    .append(", but the absolute cut-off wins over an LLN below it (CRITERIA.md A1).");
        }
    }

    private void gaps(StringBuilder text) {
        BandDefinition band = deciding.deciding().band();
        if (band == null) {
            return;
        }
        DisplayUnit display = deciding.display();
        BigDecimal value = deciding.measurement().value();
        for (Bound bound : new Bound[] {band.lower(), band.upper()}) {
            if (bound != null && bound.inGap(value)) {
                text.append(' ').append(display.number(value)).append(" lies in the gap between NCI's bands (")
                        .append(display.number(bound.value())).append(" and ").append(display.number(bound.gap().to()))
                        .append(unit(display)).append(") and is read into the more severe one (CRITERIA.md ")
                        .append(bound.gap().reading()).append(").");
            }
        }
    }

    private void lowerBound(StringBuilder text) {
        List<String> missing = components.stream().filter(c -> c.outcome() == Outcome.MISSING)
                .map(Component::symbol).toList();
        if (!missing.isEmpty() && term.join() == AnalyteJoin.EITHER) {
            text.append(' ').append(String.join(" and ", missing))
                    .append(missing.size() == 1 ? " was" : " were")
                    .append(" not reported, so the grade is a lower bound (CRITERIA.md A11).");
        } else if (status == GradingStatus.LOWER_BOUND) {
            text.append(" What was not reported could raise it, so the grade is a lower bound (CRITERIA.md A11).");
        }
    }

    private static String unit(DisplayUnit display) {
        return display.label().isEmpty() ? "" : " " + display.label();
    }

    private static String symbolicSuffix(BandDefinition band, String symbol, DisplayUnit display) {
        return band.references().isEmpty() ? "" : ", i.e. " + inequality(band, symbol, null, display);
    }

    /**
     * "0.5 <= ANC < 1", "AST > 800", or with references == null the symbolic form "3 x ULN < AST <= 5 x ULN". Numbers
     * are written in the display unit.
     */
    static String inequality(BandDefinition band, String symbol, References references, DisplayUnit display) {
        StringBuilder text = new StringBuilder();
        Bound lower = band.lower();
        Bound upper = band.upper();
        if (lower != null && upper == null) {
            return symbol + (lower.inclusive() ? " >= " : " > ") + edge(lower, references, display, true);
        }
        if (lower != null) {
            text.append(edge(lower, references, display, true)).append(lower.inclusive() ? " <= " : " < ");
        }
        text.append(symbol);
        if (upper != null) {
            text.append(upper.inclusive() ? " <= " : " < ").append(edge(upper, references, display, false));
        }
        return text.toString();
    }

    private static String edge(Bound bound, References references, DisplayUnit display, boolean isLower) {
        if (references == null) {
            return bound.isAbsolute() ? display.number(bound.value()) : bound.symbolic();
        }
        BigDecimal resolved = bound.resolve(references, isLower);
        return resolved == null ? bound.symbolic() : display.number(resolved);
    }
}
