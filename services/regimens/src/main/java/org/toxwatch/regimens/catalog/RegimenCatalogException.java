package org.toxwatch.regimens.catalog;

import java.util.List;

/** A catalog that cannot be used: unreadable, not valid against its schema, or inconsistent. Lists every problem found. */
public class RegimenCatalogException extends RuntimeException {

    private final List<String> problems;

    public RegimenCatalogException(String location, List<String> problems) {
        super("regimen catalog " + location + " rejected (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
