package org.toxwatch.ctcae.criteria;

import java.math.BigDecimal;

/**
 * Marks a bound that reads a gap between NCI's integer bands into its band: values strictly between the bound and
 * {@code to} (e.g. SBP 139.5, between "120 - 139" and "140 - 159") belong here.
 *
 * @param reading the CRITERIA.md section 5 reading that says so, e.g. A7
 */
public record Gap(BigDecimal to, String reading) {
}
