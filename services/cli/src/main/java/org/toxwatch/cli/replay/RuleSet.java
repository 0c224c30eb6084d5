package org.toxwatch.cli.replay;

import org.toxwatch.regimens.RegimenCatalog;
import org.toxwatch.regimens.rules.Region;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** A regimen rule set to replay with, and how the report names it. */
record RuleSet(RegimenCatalog catalog, String description) {

    /**
     * The shipped catalog, or the catalog at {@code catalogIndex}; with an institution override file when given; in
     * {@code region} when given (else the catalog's or the override file's own setting).
     */
    static RuleSet of(Path catalogIndex, Path overrides, Region region) throws UnreadableInputException {
        RegimenCatalog catalog;
        String description;
        if (catalogIndex == null) {
            catalog = RegimenCatalog.standard();
            description = "shipped catalog " + catalog.version();
        } else {
            catalog = load(catalogIndex, "catalog", () -> RegimenCatalog.load(catalogIndex));
            description = "catalog " + catalog.version() + " from " + catalogIndex;
        }
        if (overrides != null) {
            RegimenCatalog base = catalog;
            catalog = load(overrides, "institution overrides", () -> base.withOverrides(overrides));
            var loaded = catalog.overrides().orElseThrow();
            description += " + overrides " + overrides + " version " + loaded.version() + " (" + loaded.institution() + ")";
        }
        if (region != null) {
            catalog = catalog.inRegion(region);
        }
        description += catalog.region().map(r -> ", region " + r).orElse(", every region's rows");
        return new RuleSet(catalog, description);
    }

    private static RegimenCatalog load(Path file, String what, Supplier<RegimenCatalog> loader)
            throws UnreadableInputException {
        if (!Files.isRegularFile(file)) {
            throw new UnreadableInputException(file + ": no such file (" + what + ")");
        }
        try {
            return loader.get();
        } catch (RuntimeException e) { // RegimenCatalogException lists every problem; anything else is a broken file too
            throw new UnreadableInputException(file + ": not a usable " + what + " file: " + e.getMessage(), e);
        }
    }
}
