package org.toxwatch.grader.symptom;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.pro.AnswersRefusedException;
import org.toxwatch.ctcae.pro.ProCtcae;
import org.toxwatch.ctcae.pro.ProCtcaeAnswers;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code symptom-report.v1} message: either a reported CTCAE grade for a symptom term ({@code term} + {@code grade}),
 * or the patient's answers to a PRO-CTCAE item ({@code proCtcae}), from which a CTCAE grade is suggested.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SymptomReport(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9\\-._:]{1,100}") String reportId,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9\\-.]{1,64}") String patientId,
        @NotNull Instant assessedAt,
        @Size(max = MAX_TERM_LENGTH) String term,
        @Min(0) @Max(5) Integer grade,
        @NotNull ReporterRole reporterRole,
        @Valid ProCtcaeReport proCtcae) {

    static final Duration MAX_AHEAD_OF_RECEIPT = Duration.ofDays(1);
    /** As the contract's schema says; CTCAE's longest term is far shorter. */
    static final int MAX_TERM_LENGTH = 200;
    static final Instant EARLIEST_ASSESSMENT = Instant.parse("1900-01-01T00:00:00Z");
    /** Scores are 0 to 4; anything of the order of 10^10 or beyond is refused before it is written out. */
    private static final int MAX_SCORE_EXPONENT = 10;

    public enum ReporterRole {
        nurse, oncologist, pharmacist, patient
    }

    /** The patient's answers to one PRO-CTCAE item; scores are checked by the CTCAE core, not here. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProCtcaeReport(@NotBlank String item, @NotNull Map<String, BigDecimal> answers, String recallPeriod) {
    }

    /** Graded events of a report use this as their observation id. */
    public String observationId() {
        return "urn:toxwatch:symptom-report|" + reportId;
    }

    @JsonIgnore
    @AssertTrue(message = "a report carries either term and grade (a CTCAE grade) or proCtcae (PRO-CTCAE answers)")
    public boolean isOneForm() {
        boolean ctcae = term != null || grade != null;
        return proCtcae == null ? term != null && !term.isBlank() && grade != null : !ctcae;
    }

    /**
     * Input validation against the machine clock, as lab-ingest does for sample times; grading still runs on
     * assessedAt. A report assessed in the future, or before any living patient was born, is an entry error, and a
     * time beyond year 999,999,999 cannot even be placed in the clinic's calendar.
     */
    @JsonIgnore
    @AssertTrue(message = "assessedAt must be when the patient was assessed: at most a day after now, and not before 1900")
    public boolean isAssessedAtPlausible() {
        return assessedAt == null // @NotNull says so
                || !assessedAt.isAfter(Instant.now().plus(MAX_AHEAD_OF_RECEIPT)) && !assessedAt.isBefore(EARLIEST_ASSESSMENT);
    }

    @JsonIgnore
    @AssertTrue(message = "PRO-CTCAE answers are the patient's own, so reporterRole must be patient")
    public boolean isPatientsOwnAnswers() {
        return proCtcae == null || reporterRole == ReporterRole.patient;
    }

    /**
     * Refuses, before anything is stored or published, PRO-CTCAE answers that can never become a graded event: an
     * unknown item, answers the item cannot have, an item whose CTCAE term ToxWatch does not grade. A CTCAE-grade
     * report passes (its term is checked against the patient's version later).
     *
     * @throws AnswersRefusedException with the reason code
     */
    public void requireUsableAnswers() {
        if (proCtcae != null) {
            proCtcae.answers().forEach((attribute, score) -> {
                // the scale check writes an off-scale score out in full: 1e999999999 would be a billion digits
                if (score != null && Math.abs((long) score.precision() - score.scale() - 1) > MAX_SCORE_EXPONENT) {
                    throw new AnswersRefusedException(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS,
                            "answer '" + attribute + "' is " + score + ", not a score on a 0-4 scale");
                }
            });
            ProCtcae.standard().check(answers());
        }
    }

    /**
     * How the report grades under a CTCAE version: a reported grade is checked against NCI's grades for the term; PRO-CTCAE
     * answers give a suggested grade whose explanation names the composite row and that the patient reported it.
     *
     * @throws IllegalArgumentException for a term the version does not have (AnswersRefusedException for PRO-CTCAE)
     */
    public Grading gradeWith(CtcaeGrader grader) {
        if (proCtcae == null) {
            return grader.gradeReported(term, grade);
        }
        Grading suggested = ProCtcae.standard().suggest(answers(), grader);
        return new Grading(suggested.term(), suggested.ctcaeVersion(), suggested.grade(), suggested.status(),
                suggested.analyte(), suggested.value(), suggested.unit(), suggested.lowerLimit(), suggested.upperLimit(),
                suggested.baseline(), suggested.band(), suggested.explanation() + " Reported by: " + reporterRole
                        + " (PRO-CTCAE self-report).");
    }

    /** As {@link #gradeWith}, but empty for a CTCAE term the version does not have. */
    public Optional<Grading> checkWith(CtcaeGrader grader) {
        if (proCtcae == null) {
            return grader.term(term).map(t -> grader.gradeReported(t.term(), grade));
        }
        return Optional.of(gradeWith(grader));
    }

    private ProCtcaeAnswers answers() {
        return ProCtcaeAnswers.read(proCtcae.item(), proCtcae.answers(), proCtcae.recallPeriod());
    }
}
