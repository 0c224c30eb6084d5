package org.toxwatch.advisor.course;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A patient's treatment course: the {@code treatment-course.v1} message and the REST resource. */
@Schema(description = "A treatment course; see contracts/schemas/treatment-course.v1.schema.json")
public record TreatmentCourse(
        @NotBlank String courseId,
        @NotBlank @Schema(description = "pseudonymous patient id; never a name or MRN") String patientId,
        @NotBlank String regimen,
        @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}")
        @Schema(description = "ward or unit the patient is treated on, for ward dashboards (optional)") String ward,
        @Schema(defaultValue = "5.0") String ctcaeVersion,
        @Positive @Schema(description = "actual body weight, kg; decides weight-based starting doses") BigDecimal bodyWeightKg,
        @Schema(defaultValue = "true") Boolean hccLiverInvolvement,
        @NotEmpty List<@Valid @NotNull PlannedCycle> cycles,
        @NotEmpty List<@Valid @NotNull CourseDrug> drugs,
        List<@Valid @NotNull BaselineValue> baselines) {

    public record PlannedCycle(@Positive int number, @NotNull LocalDate plannedStart) {
    }

    /** A drug of the regimen and its current dose level: 0 = starting dose, 1 = first reduction, ... */
    public record CourseDrug(@NotBlank String drug, @PositiveOrZero int doseLevel) {
    }

    /** A pre-treatment value stated by the ward; stored in the analyte's canonical unit. */
    public record BaselineValue(@NotBlank String analyte, @NotNull BigDecimal value, @NotBlank String unit,
            BigDecimal upperLimit, Instant effectiveTime) {
    }

    public TreatmentCourse {
        ctcaeVersion = ctcaeVersion == null ? "5.0" : ctcaeVersion;
        hccLiverInvolvement = hccLiverInvolvement == null ? Boolean.TRUE : hccLiverInvolvement;
        baselines = baselines == null ? List.of() : baselines;
    }

    public TreatmentCourse withBaselines(List<BaselineValue> normalized) {
        return new TreatmentCourse(courseId, patientId, regimen, ward, ctcaeVersion, bodyWeightKg, hccLiverInvolvement, cycles,
                drugs, normalized);
    }
}
