package org.toxwatch.advisor.course;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.units.LabUnits;
import org.toxwatch.ctcae.units.UnitNotGradableException;
import org.toxwatch.regimens.RegimenCatalog;

/**
 * Checks what bean validation cannot: drugs the rule catalog knows, weight where a dose ladder needs it, distinct
 * cycles, and baselines in units ToxWatch can convert. Returns the course with baselines in canonical units.
 */
@ApplicationScoped
public class CourseCheck {

    private static final BigDecimal ANY_WEIGHT = BigDecimal.valueOf(60);

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
        Set<Integer> numbers = new HashSet<>();
        course.cycles().forEach(c -> {
            if (!numbers.add(c.number())) {
                problems.add("cycle " + c.number() + " is listed twice");
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
            } catch (UnitNotGradableException e) {
                problems.add("baseline " + baseline.analyte() + ": " + e.getMessage());
            }
        }
        return new Outcome(course.withBaselines(List.copyOf(normalized)), List.copyOf(problems));
    }
}
