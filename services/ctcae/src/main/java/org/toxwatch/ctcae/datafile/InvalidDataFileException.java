package org.toxwatch.ctcae.datafile;

import java.util.List;

/**
 * A data file (analyte catalog, unit aliases, CTCAE criteria) is missing, unreadable, breaks its JSON Schema or fails
 * a semantic check. Unchecked on purpose: a broken clinical data file is a build defect, and the service must refuse to
 * start rather than grade with it.
 */
public class InvalidDataFileException extends RuntimeException {

    private final String resource;
    private final List<String> problems;

    public InvalidDataFileException(String resource, List<String> problems) {
        super(message(resource, problems));
        this.resource = resource;
        this.problems = List.copyOf(problems);
    }

    public InvalidDataFileException(String resource, String problem, Throwable cause) {
        super(message(resource, List.of(problem)), cause);
        this.resource = resource;
        this.problems = List.of(problem);
    }

    public String resource() {
        return resource;
    }

    public List<String> problems() {
        return problems;
    }

    private static String message(String resource, List<String> problems) {
        return "Invalid data file " + resource + ": " + String.join("; ", problems);
    }
}
