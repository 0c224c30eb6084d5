package org.toxwatch.ctcae.criteria;

import java.math.BigDecimal;

/**
 * Marks a bound that reads a gap between NCI's bands into its band: values strictly between the bound and {@code to}
 * (e.g. SBP 139.5, between "120 - 139" and "140 - 159"; or 102.25 degF, between NCI's 102.2 and 102.3 degF) belong
 * here.
 *
 * @param reading the CRITERIA.md section 5 reading that says so, e.g. A7
 * @param unit    the unit {@code to} is written in when it is not the band set's (e.g. NCI's degF figures on a
 *                Celsius band set); converted to the canonical unit at load
 */
public record Gap(BigDecimal to, String reading, String unit) {

    public Gap(BigDecimal to, String reading) {
        this(to, reading, null);
    }
}
