package org.toxwatch.advisor.alerting;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.toxwatch.ctcae.Decimals;

/**
 * What the advisor takes from {@code ae.graded.v1}, checked before anything is stored or assessed. The grader publishes
 * only events that fit the contract, but the topic is open to any producer, and what does not fit must not reach the
 * rules, the database or an alert: ids longer than their columns, a grade or status the contract does not have, values
 * of absurd size (written out, 1e999999999 is a billion digits), an explanation that would make the alert quoting it
 * too large to publish, a time in the future. Found by the hostile-input suite.
 */
final class GradedEventCheck {

    /** The columns of dose_advisor.assessed_event, graded_event_log and dose_alert. */
    static final int MAX_COURSE_ID_LENGTH = 100;
    static final int MAX_OBSERVATION_ID_LENGTH = 500;
    static final int MAX_TERM_LENGTH = 200;
    static final int MAX_SHORT_TEXT_LENGTH = 50;
    /** The grader's explanations run to a few hundred characters; an alert quotes its trigger's. */
    static final int MAX_EXPLANATION_LENGTH = 4_000;
    static final Duration MAX_AHEAD_OF_RECEIPT = Duration.ofDays(1);
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Set<String> STATUSES = Set.of("GRADED", "LOWER_BOUND", "NOT_GRADABLE", "RETRACTED");
    private static final Set<String> VERSIONS = Set.of("5.0", "6.0");

    record Refusal(String code, String detail) {
    }

    private GradedEventCheck() {
    }

    /** Empty when the advisor can take the event; {@code receivedAt} bounds its effective time. */
    static Optional<Refusal> refusal(GradedAdverseEvent e, Instant receivedAt) {
        if (e == null) {
            return Optional.of(new Refusal("MALFORMED_EVENT", "the message is the JSON null, not a graded event"));
        }
        if (e.eventId() == null || e.patientId() == null || e.term() == null || e.effectiveTime() == null
                || e.status() == null || e.explanation() == null) {
            return Optional.of(new Refusal("INCOMPLETE_EVENT",
                    "eventId, patientId, term, status, effectiveTime and explanation are required"));
        }
        if (!PATIENT_ID.matcher(e.patientId()).matches()) {
            return invalid("patientId must be a pseudonym of 1 to 64 letters, digits, '-' or '.'");
        }
        if (e.courseId() != null && (e.courseId().isBlank() || e.courseId().length() > MAX_COURSE_ID_LENGTH
                || e.courseId().chars().anyMatch(Character::isISOControl))) {
            return invalid("courseId must be 1 to " + MAX_COURSE_ID_LENGTH + " characters without control characters");
        }
        if (e.observationId() != null && e.observationId().length() > MAX_OBSERVATION_ID_LENGTH) {
            return invalid("observationId is longer than " + MAX_OBSERVATION_ID_LENGTH + " characters");
        }
        if (e.term().isBlank() || e.term().length() > MAX_TERM_LENGTH) {
            return invalid("term must be 1 to " + MAX_TERM_LENGTH + " characters");
        }
        if (!STATUSES.contains(e.status())) {
            return invalid("status '" + e.status() + "' is none of " + STATUSES);
        }
        if (e.retraction() && e.retracts() == null) {
            return invalid("a RETRACTED event names the event it withdraws in retracts");
        }
        if (e.ctcaeVersion() != null && !VERSIONS.contains(e.ctcaeVersion())) {
            return invalid("ctcaeVersion '" + e.ctcaeVersion() + "' is none of " + VERSIONS);
        }
        if (e.grade() != null && (e.grade() < 0 || e.grade() > 5)) {
            return invalid("grade " + e.grade() + " is not a CTCAE grade (0 to 5)");
        }
        if (e.cycleNumber() != null && e.cycleNumber() < 1) {
            return invalid("cycleNumber starts at 1, not " + e.cycleNumber());
        }
        if (tooLong(e.analyte()) || tooLong(e.unit())) {
            return invalid("analyte and unit have at most " + MAX_SHORT_TEXT_LENGTH + " characters");
        }
        if (e.explanation().length() > MAX_EXPLANATION_LENGTH) {
            return invalid("an explanation of " + e.explanation().length() + " characters; at most "
                    + MAX_EXPLANATION_LENGTH + " (an alert quotes it)");
        }
        if (!measurable(e.value()) || !measurable(e.lowerLimit()) || !measurable(e.upperLimit())
                || !measurable(e.baselineValue()) || !measurable(e.baselineUpperLimit())) {
            return invalid("a value, limit or baseline is not a lab measurement (10^18 or more, or non-zero below 10^-18)");
        }
        if (e.effectiveTime().isAfter(receivedAt.plus(MAX_AHEAD_OF_RECEIPT)) || e.effectiveTime().isBefore(EARLIEST)) {
            return invalid("effectiveTime " + e.effectiveTime() + " is in the future or before 1900: not a sample time");
        }
        return Optional.empty();
    }

    private static boolean tooLong(String text) {
        return text != null && text.length() > MAX_SHORT_TEXT_LENGTH;
    }

    private static boolean measurable(BigDecimal number) {
        return number == null || Decimals.isMeasurable(number);
    }

    private static Optional<Refusal> invalid(String detail) {
        return Optional.of(new Refusal("INVALID_EVENT", detail));
    }
}
