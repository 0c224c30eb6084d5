package org.toxwatch.grader.symptom;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The {@code symptom-report.v1} message: a reported CTCAE grade for a symptom term. */
public record SymptomReport(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9\\-._:]{1,100}") String reportId,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9\\-.]{1,64}") String patientId,
        @NotNull Instant assessedAt,
        @NotBlank String term,
        @NotNull @Min(0) @Max(5) Integer grade,
        @NotNull ReporterRole reporterRole) {

    public enum ReporterRole {
        nurse, oncologist, pharmacist, patient
    }

    /** Graded events of a report use this as their observation id. */
    public String observationId() {
        return "urn:toxwatch:symptom-report|" + reportId;
    }
}
