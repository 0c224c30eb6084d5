package org.toxwatch.advisor.course;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A patient's treatment course: the {@code treatment-course.v1} message and the REST resource. */
@Schema(description = "A treatment course; see contracts/schemas/treatment-course.v1.schema.json")
public record TreatmentCourse(
        @NotBlank @Size(max = MAX_ID_LENGTH) @Pattern(regexp = "[^\\p{Cntrl}]*") String courseId,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9\\-.]{1,64}")
        @Schema(description = "pseudonymous patient id; never a name or MRN") String patientId,
        @NotBlank @Size(max = 500) String regimen,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}")
        @Schema(description = "ward or unit the patient is treated on, for ward dashboards (optional)") String ward,
        @Schema(defaultValue = "5.0") String ctcaeVersion,
        @Positive @DecimalMax("500") @Schema(description = "actual body weight, kg; decides weight-based starting doses") BigDecimal bodyWeightKg,
        @Schema(defaultValue = "true") Boolean hccLiverInvolvement,
        @NotEmpty @Size(max = MAX_CYCLES) List<@Valid @NotNull PlannedCycle> cycles,
        @NotEmpty @Size(max = MAX_DRUGS) List<@Valid @NotNull CourseDrug> drugs,
        @Size(max = MAX_BASELINES) List<@Valid @NotNull BaselineValue> baselines) {

    /** The columns of treatment_course and dose_alert. */
    static final int MAX_ID_LENGTH = 100;
    /** Years of weekly cycles; bounds (as the grader's) what every graded event reads. */
    static final int MAX_CYCLES = 200;
    static final int MAX_DRUGS = 20;
    static final int MAX_BASELINES = 50;

    public record PlannedCycle(@Positive @Max(MAX_CYCLES * 10) int number, @NotNull LocalDate plannedStart) {
    }

    /** A drug of the regimen and its current dose level: 0 = starting dose, 1 = first reduction, ... */
    public record CourseDrug(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,99}") String drug,
            @PositiveOrZero @Max(20) int doseLevel) {
    }

    /** A pre-treatment value stated by the ward; stored in the analyte's canonical unit. */
    public record BaselineValue(@NotBlank @Size(max = 50) String analyte, @NotNull BigDecimal value,
            @NotBlank @Size(max = 64) String unit, BigDecimal upperLimit, Instant effectiveTime) {
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
