package org.toxwatch.advisor.course;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.toxwatch.ctcae.Decimals;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.units.LabUnits;
import org.toxwatch.ctcae.units.NotGradableException;
import org.toxwatch.regimens.RegimenCatalog;

/**
 * Checks what bean validation cannot: drugs the rule catalog knows, weight where a dose ladder needs it, distinct
 * cycles planned between 1900 and ten years ahead, and baselines in units ToxWatch can convert, of a size a lab
 * measures. Returns the course with baselines in canonical units.
 */
@ApplicationScoped
public class CourseCheck {

    private static final BigDecimal ANY_WEIGHT = BigDecimal.valueOf(60);
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /** A course is planned months ahead, not decades (the grader's bound too). */
    static final int MAX_YEARS_AHEAD = 10;

    private final RegimenCatalog catalog;
    private final AnalyteCatalog analytes = AnalyteCatalog.standard();
    private final LabUnits units = LabUnits.standard();

    public CourseCheck(RegimenCatalog catalog) {
        this.catalog = catalog;
    }

    public record Outcome(TreatmentCourse course, List<String> problems) {
    }

    public Outcome check(TreatmentCourse course) {
        List<String> problems = new ArrayList<>();
        if (!CtcaeGrader.knownVersions().contains(course.ctcaeVersion())) {
            problems.add("ctcaeVersion " + course.ctcaeVersion() + " is not available; known: "
                    + String.join(", ", CtcaeGrader.knownVersions()));
        }
        if (course.bodyWeightKg() != null && (!Decimals.isMeasurable(course.bodyWeightKg())
                || course.bodyWeightKg().compareTo(BigDecimal.ONE) < 0)) {
            // 1e-999999999 kg is positive, and written out a billion digits long
            problems.add("bodyWeightKg must be at least 1 kg");
        }
        Set<Integer> numbers = new HashSet<>();
        LocalDate latest = LocalDate.now(ZoneOffset.UTC).plusYears(MAX_YEARS_AHEAD);
        course.cycles().forEach(c -> {
            if (!numbers.add(c.number())) {
                problems.add("cycle " + c.number() + " is listed twice");
            }
            // an input check: the grader refuses these too, so a course it could not read is never published
            if (c.plannedStart().isBefore(EARLIEST) || c.plannedStart().isAfter(latest)) {
                problems.add("cycle " + c.number() + " planned for " + c.plannedStart() + ", not between " + EARLIEST
                        + " and " + MAX_YEARS_AHEAD + " years from now");
            }
        });
        for (TreatmentCourse.CourseDrug drug : course.drugs()) {
            if (!catalog.knowsDrug(drug.drug())) {
                problems.add("drug '" + drug.drug() + "' has no rules in the catalog, so ToxWatch could not advise on it");
            } else if (course.bodyWeightKg() == null && catalog.ladder(drug.drug(), ANY_WEIGHT).isPresent()) {
                // lenvatinib's ladder starts at 12 or 8 mg by weight: without it the recommended dose would be a guess
                problems.add("bodyWeightKg is required: " + drug.drug() + " is dosed by a ladder");
            }
        }
        List<TreatmentCourse.BaselineValue> normalized = new ArrayList<>();
        for (TreatmentCourse.BaselineValue baseline : course.baselines()) {
            AnalyteDefinition analyte = analytes.byId(baseline.analyte()).orElse(null);
            if (analyte == null) {
                problems.add("baseline analyte '" + baseline.analyte() + "' is unknown");
                continue;
            }
            try {
                normalized.add(new TreatmentCourse.BaselineValue(analyte.id(),
                        units.normalize(baseline.value(), baseline.unit(), analyte).value(),
                        analyte.ucumUnit(),
                        baseline.upperLimit() == null ? null
                                : units.normalize(baseline.upperLimit(), baseline.unit(), analyte).value(),
                        baseline.effectiveTime()));
            } catch (NotGradableException e) {
                // a unit ToxWatch cannot convert, or a value no lab measures (10^18 and beyond)
                problems.add("baseline " + baseline.analyte() + ": " + e.getMessage());
            }
            if (baseline.effectiveTime() != null && (baseline.effectiveTime().isBefore(EARLIEST.atStartOfDay(ZoneOffset.UTC)
                    .toInstant()) || baseline.effectiveTime().isAfter(Instant.now().plus(Duration.ofDays(1))))) {
                problems.add("baseline " + baseline.analyte() + " taken at " + baseline.effectiveTime()
                        + ": before 1900 or in the future");
            }
        }
        return new Outcome(course.withBaselines(List.copyOf(normalized)), List.copyOf(problems));
    }
}
