package org.toxwatch.grader.symptom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.toxwatch.ctcae.pro.AnswersRefusedException;
import org.toxwatch.grader.config.ExactNumbersJson;
import org.toxwatch.grader.symptom.SymptomReport.ProCtcaeReport;
import org.toxwatch.grader.symptom.SymptomReport.ReporterRole;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Regressions found by the hostile-input suite (HostileSymptomReportSuiteTest): inputs that exhausted the heap, failed
 * with a 500, or were silently bent into a valid report.
 */
class SymptomReportInputTest {

    private static final String VALID = """
            {"reportId": "r-1", "patientId": "p-1", "assessedAt": "2026-02-04T10:15:00Z", "term": "Vomiting",
             "grade": %s, "reporterRole": %s}""";

    private final ObjectMapper json = customized();

    @Test
    void aScoreWithAHugeExponentIsRefusedBeforeTheScaleCheckWritesItOut() {
        for (String score : new String[] {"1e999999999", "-1e999999999", "1e-999999999"}) {
            SymptomReport report = proReport(Map.of("frequency", new BigDecimal(score), "severity", BigDecimal.ONE));
            AnswersRefusedException refused = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> org.junit.jupiter.api.Assertions.assertThrows(AnswersRefusedException.class,
                            report::requireUsableAnswers));
            assertThat(refused.reason()).isEqualTo(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS);
            assertThat(refused.getMessage()).hasSizeLessThan(200);
        }
        // an ordinary off-scale score still gets the core's own message
        assertThatThrownBy(() -> proReport(Map.of("frequency", new BigDecimal("5"), "severity", BigDecimal.ONE))
                .requireUsableAnswers()).isInstanceOf(AnswersRefusedException.class);
    }

    @Test
    void anAssessmentTimeAfterTomorrowOrBefore1900IsNotPlausible() {
        // Instant.MAX cannot even be placed in the clinic's calendar: it used to fail with a 500
        assertThat(at(Instant.parse("+1000000000-12-31T23:59:59Z")).isAssessedAtPlausible()).isFalse();
        assertThat(at(Instant.now().plus(Duration.ofDays(2))).isAssessedAtPlausible()).isFalse();
        assertThat(at(Instant.parse("1899-12-31T23:59:59Z")).isAssessedAtPlausible()).isFalse();
        assertThat(at(Instant.now().plus(Duration.ofHours(1))).isAssessedAtPlausible()).isTrue();
        assertThat(at(Instant.parse("2026-02-04T10:15:00Z")).isAssessedAtPlausible()).isTrue();
    }

    @Test
    void valuesAreNotBentToFitTheirFields() throws Exception {
        assertThat(json.readValue(VALID.formatted("3", "\"nurse\""), SymptomReport.class).grade()).isEqualTo(3);
        // 3.5 used to become 3, a role given by position a role, false a patient id, "3" a grade
        assertThatThrownBy(() -> json.readValue(VALID.formatted("3.5", "\"nurse\""), SymptomReport.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue(VALID.formatted("3", "3"), SymptomReport.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue(VALID.formatted("\"3\"", "\"nurse\""), SymptomReport.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue(VALID.formatted("3", "\"nurse\"").replace("\"p-1\"", "false"),
                SymptomReport.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue(VALID.formatted("3", "\"nurse\"").replace("\"r-1\"", "42"),
                SymptomReport.class)).isInstanceOf(MismatchedInputException.class);
    }

    private static SymptomReport proReport(Map<String, BigDecimal> answers) {
        return new SymptomReport("r-1", "p-1", Instant.parse("2026-02-05T12:45:00Z"), null, null, ReporterRole.patient,
                new ProCtcaeReport("nausea", answers, null));
    }

    private static SymptomReport at(Instant assessedAt) {
        return new SymptomReport("r-1", "p-1", assessedAt, "Vomiting", 3, ReporterRole.nurse, null);
    }

    private static ObjectMapper customized() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new ExactNumbersJson().customize(mapper);
        return mapper;
    }
}
