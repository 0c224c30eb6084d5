package org.toxwatch.regimens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.toxwatch.regimens.Courses.course;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.course.PlannedCycle;

/** Cycle look-ups by event date (cycles planned 2026-01-05, 2026-01-26, 2026-02-16). */
class CourseSnapshotTest {

    private final CourseSnapshot course = course("60", true, "lenvatinib", 0);

    @ParameterizedTest(name = "{0}: running {1}, next after {2}, next on or after {3}")
    @CsvSource({
            "2026-01-04, 0, 1, 1",
            "2026-01-05, 1, 2, 1",
            "2026-01-25, 1, 2, 2",
            "2026-01-26, 2, 3, 2",
            "2026-02-16, 3, 0, 3",
            "2026-03-30, 3, 0, 0"})
    void cyclesAreFoundByTheFindingsDate(LocalDate date, int running, int nextAfter, int nextOnOrAfter) {
        assertEquals(number(running), course.cycleAt(date).map(PlannedCycle::number));
        assertEquals(number(nextAfter), course.nextCycleAfter(date).map(PlannedCycle::number));
        assertEquals(number(nextOnOrAfter), course.nextCycleOnOrAfter(date).map(PlannedCycle::number));
    }

    @org.junit.jupiter.api.Test
    void cyclesGivenOutOfOrderAreSortedByPlannedStart() {
        var shuffled = new CourseSnapshot("c", "p", null, false, List.of(
                new PlannedCycle(2, LocalDate.parse("2026-01-26")), new PlannedCycle(1, LocalDate.parse("2026-01-05"))),
                Map.of());

        assertEquals(List.of(1, 2), shuffled.cycles().stream().map(PlannedCycle::number).toList());
    }

    @org.junit.jupiter.api.Test
    void inconsistentCoursesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CourseSnapshot("c", "p", null, false, List.of(
                new PlannedCycle(1, LocalDate.parse("2026-01-05")), new PlannedCycle(1, LocalDate.parse("2026-01-26"))),
                Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new CourseSnapshot("c", "p", BigDecimal.ZERO, false, List.of(), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new CourseSnapshot("c", "p", null, false, List.of(), Map.of("lenvatinib", -1)));
    }

    private static Optional<Integer> number(int cycle) {
        return cycle == 0 ? Optional.empty() : Optional.of(cycle);
    }
}
