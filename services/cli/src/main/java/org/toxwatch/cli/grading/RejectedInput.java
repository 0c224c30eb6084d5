package org.toxwatch.cli.grading;

/**
 * Input that could not be read as a lab value (a bad number, a wrong column count, a Bundle entry that is not an
 * Observation). It becomes a NOT_GRADABLE result carrying the reason, never a silent gap.
 *
 * @param term the term the input named, when it named one; null otherwise
 */
public record RejectedInput(int row, String id, String term, String reason) implements LabInput {

    public RejectedInput {
        id = id == null ? "" : id;
    }
}
