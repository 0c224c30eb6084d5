package org.toxwatch.regimens.rules;

import java.util.Locale;

/**
 * Where a label row applies, for rows on which verified labels of different regions disagree (RULES.md 6, conflicts 1,
 * 6 and 9). A deployment picks one; a catalog without a region evaluates every region's rows and the most severe
 * action wins, which is the stricter default RULES.md recommends.
 */
public enum Region {
    US,
    EU,
    JP;

    public static Region fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
