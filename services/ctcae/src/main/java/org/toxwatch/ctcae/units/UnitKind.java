package org.toxwatch.ctcae.units;

import java.util.Set;

/**
 * What a UCUM unit measures, finer than UCUM's canonical dimension. UCUM treats the mole as a plain number
 * (6.02214076e23) and arbitrary units such as [iU] as dimensionless, so "umol/L", "[iU]/L" and "/uL" all reduce to
 * m-3. For lab values those are different things, so two units are interconvertible only when the canonical
 * dimension, the use of moles and the arbitrary units all agree.
 *
 * @param canonicalUnits   UCUM canonical units, e.g. "m-3" or "g.m-3"
 * @param amountOfSubstance the unit is built on the mole (mol/L, U/L, kat/L)
 * @param arbitraryUnits   arbitrary units the expression uses, e.g. [iU]
 * @param special          non-linear (offset or logarithmic) unit such as Cel or [pH]
 */
record UnitKind(String canonicalUnits, boolean amountOfSubstance, Set<String> arbitraryUnits, boolean special) {

    UnitKind {
        arbitraryUnits = Set.copyOf(arbitraryUnits);
    }

    String describe() {
        if (special) {
            return "a non-linear unit";
        }
        if (!arbitraryUnits.isEmpty()) {
            return "a unit built on the arbitrary unit(s) " + String.join(", ", arbitraryUnits.stream().sorted().toList());
        }
        if (canonicalUnits.isEmpty()) {
            return "a dimensionless ratio (such as a percentage)";
        }
        return (amountOfSubstance ? "an amount-of-substance unit of dimension " : "a unit of dimension ")
                + canonicalUnits;
    }
}
