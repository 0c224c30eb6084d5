package org.toxwatch.ctcae.criteria;

import java.util.Comparator;
import java.util.List;

/**
 * The bands that grade one analyte of a term under one condition.
 *
 * @param symbol short name used in explanations, e.g. ANC or SBP
 */
public record BandSet(String analyte, String symbol, BandSetCondition when, List<BandDefinition> bands) {

    public BandSet {
        bands = List.copyOf(bands);
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
}
