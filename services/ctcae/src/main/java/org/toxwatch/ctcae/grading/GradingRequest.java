package org.toxwatch.ctcae.grading;

import java.util.List;
import java.util.Map;

/**
 * What one observation brings to grading: its measurements (one per analyte; a blood-pressure panel brings two),
 * the patient's baselines by analyte id, and whether this observation is itself the baseline sample.
 *
 * @param baselineSample true when this observation IS the baseline: it is graded against ULN, never against itself
 *                       (CRITERIA.md A10, admiral issue #2512)
 */
public record GradingRequest(List<Measurement> measurements, Map<String, Baseline> baselinesByAnalyte,
                             boolean baselineSample) {

    public GradingRequest {
        measurements = List.copyOf(measurements);
        baselinesByAnalyte = baselinesByAnalyte == null ? Map.of() : Map.copyOf(baselinesByAnalyte);
        baselinesByAnalyte.forEach((analyte, baseline) -> {
            if (!analyte.equals(baseline.analyte())) {
                throw new IllegalArgumentException("baseline filed under " + analyte + " is of " + baseline.analyte());
            }
        });
    }

    /** Measurements without baselines, not a baseline sample. */
    public static GradingRequest of(Measurement... measurements) {
        return new GradingRequest(List.of(measurements), Map.of(), false);
    }
}
