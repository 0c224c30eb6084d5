package org.toxwatch.regimens;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.course.PlannedCycle;

/** Courses for the tests: three three-weekly cycles starting 2026-01-05, 2026-01-26 and 2026-02-16. */
final class Courses {

    static final LocalDate CYCLE_1 = LocalDate.parse("2026-01-05");
    static final LocalDate CYCLE_2 = LocalDate.parse("2026-01-26");
    static final LocalDate CYCLE_3 = LocalDate.parse("2026-02-16");

    private Courses() {
    }

    /** The course with prior occurrences counted ({@code drug, family, count} triples) and qualifiers confirmed. */
    static CourseSnapshot withHistory(CourseSnapshot course, Object[] occurrences, String... confirmed) {
        var counts = new java.util.HashMap<org.toxwatch.regimens.course.OccurrenceKey, Integer>();
        for (int i = 0; i < occurrences.length; i += 3) {
            counts.put(new org.toxwatch.regimens.course.OccurrenceKey((String) occurrences[i], (String) occurrences[i + 1]),
                    (Integer) occurrences[i + 2]);
        }
        return course.withHistory(org.toxwatch.regimens.course.CourseHistory.counted(counts).confirming(confirmed));
    }

    static CourseSnapshot course(String bodyWeightKg, boolean hccLiverInvolvement, Object... drugsAndLevels) {
        var levels = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < drugsAndLevels.length; i += 2) {
            levels.put((String) drugsAndLevels[i], (Integer) drugsAndLevels[i + 1]);
        }
        return new CourseSnapshot("course-001", "p-7f3a", bodyWeightKg == null ? null : new BigDecimal(bodyWeightKg),
                hccLiverInvolvement,
                List.of(new PlannedCycle(1, CYCLE_1), new PlannedCycle(2, CYCLE_2), new PlannedCycle(3, CYCLE_3)),
                levels);
    }
}
