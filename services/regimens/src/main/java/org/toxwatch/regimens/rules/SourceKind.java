package org.toxwatch.regimens.rules;

import java.util.Locale;

/**
 * Where a rule comes from. Declared from weakest to strongest: when two rules of one drug with the same action fire,
 * the stronger source decides (RULES.md 6: label rows over trial protocols over guideline/class rows).
 */
public enum SourceKind {
    GUIDELINE,
    PROTOCOL,
    LABEL,
    /** An institution's own rule from its override file (RULES.md 6: an override decides over every source). */
    INSTITUTION;

    /** The name used in data files and alerts: {@code label}, {@code protocol} or {@code guideline}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SourceKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
