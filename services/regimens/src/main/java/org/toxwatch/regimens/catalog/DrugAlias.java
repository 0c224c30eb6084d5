package org.toxwatch.regimens.catalog;

/**
 * Another drug name that uses a catalog entry's rules.
 *
 * @param classInference true when the rules reach this drug by analogy with its class (RULES.md 2.7), not from its own
 *                       label; its advice is then flagged unverified
 */
public record DrugAlias(String drug, boolean classInference, String note) {
}
