package org.toxwatch.dashboard.patients;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.toxwatch.dashboard.alerts.AlertDetail;

/** One patient on one page: courses with dose levels and worst grades, lab series with grade bands, alert timeline. */
public record PatientView(
        String patientId,
        @Schema(description = "the ward of the patient's most recently published course") String ward,
        List<Course> courses,
        List<LabSeries> labs,
        @Schema(description = "every alert of the patient with its transitions, oldest first") List<AlertDetail> alerts) {

    public record Course(String courseId, String regimen, String ctcaeVersion, String ward, List<Cycle> cycles,
            @Schema(description = "each drug's dose level from the course version that first carried it") List<DoseStep> doseHistory,
            @Schema(description = "per cycle and term, the worst grade of the results standing now") List<WorstGrade> worstGradePerCycle) {
    }

    public record Cycle(int number, String plannedStart) {
    }

    public record DoseStep(String drug, int level,
            @Schema(description = "when the course version with this level was published") Instant since) {
    }

    public record WorstGrade(int cycle, String term, int grade) {
    }

    public record LabSeries(String term, String analyte, String unit, List<Point> points,
            @Schema(description = "CTCAE grade bands from the latest point's limits; empty when they cannot be placed") List<GradeBands.Band> bands,
            @Schema(description = "what the bands are measured against, e.g. 'ULN 40 U/L' or 'baseline 95 U/L (above ULN)'") String bandsMeasuredAgainst) {
    }

    public record Point(Instant effectiveTime, BigDecimal value, Integer grade,
            @Schema(description = "GRADED, LOWER_BOUND or NOT_GRADABLE") String status, Integer cycleNumber,
            BigDecimal lowerLimit, BigDecimal upperLimit) {
    }
}
