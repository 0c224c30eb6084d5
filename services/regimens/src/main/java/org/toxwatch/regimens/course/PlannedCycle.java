package org.toxwatch.regimens.course;

import java.time.LocalDate;
import java.util.Objects;

/** One planned treatment cycle of a course; {@code plannedStart} is its day 1 on the ward calendar. */
public record PlannedCycle(int number, LocalDate plannedStart) {

    public PlannedCycle {
        if (number < 1) {
            throw new IllegalArgumentException("cycle number must be 1 or more, was " + number);
        }
        Objects.requireNonNull(plannedStart, "plannedStart");
    }
}
