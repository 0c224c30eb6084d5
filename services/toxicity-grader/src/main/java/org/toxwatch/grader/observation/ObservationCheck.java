package org.toxwatch.grader.observation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.toxwatch.ctcae.Decimals;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;

/**
 * What the grader takes from {@code lab.observations.normalized.v1}, checked before anything is stored or graded.
 * lab-ingest publishes only messages that pass, but the topic is open to any producer, and what does not fit the
 * contract must not reach the grading arithmetic or the database: ids longer than their columns, values of the order
 * of 10^999999999 (a billion digits when written out), an analyte no CTCAE term reads, a status the contract does not
 * have (a preliminary result must never be graded), a sample time in the future. Found by the hostile-input suite.
 */
public final class ObservationCheck {

    /** The columns of toxicity_grader.lab_result and graded_event. */
    static final int MAX_OBSERVATION_ID_LENGTH = 500;
    static final int MAX_VERSION_LENGTH = 100;
    static final int MAX_UNIT_LENGTH = 50;
    /** A single result or a blood-pressure panel's two; ten leaves room and bounds the work per message. */
    static final int MAX_RESULTS = 10;
    static final Duration MAX_AHEAD_OF_RECEIPT = Duration.ofDays(1);
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

    private static final Pattern OBSERVATION_ID = Pattern.compile("[^|]+\\|[^|]+");
    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Set<String> STATUSES = Set.of("final", "corrected", "amended", NormalizedObservation.ENTERED_IN_ERROR);
    private static final Set<String> COMPARATORS = Set.of("<", "<=", ">=", ">");
    private static final AnalyteCatalog CATALOG = AnalyteCatalog.standard();

    /** Why a message is refused: the dead-letter code and the detail. */
    public record Refusal(String code, String detail) {
    }

    private ObservationCheck() {
    }

    /** Empty when the grader can take the message; {@code receivedAt} bounds its sample time. */
    public static Optional<Refusal> refusal(NormalizedObservation o, Instant receivedAt) {
        if (o == null) {
            return Optional.of(new Refusal("MALFORMED_OBSERVATION", "the message is the JSON null, not an observation"));
        }
        if (o.observationId() == null || o.version() == null || o.patientId() == null || o.effectiveTime() == null
                || o.status() == null || !o.isRetraction() && (o.results() == null || o.results().isEmpty())) {
            return incomplete();
        }
        if (!STATUSES.contains(o.status())) {
            return Optional.of(new Refusal("UNSUPPORTED_STATUS", "status '" + o.status() + "' is none of " + STATUSES
                    + ": only final results, their corrections and retractions are graded"));
        }
        if (o.observationId().length() > MAX_OBSERVATION_ID_LENGTH || !OBSERVATION_ID.matcher(o.observationId()).matches()) {
            return invalid("observationId must be system|value of at most " + MAX_OBSERVATION_ID_LENGTH + " characters");
        }
        if (o.version().isBlank() || o.version().length() > MAX_VERSION_LENGTH || hasControl(o.version())) {
            return invalid("version must be 1 to " + MAX_VERSION_LENGTH + " characters");
        }
        if (!PATIENT_ID.matcher(o.patientId()).matches()) {
            return invalid("patientId must be a pseudonym of 1 to 64 letters, digits, '-' or '.'");
        }
        Optional<Refusal> time = time(o.effectiveTime(), "effectiveTime", receivedAt)
                .or(() -> o.issued() == null ? Optional.empty() : time(o.issued(), "issued", receivedAt));
        if (time.isPresent()) {
            return time;
        }
        if (o.isRetraction()) {
            return o.results() == null || o.results().isEmpty() ? Optional.empty()
                    : invalid("a retraction (entered-in-error) carries no results: its values are known to be wrong");
        }
        if (o.results().size() > MAX_RESULTS) {
            return invalid(o.results().size() + " results in one observation; at most " + MAX_RESULTS);
        }
        Set<String> analytes = new HashSet<>();
        for (NormalizedObservation.Result result : o.results()) {
            Optional<Refusal> problem = result(result);
            if (problem.isPresent()) {
                return problem;
            }
            if (!analytes.add(result.analyte())) {
                return invalid("two results of " + result.analyte() + " in one observation");
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> result(NormalizedObservation.Result result) {
        if (result == null || result.analyte() == null || result.value() == null || result.unit() == null) {
            return incomplete();
        }
        String analyte = result.analyte();
        boolean graded = analyte.length() <= 50 && CATALOG.byId(analyte).isPresent()
                && !AnalyteCatalog.BLOOD_PRESSURE_PANEL.equals(analyte);
        if (!graded) {
            return Optional.of(new Refusal("UNKNOWN_ANALYTE", "analyte '" + analyte + "' is not one the CTCAE terms read"));
        }
        if (result.unit().isBlank() || result.unit().length() > MAX_UNIT_LENGTH) {
            return invalid(analyte + " unit must be 1 to " + MAX_UNIT_LENGTH + " characters (the canonical UCUM unit)");
        }
        if (result.comparator() != null && !COMPARATORS.contains(result.comparator())) {
            return invalid(analyte + " comparator '" + result.comparator() + "' is none of " + COMPARATORS);
        }
        return number(result.value(), analyte + " value")
                .or(() -> limit(result.lowerLimit(), analyte + " lowerLimit"))
                .or(() -> limit(result.upperLimit(), analyte + " upperLimit"));
    }

    private static Optional<Refusal> number(BigDecimal number, String what) {
        return Decimals.isMeasurable(number) ? Optional.empty()
                : invalid(what + " is of the order of 10^" + Decimals.exponent(number) + ": not a lab measurement");
    }

    private static Optional<Refusal> limit(BigDecimal limit, String what) {
        if (limit == null) {
            return Optional.empty();
        }
        return number(limit, what).or(() -> limit.signum() < 0
                ? invalid(what + " is negative: no monitored analyte has a negative limit") : Optional.empty());
    }

    /** An input check against the clock of receipt, as lab-ingest's; grading itself runs on the sample time. */
    private static Optional<Refusal> time(Instant time, String what, Instant receivedAt) {
        if (time.isAfter(receivedAt.plus(MAX_AHEAD_OF_RECEIPT))) {
            return invalid(what + " " + time + " is more than a day after the message was received: not a sample time");
        }
        if (time.isBefore(EARLIEST)) {
            return invalid(what + " " + time + " is before " + EARLIEST + ": not a sample of a living patient");
        }
        return Optional.empty();
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    private static Optional<Refusal> incomplete() {
        return Optional.of(new Refusal("INCOMPLETE_OBSERVATION",
                "observationId, version, status, patientId, effectiveTime and results (each with analyte, value and unit)"
                        + " are required"));
    }

    private static Optional<Refusal> invalid(String detail) {
        return Optional.of(new Refusal("INVALID_OBSERVATION", detail));
    }
}
