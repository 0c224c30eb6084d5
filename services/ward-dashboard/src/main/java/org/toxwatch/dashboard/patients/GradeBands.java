package org.toxwatch.dashboard.patients;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.toxwatch.ctcae.Decimals;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.criteria.BandDefinition;
import org.toxwatch.ctcae.criteria.BandSet;
import org.toxwatch.ctcae.criteria.BandSetCondition;
import org.toxwatch.ctcae.criteria.Bound;
import org.toxwatch.ctcae.criteria.Reference;
import org.toxwatch.ctcae.criteria.References;
import org.toxwatch.ctcae.criteria.TermCriteria;
import org.toxwatch.ctcae.grading.CtcaeGrader;

/**
 * The CTCAE grade boundaries of one term in its analyte's canonical unit, for drawing behind a lab chart. They are the
 * bands the grading engine grades with, resolved against the latest result's LLN / ULN and the patient's baseline;
 * which band set is drawn follows the baseline the same way grading does (an abnormal baseline switches liver tests to
 * multiples of it). Nothing is guessed: when a limit the bands need is missing, the unit is not the canonical one, or
 * the term is graded from a reported grade, there are no bands and the chart shows the grade of each point only.
 */
public final class GradeBands {

    private static final AnalyteCatalog ANALYTES = AnalyteCatalog.standard();

    private GradeBands() {
    }

    /** The patient's baseline as the graded event states it. */
    public record StatedBaseline(BigDecimal value, String unit, BigDecimal lowerLimit, BigDecimal upperLimit,
            boolean usedForGrading) {
    }

    /**
     * @param from  the band's lower edge (null: open below)
     * @param to    the band's upper edge (null: open above)
     * @param basis what the edges are multiples of: ABSOLUTE, LLN, ULN or BASELINE
     */
    public record Band(int grade, BigDecimal from, BigDecimal to, String basis, String nciText) {
    }

    /**
     * @param measuredAgainst how the bands were placed, e.g. "ULN 40 U/L" or "baseline 95 U/L (above ULN)"; null when
     *                        there are no bands
     */
    public record Drawing(List<Band> bands, String measuredAgainst) {
        static final Drawing NONE = new Drawing(List.of(), null);
    }

    public static Drawing of(String ctcaeVersion, String termName, String analyte, String unit, BigDecimal lln,
            BigDecimal uln, StatedBaseline baseline) {
        if (termName == null || analyte == null || unit == null) {
            return Drawing.NONE;
        }
        CtcaeGrader grader;
        try {
            grader = CtcaeGrader.forVersion(ctcaeVersion == null ? "5.0" : ctcaeVersion);
        } catch (IllegalArgumentException e) {
            return Drawing.NONE;
        }
        Optional<TermCriteria> term = grader.term(termName);
        Optional<AnalyteDefinition> definition = ANALYTES.byId(analyte);
        if (term.isEmpty() || term.get().isReported() || definition.isEmpty()
                || !definition.get().ucumUnit().equals(unit)) {
            return Drawing.NONE;
        }
        // a baseline in another unit cannot be compared with these values
        StatedBaseline usable = baseline != null && baseline.value() != null && unit.equals(baseline.unit())
                ? baseline : null;
        BandSetCondition.Situation situation = situation(usable, lln, uln);
        List<BandSet> applicable = term.get().bandSetsFor(analyte).stream()
                .filter(set -> set.when().covers(situation))
                .toList();
        if (applicable.isEmpty()) {
            return Drawing.NONE;
        }
        BandSet drawn = choose(applicable, usable);
        References references = new References(lln, uln, usable == null ? null : usable.value());
        List<Band> bands = new ArrayList<>();
        for (BandDefinition band : drawable(drawn)) {
            BigDecimal from = edge(band.lower(), references, true);
            BigDecimal to = edge(band.upper(), references, false);
            if ((band.lower() != null && from == null) || (band.upper() != null && to == null)) {
                return Drawing.NONE; // a limit the band is a multiple of was not reported
            }
            bands.add(new Band(band.grade(), from, to, basis(band), band.nciText()));
        }
        bands.sort(Comparator.comparingInt(Band::grade));
        return new Drawing(List.copyOf(bands), measuredAgainst(bands, lln, uln, usable, unit, situation));
    }

    static BandSetCondition.Situation situation(StatedBaseline baseline, BigDecimal lln, BigDecimal uln) {
        if (baseline == null) {
            return BandSetCondition.Situation.NO_BASELINE;
        }
        BigDecimal upper = baseline.upperLimit() != null ? baseline.upperLimit() : uln;
        BigDecimal lower = baseline.lowerLimit() != null ? baseline.lowerLimit() : lln;
        if (upper != null && baseline.value().compareTo(upper.multiply(BigDecimal.valueOf(5))) > 0) {
            return BandSetCondition.Situation.BASELINE_ABOVE_5_X_ULN;
        }
        if (upper != null && baseline.value().compareTo(upper) > 0) {
            return BandSetCondition.Situation.BASELINE_ABOVE_ULN;
        }
        if (lower != null && baseline.value().compareTo(lower) < 0) {
            return BandSetCondition.Situation.BASELINE_BELOW_LLN;
        }
        return BandSetCondition.Situation.BASELINE_NORMAL;
    }

    /** Several sets may apply (creatinine: ULN bands or baseline bands); draw the one the grade was measured with. */
    private static BandSet choose(List<BandSet> applicable, StatedBaseline baseline) {
        boolean againstBaseline = baseline != null && baseline.usedForGrading();
        return applicable.stream().filter(set -> set.usesBaseline() == againstBaseline).findFirst()
                .orElse(applicable.get(0));
    }

    /** One band per grade: where NCI adds "or ... for more than an hour", the band without a duration is drawn. */
    private static List<BandDefinition> drawable(BandSet set) {
        Map<Integer, BandDefinition> byGrade = new TreeMap<>();
        for (BandDefinition band : set.bands()) {
            BandDefinition kept = byGrade.get(band.grade());
            if (kept == null || (kept.isConditional() && !band.isConditional())) {
                byGrade.put(band.grade(), band);
            }
        }
        return List.copyOf(byGrade.values());
    }

    private static BigDecimal edge(Bound bound, References references, boolean isLower) {
        return bound == null ? null : bound.resolve(references, isLower);
    }

    private static String basis(BandDefinition band) {
        if (band.references().contains(Reference.BASELINE)) {
            return "BASELINE";
        }
        if (band.references().contains(Reference.ULN)) {
            return "ULN";
        }
        if (band.references().contains(Reference.LLN)) {
            return "LLN";
        }
        return "ABSOLUTE";
    }

    private static String measuredAgainst(List<Band> bands, BigDecimal lln, BigDecimal uln, StatedBaseline baseline,
            String unit, BandSetCondition.Situation situation) {
        List<String> bases = bands.stream().map(Band::basis).distinct().toList();
        if (bases.contains("BASELINE")) {
            String where = switch (situation) {
                case BASELINE_ABOVE_ULN, BASELINE_ABOVE_5_X_ULN -> " (above ULN)";
                case BASELINE_BELOW_LLN -> " (below LLN)";
                default -> "";
            };
            return "baseline " + Decimals.plain(baseline.value()) + " " + unit + where;
        }
        if (bases.contains("ULN")) {
            return "ULN " + Decimals.plain(uln) + " " + unit;
        }
        if (bases.contains("LLN")) {
            return "LLN " + Decimals.plain(lln) + " " + unit;
        }
        return "absolute values in " + unit;
    }
}
