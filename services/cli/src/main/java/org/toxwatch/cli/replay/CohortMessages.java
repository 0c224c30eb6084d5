package org.toxwatch.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.course.PlannedCycle;
import org.toxwatch.regimens.finding.Finding;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.UUID;

/**
 * Reads {@code treatment-course.v1} and {@code graded-adverse-event.v1} messages into what the rules take, the way the
 * dose-advisor does (its {@code DoseAlerting} snapshot and finding): a tolerant reader that ignores fields it does not
 * need, but refuses a message missing one it does, naming where it was read.
 */
final class CohortMessages {

    private CohortMessages() {
    }

    /** A course, with its current dose levels: the advisor keeps only the latest version of a course. */
    static CohortCourse course(JsonNode json, String readFrom) throws UnreadableInputException {
        Fields fields = new Fields(json, readFrom);
        var cycles = new ArrayList<PlannedCycle>();
        for (JsonNode cycle : fields.array("cycles")) {
            Fields one = new Fields(cycle, readFrom + ", cycles[" + cycles.size() + "]");
            cycles.add(new PlannedCycle(one.requiredInt("number"), one.date("plannedStart")));
        }
        var levels = new LinkedHashMap<String, Integer>();
        for (JsonNode drug : fields.array("drugs")) {
            Fields one = new Fields(drug, readFrom + ", drugs[" + levels.size() + "]");
            String name = one.requiredText("drug");
            if (levels.put(name, one.requiredInt("doseLevel")) != null) {
                throw new UnreadableInputException(readFrom + ": drug " + name + " is listed twice");
            }
        }
        Boolean liver = fields.bool("hccLiverInvolvement");
        try {
            return new CohortCourse(new CourseSnapshot(fields.requiredText("courseId"), fields.requiredText("patientId"),
                    fields.decimal("bodyWeightKg"), liver == null || liver, cycles, levels), readFrom);
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException(readFrom + ": " + e.getMessage(), e);
        }
    }

    static CohortEvent gradedEvent(JsonNode json, String readFrom) throws UnreadableInputException {
        Fields fields = new Fields(json, readFrom);
        UUID eventId = fields.uuid("eventId");
        if (eventId == null) {
            throw fields.problem("eventId is missing");
        }
        String status = fields.requiredText("status");
        Instant effectiveTime = fields.instant("effectiveTime");
        Finding finding = null;
        if (!CohortEvent.RETRACTED.equals(status)) {
            JsonNode baseline = json.path("baseline");
            Fields baselineFields = baseline.isObject() ? new Fields(baseline, readFrom + ", baseline") : null;
            if (!baseline.isMissingNode() && !baseline.isNull() && baselineFields == null) {
                throw fields.problem("baseline is neither an object nor null");
            }
            try {
                finding = new Finding(fields.requiredText("term"), fields.text("ctcaeVersion"), fields.integer("grade"),
                        fields.text("analyte"), fields.decimal("value"), fields.text("unit"), fields.decimal("lowerLimit"),
                        fields.decimal("upperLimit"), baselineFields == null ? null : baselineFields.decimal("value"),
                        baselineFields == null ? null : baselineFields.decimal("upperLimit"), effectiveTime,
                        fields.text("explanation"));
            } catch (IllegalArgumentException e) {
                throw fields.problem(e.getMessage());
            }
        }
        return new CohortEvent(eventId, fields.text("patientId"), fields.text("courseId"), fields.integer("cycleNumber"),
                effectiveTime, status, fields.uuid("supersedes"), finding, readFrom);
    }

    /** Typed access to one message's fields; a wrong type is an error naming the field, a missing optional one null. */
    private record Fields(JsonNode json, String readFrom) {

        UnreadableInputException problem(String what) {
            return new UnreadableInputException(readFrom + ": " + what);
        }

        private JsonNode value(String name) {
            JsonNode value = json.get(name);
            return value == null || value.isNull() ? null : value;
        }

        String text(String name) throws UnreadableInputException {
            JsonNode value = value(name);
            if (value == null) {
                return null;
            }
            if (!value.isTextual()) {
                throw problem(name + " is not a string: " + value);
            }
            return value.textValue();
        }

        String requiredText(String name) throws UnreadableInputException {
            String text = text(name);
            if (text == null || text.isBlank()) {
                throw problem(name + " is missing");
            }
            return text;
        }

        Integer integer(String name) throws UnreadableInputException {
            JsonNode value = value(name);
            if (value == null) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw problem(name + " is not a whole number: " + value);
            }
            return value.intValue();
        }

        int requiredInt(String name) throws UnreadableInputException {
            Integer number = integer(name);
            if (number == null) {
                throw problem(name + " is missing");
            }
            return number;
        }

        BigDecimal decimal(String name) throws UnreadableInputException {
            JsonNode value = value(name);
            if (value == null) {
                return null;
            }
            if (!value.isNumber()) {
                throw problem(name + " is not a number: " + value);
            }
            return value.decimalValue();
        }

        Boolean bool(String name) throws UnreadableInputException {
            JsonNode value = value(name);
            if (value == null) {
                return null;
            }
            if (!value.isBoolean()) {
                throw problem(name + " is not true or false: " + value);
            }
            return value.booleanValue();
        }

        UUID uuid(String name) throws UnreadableInputException {
            String text = text(name);
            if (text == null) {
                return null;
            }
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw problem(name + " is not a UUID: '" + text + "'");
            }
        }

        Instant instant(String name) throws UnreadableInputException {
            String text = requiredText(name);
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw problem(name + " is not a date-time with offset (2026-01-26T07:30:00Z): '" + text + "'");
            }
        }

        LocalDate date(String name) throws UnreadableInputException {
            String text = requiredText(name);
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw problem(name + " is not a date (2026-01-26): '" + text + "'");
            }
        }

        Iterable<JsonNode> array(String name) throws UnreadableInputException {
            JsonNode value = value(name);
            if (value == null || !value.isArray() || value.isEmpty()) {
                throw problem(name + " is missing or empty");
            }
            return value;
        }
    }
}
