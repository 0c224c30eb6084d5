package org.toxwatch.ctcae.criteria;

import java.math.BigDecimal;

/** The reference values a band's multiples resolve against, in the analyte's canonical unit; any may be missing. */
public record References(BigDecimal lln, BigDecimal uln, BigDecimal baseline) {

    public BigDecimal valueOf(Reference reference) {
        return switch (reference) {
            case LLN -> lln;
            case ULN -> uln;
            case BASELINE -> baseline;
        };
    }
}
