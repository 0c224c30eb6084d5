package org.toxwatch.ctcae.criteria;

import java.util.Comparator;
import java.util.List;

/**
 * The bands that grade one analyte of a term under one condition.
 *
 * @param symbol    short name used in explanations, e.g. ANC or SBP
 * @param direction which way the analyte worsens; defaults to the term's
 * @param unit      the unit the file writes this set's absolute bounds in, when not the analyte's canonical unit (e.g.
 *                  NCI's mmol/L haemoglobin figures); they are converted to the canonical unit at load
 * @param reading   the CRITERIA.md section 5 reading this set implements, e.g. A5; null for none
 * @param note      one sentence for explanations saying what the reading means; null for none
 */
public record BandSet(String analyte, String symbol, BandSetCondition when, List<BandDefinition> bands,
                      Direction direction, String unit, String reading, String note) {

    public BandSet {
        bands = List.copyOf(bands);
    }

    public BandSet(String analyte, String symbol, BandSetCondition when, List<BandDefinition> bands) {
        this(analyte, symbol, when, bands, null, null, null, null);
    }

    /** Most severe grade first: the order a value is tested in. */
    public List<BandDefinition> mostSevereFirst() {
        return bands.stream().sorted(Comparator.comparingInt(BandDefinition::grade).reversed()).toList();
    }

    public BandDefinition leastSevere() {
        return bands.stream().min(Comparator.comparingInt(BandDefinition::grade)).orElseThrow();
    }

    public int highestGrade() {
        return bands.stream().mapToInt(BandDefinition::grade).max().orElse(0);
    }

    /** Whether any band is a multiple of the patient's baseline. */
    public boolean usesBaseline() {
        return bands.stream().anyMatch(band -> band.references().contains(Reference.BASELINE));
    }

    BandSet with(List<BandDefinition> newBands, Direction newDirection) {
        return new BandSet(analyte, symbol, when, newBands, newDirection, unit, reading, note);
    }
}
