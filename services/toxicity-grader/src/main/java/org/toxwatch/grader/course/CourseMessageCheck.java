package org.toxwatch.grader.course;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.toxwatch.ctcae.Decimals;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;

/**
 * What the grader takes from {@code treatment.courses.v1}, checked before it is stored. The dose-advisor, the topic's
 * single writer, checks courses far more closely; this guards the grader against what any other producer could put on
 * the topic: ids longer than their columns, cycle dates no calendar or database holds, tens of thousands of cycles
 * read on every observation, baselines of absurd size. Found by the hostile-input suite.
 */
public final class CourseMessageCheck {

    /** The columns of toxicity_grader.treatment_course. */
    static final int MAX_COURSE_ID_LENGTH = 100;
    /** Years of weekly cycles; every observation of the patient reads them all. */
    static final int MAX_CYCLES = 200;
    static final int MAX_BASELINES = 50;
    static final int MAX_UNIT_LENGTH = 50;
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /** A course is planned months ahead, not decades. */
    static final int MAX_YEARS_AHEAD = 10;

    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final AnalyteCatalog CATALOG = AnalyteCatalog.standard();

    /** Why a message is refused: the dead-letter code and the detail. */
    public record Refusal(String code, String detail) {
    }

    private CourseMessageCheck() {
    }

    /** Empty when the grader can store the course; {@code receivedAt} bounds how far ahead it may be planned. */
    public static Optional<Refusal> refusal(TreatmentCourse course, Instant receivedAt) {
        if (course == null) {
            return Optional.of(new Refusal("MALFORMED_COURSE", "the message is the JSON null, not a course"));
        }
        if (course.courseId() == null || course.courseId().isBlank() || course.patientId() == null
                || course.cycles().isEmpty() || course.cycles().stream().anyMatch(c -> c == null || c.plannedStart() == null)) {
            return Optional.of(new Refusal("INCOMPLETE_COURSE",
                    "courseId, patientId and at least one planned cycle (number and plannedStart) are required"));
        }
        if (course.courseId().length() > MAX_COURSE_ID_LENGTH || course.courseId().chars().anyMatch(Character::isISOControl)) {
            return invalid("courseId must be 1 to " + MAX_COURSE_ID_LENGTH + " characters without control characters");
        }
        if (!PATIENT_ID.matcher(course.patientId()).matches()) {
            return invalid("patientId must be a pseudonym of 1 to 64 letters, digits, '-' or '.'");
        }
        if (course.cycles().size() > MAX_CYCLES) {
            return invalid(course.cycles().size() + " planned cycles; at most " + MAX_CYCLES);
        }
        LocalDate latest = receivedAt.atZone(ZoneOffset.UTC).toLocalDate().plusYears(MAX_YEARS_AHEAD);
        Set<Integer> numbers = new HashSet<>();
        for (TreatmentCourse.PlannedCycle cycle : course.cycles()) {
            if (cycle.number() < 1 || !numbers.add(cycle.number())) {
                return invalid("cycle numbers start at 1 and are listed once; " + cycle.number() + " is not");
            }
            if (cycle.plannedStart().isBefore(EARLIEST) || cycle.plannedStart().isAfter(latest)) {
                return invalid("cycle " + cycle.number() + " planned for " + cycle.plannedStart() + ", not between "
                        + EARLIEST + " and " + MAX_YEARS_AHEAD + " years from now");
            }
        }
        if (course.baselines().size() > MAX_BASELINES) {
            return invalid(course.baselines().size() + " baselines; at most " + MAX_BASELINES);
        }
        for (TreatmentCourse.BaselineValue baseline : course.baselines()) {
            Optional<Refusal> problem = baseline(baseline, receivedAt);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> baseline(TreatmentCourse.BaselineValue baseline, Instant receivedAt) {
        if (baseline == null || baseline.analyte() == null || baseline.value() == null || baseline.unit() == null) {
            return Optional.of(new Refusal("INCOMPLETE_COURSE", "each baseline needs analyte, value and unit"));
        }
        if (baseline.analyte().length() > 50 || CATALOG.byId(baseline.analyte()).isEmpty()) {
            return invalid("baseline analyte '" + baseline.analyte() + "' is unknown");
        }
        if (baseline.unit().isBlank() || baseline.unit().length() > MAX_UNIT_LENGTH) {
            return invalid("baseline " + baseline.analyte() + " unit must be 1 to " + MAX_UNIT_LENGTH + " characters");
        }
        if (!Decimals.isMeasurable(baseline.value()) || !measurableLimit(baseline.upperLimit())) {
            return invalid("baseline " + baseline.analyte() + " value or upperLimit is not a lab measurement (order of 10^"
                    + Decimals.exponent(baseline.value()) + ", or a negative or absurd limit)");
        }
        Instant at = baseline.effectiveTime();
        if (at != null && (at.isBefore(EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())
                || at.isAfter(receivedAt.plusSeconds(86_400)))) {
            return invalid("baseline " + baseline.analyte() + " taken at " + at + ": before 1900 or in the future");
        }
        return Optional.empty();
    }

    private static boolean measurableLimit(BigDecimal limit) {
        return limit == null || Decimals.isMeasurable(limit) && limit.signum() >= 0;
    }

    private static Optional<Refusal> invalid(String detail) {
        return Optional.of(new Refusal("INVALID_COURSE", detail));
    }
}
