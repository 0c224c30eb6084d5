package org.toxwatch.ctcae.grading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The patient's baseline of one analyte, in the analyte's canonical unit.
 *
 * @param upperLimit the ULN reported with the baseline sample; when null, the current sample's ULN decides whether the
 *                   baseline was above ULN
 * @param lowerLimit the LLN reported with the baseline sample; when null, the current sample's LLN decides whether the
 *                   baseline was below LLN (CTCAE v6 creatinine)
 */
public record Baseline(String analyte, BigDecimal value, BigDecimal upperLimit, Instant effectiveTime,
                       BigDecimal lowerLimit) {

    public Baseline {
        Objects.requireNonNull(analyte, "analyte");
    }

    public Baseline(String analyte, BigDecimal value, BigDecimal upperLimit, Instant effectiveTime) {
        this(analyte, value, upperLimit, effectiveTime, null);
    }
}
