package org.toxwatch.regimens.catalog;

import java.time.ZoneId;
import java.util.List;

/** A catalog that passed its schema and consistency checks. */
public record CatalogContents(
        String location,
        String version,
        String ctcaeVersion,
        ZoneId calendarZone,
        List<String> ctcaeTerms,
        List<RegimenEntry> entries) {

    public CatalogContents {
        ctcaeTerms = List.copyOf(ctcaeTerms);
        entries = List.copyOf(entries);
    }
}
