package org.toxwatch.labingest.normalization;

import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.INVALID_VALUE;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.UNIT_NOT_GRADABLE;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.UNREADABLE_RESULT;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.toxwatch.ctcae.units.LabUnits;

/**
 * What a lab can plausibly send, checked before any arithmetic or storage. Beyond these bounds the decimal and UCUM
 * libraries spend unbounded time or memory (1e999999999 written out is a billion digits; UCUM works out 10*999 digit
 * by digit, under a lock every observation needs), and over-long ids do not fit their columns. Found by the
 * hostile-input suite (HostileObservationSuiteTest).
 */
public final class PlausibilityCheck {

    /**
     * No analyser reports a value, or a limit, of 10^18 or more, nor a non-zero one below 10^-18, in any unit. A bound on
     * the arithmetic only: whether a value is clinically plausible is the grading engine's call (each analyte's
     * plausible range gives NOT_GRADABLE, with the reason).
     */
    static final int MAX_DECIMAL_EXPONENT = 18;
    /** The longest spelling in the unit alias table is 16 characters; UCUM codes of lab units are shorter still. */
    public static final int MAX_UNIT_LENGTH = LabUnits.MAX_UNIT_LENGTH;
    /** Lab units raise to at most 10*12; 30 keeps every UCUM conversion within a few milliseconds. */
    static final int MAX_UNIT_EXPONENT_SUM = LabUnits.MAX_UNIT_EXPONENT_SUM;
    /** Text results are readings such as "2+" or "trace", or a number written as text. */
    public static final int MAX_TEXT_RESULT_LENGTH = 64;
    /** The columns of lab_ingest.received_observation. */
    public static final int MAX_OBSERVATION_ID_LENGTH = 500;
    public static final int MAX_VERSION_LENGTH = 100;
    public static final int MAX_PATIENT_ID_LENGTH = 100;
    /** Clock skew and a lab that stamps local time as UTC stay within a day. */
    public static final Duration MAX_AHEAD_OF_RECEIPT = Duration.ofDays(1);
    /** 2026-01-26T07:30:00.123456789+05:30 and then some. */
    static final int MAX_DATE_TIME_LENGTH = 40;
    /** No sample of a living patient is older than this. */
    public static final Instant EARLIEST_SAMPLE = Instant.parse("1900-01-01T00:00:00Z");

    private PlausibilityCheck() {
    }

    /** A number the lab reported, checked from its digits and exponent only (never written out first). */
    public static void number(BigDecimal number, String what) {
        if (number.signum() == 0) {
            return;
        }
        // the exponent of the leading digit: 1234.5 -> 3, 0.0012 -> -3
        long exponent = (long) number.precision() - number.scale() - 1;
        if (exponent >= MAX_DECIMAL_EXPONENT || exponent < -MAX_DECIMAL_EXPONENT) {
            throw new RejectedObservation(INVALID_VALUE, what + " is of the order of 10^" + exponent
                    + ", outside 10^-" + MAX_DECIMAL_EXPONENT + " to 10^" + MAX_DECIMAL_EXPONENT + ": not a lab measurement");
        }
    }

    /** A reference limit: a number as above, and not negative, as no value of a monitored analyte is. */
    public static void limit(BigDecimal limit, String what) {
        number(limit, what);
        if (limit.signum() < 0) {
            throw new RejectedObservation(INVALID_VALUE, what + " is negative (" + limit.toPlainString()
                    + "): no monitored analyte has a negative limit");
        }
    }

    /**
     * A full date-time with a UTC offset, as the contract's schema requires. The FHIR parser is lenient: it reads
     * "2026-01-26T07:30:00Zjunk" as 07:30 and a bare date as midnight in the server's zone, both guesses.
     */
    public static void fullDateTime(String written, String what) {
        boolean full = written != null && written.length() <= MAX_DATE_TIME_LENGTH;
        if (full) {
            try {
                OffsetDateTime.parse(written);
            } catch (DateTimeParseException e) {
                full = false;
            }
        }
        if (!full) {
            throw new RejectedObservation(INVALID_VALUE, what + " '" + written + "' is not a full date-time with a UTC"
                    + " offset (such as 2026-01-26T07:30:00Z)");
        }
    }

    /** A unit spelling short enough and with small enough powers for UCUM to convert at once. */
    public static void unit(String unit, String what) {
        if (unit == null) {
            return;
        }
        if (unit.length() > MAX_UNIT_LENGTH) {
            throw new RejectedObservation(UNIT_NOT_GRADABLE, what + " unit is " + unit.length()
                    + " characters long; lab units have at most " + MAX_UNIT_LENGTH);
        }
        int exponents = exponentSum(unit);
        if (exponents > MAX_UNIT_EXPONENT_SUM) {
            throw new RejectedObservation(UNIT_NOT_GRADABLE, what + " unit '" + unit + "' raises to powers adding up to "
                    + exponents + "; lab units need at most " + MAX_UNIT_EXPONENT_SUM);
        }
    }

    /** A result written as text: a reading or a number, never an essay. */
    public static void text(String text, String what) {
        if (text.length() > MAX_TEXT_RESULT_LENGTH) {
            throw new RejectedObservation(UNREADABLE_RESULT, what + " is a text of " + text.length()
                    + " characters; a reading has at most " + MAX_TEXT_RESULT_LENGTH);
        }
    }

    /** An id that is stored and used as a record key: bounded, and free of control characters. */
    public static void id(String id, int maxLength, String what) {
        if (id.length() > maxLength) {
            throw new RejectedObservation(INVALID_VALUE, what + " is " + id.length() + " characters long; at most "
                    + maxLength + " are accepted");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new RejectedObservation(INVALID_VALUE, what + " contains control characters");
        }
    }

    /**
     * The sample time against the time the result arrived. Input validation only: grading still runs on the sample
     * time. A result dated in the future, or before any living patient's birth, is a lab-system error that would
     * otherwise stand as the newest (or oldest, baseline) value of its analyte for ever.
     */
    public static void sampleTime(Instant effective, Instant received) {
        if (effective.isAfter(received.plus(MAX_AHEAD_OF_RECEIPT))) {
            throw new RejectedObservation(INVALID_VALUE, "effectiveDateTime " + effective + " is more than "
                    + MAX_AHEAD_OF_RECEIPT.toHours() + " h after the result was received (" + received
                    + "): a sample is not taken in the future");
        }
        if (effective.isBefore(EARLIEST_SAMPLE)) {
            throw new RejectedObservation(INVALID_VALUE, "effectiveDateTime " + effective + " is before "
                    + EARLIEST_SAMPLE + ": not a sample of a living patient");
        }
    }

    /** The powers a UCUM expression raises to, added up, as the ctcae core counts them ({@link LabUnits#exponentSum}). */
    static int exponentSum(String unit) {
        return LabUnits.exponentSum(unit);
    }
}
