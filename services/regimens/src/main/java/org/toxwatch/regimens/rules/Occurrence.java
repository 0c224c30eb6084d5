package org.toxwatch.regimens.rules;

/**
 * Which occurrence of an adverse event a rule is written for. Occurrences are not counted yet (issue #4): a
 * {@code FIRST} rule fires on every finding and its advice says the first occurrence was assumed.
 */
public enum Occurrence {
    ANY,
    FIRST
}
