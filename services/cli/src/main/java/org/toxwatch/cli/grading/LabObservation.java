package org.toxwatch.cli.grading;

import java.util.List;

/**
 * One lab Observation: a single coded value, or the components of a panel (systolic and diastolic pressure), each
 * with its own LOINC code, unit and reference range.
 */
public record LabObservation(int row, String id, List<LabReading> readings) implements LabInput {

    public LabObservation {
        id = id == null ? "" : id;
        readings = List.copyOf(readings);
    }
}
