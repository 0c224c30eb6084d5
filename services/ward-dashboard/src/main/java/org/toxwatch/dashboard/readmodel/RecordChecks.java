package org.toxwatch.dashboard.readmodel;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the read model takes from its four topics, checked before any of it is stored or merged: a record that passes
 * can be stored, carded and served, whatever the producers do next; one that does not is skipped with the reason
 * ({@link SkippedRecords}). The producers send far less than these bounds allow; the topics are open to anyone else,
 * and a record that failed inside its transaction (a value longer than its column, a number of a billion digits
 * written out for the ward screen) would fail the channel and stall the board for every ward. Found by the
 * hostile-input suite.
 * <p>
 * Unknown members and unknown values of open sets (an alert type added later) stay allowed: the read model is a
 * tolerant reader, it only bounds what it keeps.
 */
public final class RecordChecks {

    /** The producers' messages are a few KiB; the advisor takes 64 KiB courses. */
    public static final int MAX_RECORD_CHARS = 256 * 1024;
    static final Duration MAX_AHEAD = Duration.ofDays(1);
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** No analyser reports 10^18 or more (nor non-zero below 10^-18); written out, 1e999999999 is a billion digits. */
    static final int MAX_EXPONENT = 18;

    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private RecordChecks() {
    }

    /** A record the read model will not parse at all: too large for any producer to have meant it. */
    public static void size(String payload) {
        if (payload != null && payload.length() > MAX_RECORD_CHARS) {
            throw new UnreadableRecord("RECORD_TOO_LARGE", "a record of " + payload.length() + " characters; the read"
                    + " model takes at most " + MAX_RECORD_CHARS);
        }
    }

    /** A dose-alert.v1 message, on its topic or carried by a lifecycle event. */
    public static void alertContent(Fields alert, Instant now) {
        patientId(alert);
        alert.boundedText("courseId", 100);
        alert.boundedText("drug", 100);
        alert.boundedText("type", 30);
        alert.boundedText("action", 30);
        atLeast(alert.integer("cycleNumber"), 1, "cycleNumber");
        atLeast(alert.integer("revision"), 1, "revision");
        time(alert.instant("effectiveTime"), "effectiveTime", now);
        Fields trigger = alert.at("trigger");
        if (trigger.node().isObject()) {
            trigger.boundedText("term", 200);
            trigger.boundedText("unit", 50);
            Integer grade = trigger.integer("grade");
            if (grade != null && (grade < 0 || grade > 5)) {
                throw new UnreadableRecord("INVALID_FIELD", "trigger grade is 0 to 5: " + grade);
            }
        }
        measurable(alert.node(), "alert");
    }

    /** An alert-lifecycle-event.v1 message (its carried alert is checked by {@link #alertContent}). */
    public static void lifecycle(Fields event, Instant now) {
        patientId(event);
        event.boundedText("courseId", 100);
        event.boundedText("drug", 100);
        event.boundedText("alertType", 30);
        event.boundedText("transition", 20);
        event.boundedText("fromState", 20);
        event.boundedText("toState", 20);
        event.boundedText("actor", 200);
        event.boundedText("reason", 10_000);
        atLeast(event.integer("revision"), 1, "revision");
        atLeast(event.integer("escalationLevel"), 0, "escalationLevel");
        time(event.instant("at"), "at", now);
        measurable(event.node(), "lifecycle event");
    }

    /** A graded-adverse-event.v1 message. */
    public static void gradedEvent(Fields event, Instant now) {
        patientId(event);
        event.boundedText("courseId", 100);
        event.boundedText("ctcaeVersion", 10);
        event.boundedText("term", 200);
        event.boundedText("analyte", 100);
        event.boundedText("status", 20);
        event.boundedText("unit", 50);
        atLeast(event.integer("cycleNumber"), 1, "cycleNumber");
        time(event.instant("effectiveTime"), "effectiveTime", now);
        measurable(event.node(), "graded event");
    }

    /** A treatment-course.v1 message (the ward is checked where it is read). */
    public static void course(Fields course) {
        patientId(course);
        String courseId = course.boundedText("courseId", 100);
        if (courseId != null && courseId.chars().anyMatch(Character::isISOControl)) {
            throw new UnreadableRecord("INVALID_FIELD", "courseId contains control characters");
        }
        measurable(course.node(), "course");
    }

    private static void patientId(Fields fields) {
        String patientId = fields.boundedText("patientId", 100);
        if (patientId != null && patientId.isBlank()) {
            throw new UnreadableRecord("MISSING_FIELD", "patientId is required");
        }
        if (patientId != null && !PATIENT_ID.matcher(patientId).matches()) {
            throw new UnreadableRecord("INVALID_FIELD", "patientId is not a pseudonym of 1 to 64 letters, digits, '-' or '.'");
        }
    }

    private static void atLeast(Integer value, int least, String field) {
        if (value != null && value < least) {
            throw new UnreadableRecord("INVALID_FIELD", field + " is at least " + least + ", not " + value);
        }
    }

    private static void time(Instant time, String field, Instant now) {
        if (time != null && (time.isBefore(EARLIEST) || time.isAfter(now.plus(MAX_AHEAD)))) {
            throw new UnreadableRecord("INVALID_FIELD", field + " " + time + " is before 1900 or more than a day ahead");
        }
    }

    /** Every number in the message, at any depth, of an order of magnitude a lab or a ward could mean. */
    static void measurable(JsonNode node, String what) {
        if (node.isNumber()) {
            BigDecimal number = node.decimalValue();
            long exponent = number.signum() == 0 ? 0 : (long) number.precision() - number.scale() - 1;
            if (number.signum() != 0 && (exponent >= MAX_EXPONENT || exponent < -MAX_EXPONENT)) {
                throw new UnreadableRecord("INVALID_FIELD", "a number of the order of 10^" + exponent + " in the " + what);
            }
        } else if (node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                measurable(it.next(), what);
            }
        }
    }
}
