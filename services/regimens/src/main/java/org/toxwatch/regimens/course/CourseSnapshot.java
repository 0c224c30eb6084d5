package org.toxwatch.regimens.course;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rules need to know about a treatment course at the time of a finding.
 *
 * <p>{@code doseLevelByDrug} names the drugs of the course (as the course spells them, e.g. {@code sintilimab}) with their
 * current dose level: 0 is the starting dose, 1 the first reduction, and so on. Cycle look-ups take the finding's date
 * (event time), never the clock, so a replayed finding gets the same answer. {@code history} is what the caller (the
 * advisor) remembers of the course: prior occurrences and clinician-confirmed qualifiers; the rules read it, never keep it.
 */
public record CourseSnapshot(
        String courseId,
        String patientId,
        BigDecimal bodyWeightKg,
        boolean hccLiverInvolvement,
        List<PlannedCycle> cycles,
        Map<String, Integer> doseLevelByDrug,
        CourseHistory history) {

    /** A course without history: occurrences not counted (first occurrence assumed, and said), nothing confirmed. */
    public CourseSnapshot(String courseId, String patientId, BigDecimal bodyWeightKg, boolean hccLiverInvolvement,
            List<PlannedCycle> cycles, Map<String, Integer> doseLevelByDrug) {
        this(courseId, patientId, bodyWeightKg, hccLiverInvolvement, cycles, doseLevelByDrug, CourseHistory.unknown());
    }

    public CourseSnapshot {
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(patientId, "patientId");
        if (bodyWeightKg != null && bodyWeightKg.signum() <= 0) {
            throw new IllegalArgumentException("bodyWeightKg must be positive, was " + bodyWeightKg);
        }
        cycles = cycles == null ? List.of()
                : cycles.stream().sorted(Comparator.comparing(PlannedCycle::plannedStart)).toList();
        var numbers = new HashSet<Integer>();
        for (PlannedCycle cycle : cycles) {
            if (!numbers.add(cycle.number())) {
                throw new IllegalArgumentException("cycle " + cycle.number() + " is planned twice in course " + courseId);
            }
        }
        var levels = new LinkedHashMap<String, Integer>();
        if (doseLevelByDrug != null) {
            doseLevelByDrug.forEach((drug, level) -> {
                Objects.requireNonNull(drug, "drug name");
                if (level != null && level < 0) {
                    throw new IllegalArgumentException("dose level of " + drug + " must be 0 or more, was " + level);
                }
                levels.put(drug, level);
            });
        }
        // keeps the caller's order and tolerates an unknown (null) level, which the advice then reports
        doseLevelByDrug = Collections.unmodifiableMap(levels);
        history = history == null ? CourseHistory.unknown() : history;
    }

    /** The same course with {@code history}. */
    public CourseSnapshot withHistory(CourseHistory history) {
        return new CourseSnapshot(courseId, patientId, bodyWeightKg, hccLiverInvolvement, cycles, doseLevelByDrug, history);
    }

    /** The same course with {@code drug} at dose level {@code level}: the next level out becomes the current level in. */
    public CourseSnapshot withDoseLevel(String drug, int level) {
        var levels = new LinkedHashMap<>(doseLevelByDrug);
        levels.put(drug, level);
        return new CourseSnapshot(courseId, patientId, bodyWeightKg, hccLiverInvolvement, cycles, levels, history);
    }

    /** The planned cycle numbered {@code number}. */
    public Optional<PlannedCycle> cycle(int number) {
        return cycles.stream().filter(cycle -> cycle.number() == number).findFirst();
    }

    /** The cycle running on {@code date}: the latest one whose planned start is on or before that date. */
    public Optional<PlannedCycle> cycleAt(LocalDate date) {
        PlannedCycle running = null;
        for (PlannedCycle cycle : cycles) {
            if (!cycle.plannedStart().isAfter(date)) {
                running = cycle;
            }
        }
        return Optional.ofNullable(running);
    }

    /** The first cycle planned to start strictly after {@code date}. */
    public Optional<PlannedCycle> nextCycleAfter(LocalDate date) {
        return cycles.stream().filter(cycle -> cycle.plannedStart().isAfter(date)).findFirst();
    }

    /** The first cycle planned to start on or after {@code date}: a sample drawn on day 1 still precedes that cycle. */
    public Optional<PlannedCycle> nextCycleOnOrAfter(LocalDate date) {
        return cycles.stream().filter(cycle -> !cycle.plannedStart().isBefore(date)).findFirst();
    }
}
