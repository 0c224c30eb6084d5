package org.toxwatch.regimens.catalog;

import java.time.ZoneId;
import java.util.List;
import org.toxwatch.regimens.rules.Region;

/**
 * A catalog that passed its schema and consistency checks.
 *
 * @param region the deployment's region for region-specific label rows; null: every region, stricter action wins
 */
public record CatalogContents(
        String location,
        String version,
        String ctcaeVersion,
        ZoneId calendarZone,
        Region region,
        List<String> ctcaeTerms,
        List<RegimenEntry> entries) {

    public CatalogContents {
        ctcaeTerms = List.copyOf(ctcaeTerms);
        entries = List.copyOf(entries);
    }

    public CatalogContents inRegion(Region newRegion) {
        return new CatalogContents(location, version, ctcaeVersion, calendarZone, newRegion, ctcaeTerms, entries);
    }
}
