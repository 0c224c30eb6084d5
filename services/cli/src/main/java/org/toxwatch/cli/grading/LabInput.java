package org.toxwatch.cli.grading;

/**
 * One unit of batch input, as an input format hands it to {@link BatchGrading}: a CSV row of stated values, a FHIR
 * Observation, or a piece of input that could not be read, which still yields a NOT_GRADABLE result.
 */
public sealed interface LabInput permits LabRow, LabObservation, RejectedInput {

    /** 1-based position in the input file: the data row of a CSV, the entry of a Bundle. */
    int row();

    /** The identifier echoed into every result; empty when the input gave none. */
    String id();
}
