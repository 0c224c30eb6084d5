package org.toxwatch.ctcae.grading;

import java.math.BigDecimal;

/**
 * The band a value fell in, with its edges resolved to numbers in the analyte's canonical unit.
 *
 * @param lower null when the band is open below
 * @param upper null when the band is open above
 * @param basis what the edges are measured against: ABSOLUTE, LLN, ULN or BASELINE
 * @param nciText NCI's wording of the band
 */
public record GradeBand(int grade, BigDecimal lower, boolean lowerInclusive, BigDecimal upper, boolean upperInclusive,
                        String basis, String nciText) {
}
