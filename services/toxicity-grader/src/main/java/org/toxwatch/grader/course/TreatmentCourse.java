package org.toxwatch.grader.course;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a {@code treatment-course.v1} message the grader needs (a tolerant reader: other fields are ignored).
 */
public record TreatmentCourse(
        String courseId,
        String patientId,
        String ctcaeVersion,
        List<PlannedCycle> cycles,
        List<BaselineValue> baselines) {

    public record PlannedCycle(int number, LocalDate plannedStart) {
    }

    /** A baseline stated by the ward, already in the analyte's canonical unit. */
    public record BaselineValue(String analyte, BigDecimal value, String unit, BigDecimal upperLimit, Instant effectiveTime) {
    }

    public TreatmentCourse {
        cycles = cycles == null ? List.of() : List.copyOf(cycles);
        baselines = baselines == null ? List.of() : List.copyOf(baselines);
        ctcaeVersion = ctcaeVersion == null ? "5.0" : ctcaeVersion;
    }

    public Optional<PlannedCycle> firstCycle() {
        return cycles.stream().min(Comparator.comparingInt(PlannedCycle::number));
    }

    /** The cycle running on a date: the latest one planned to start on or before it. */
    public Optional<PlannedCycle> cycleOn(LocalDate date) {
        return cycles.stream()
                .filter(c -> !c.plannedStart().isAfter(date))
                .max(Comparator.comparing(PlannedCycle::plannedStart));
    }

    public Optional<BaselineValue> statedBaseline(String analyte) {
        return baselines.stream().filter(b -> analyte.equals(b.analyte())).findFirst();
    }
}
