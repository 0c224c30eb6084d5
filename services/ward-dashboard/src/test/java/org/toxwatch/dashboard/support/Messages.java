package org.toxwatch.dashboard.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.toxwatch.contracts.ContractSchemas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The messages the dashboard reads, as the other services publish them. Each is checked against its contract schema
 * when built, so a test cannot feed the dashboard something the producers would never send.
 */
public final class Messages {

    public static final String ALERTS = "dose.alerts.v1";
    public static final String LIFECYCLE = "dose.alerts.lifecycle.v1";
    public static final String GRADED = "ae.graded.v1";
    public static final String COURSES = "treatment.courses.v1";
    public static final String TOPICS = ALERTS + "," + LIFECYCLE + "," + GRADED + "," + COURSES;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContractSchemas SCHEMAS = ContractSchemas.load();

    private Messages() {
    }

    /** A dose-alert.v1 message; the trigger is a graded result of {@code term}. */
    public static ObjectNode doseAlert(UUID alertId, String type, String patientId, String courseId, String drug,
            int revision, String term, int grade, String value, String unit, Instant effectiveTime) {
        ObjectNode alert = JSON.createObjectNode();
        alert.put("alertId", alertId.toString()).put("type", type).put("patientId", patientId)
                .put("courseId", courseId).put("cycleNumber", 2).put("drug", drug).put("action", actionOf(type));
        alert.putObject("rule").put("id", drug + "-rule-" + type.toLowerCase().replace('_', '-'))
                .put("text", "the rule's text").put("source", "FDA label (test)").put("sourceKind", "label")
                .put("verified", !type.equals("DOSE_REDUCE"));
        alert.putObject("currentDoseLevel").put("level", 0).put("dose", "12 mg PO once daily");
        if (type.equals("DISCONTINUE")) {
            alert.putNull("recommendedDoseLevel");
            alert.putNull("resumeWhen");
        } else {
            alert.putObject("recommendedDoseLevel").put("level", 1).put("dose", "8 mg PO once daily");
            alert.put("resumeWhen", "resolved to <= Grade 2");
        }
        if (type.equals("LABS_REQUIRED")) {
            alert.putNull("trigger");
        } else {
            alert.putObject("trigger").put("eventId", UUID.randomUUID().toString()).put("term", term)
                    .put("grade", grade).put("value", new BigDecimal(value)).put("unit", unit)
                    .put("explanation", term + " grade " + grade + " (test)");
        }
        alert.put("effectiveTime", effectiveTime.toString())
                .put("explanation", type + " " + drug + ": " + term + " grade " + grade + " (revision " + revision + ")")
                .put("revision", revision);
        if (type.equals("RESUME_ELIGIBLE")) {
            alert.put("relatedAlertId", UUID.randomUUID().toString());
        }
        return checked("dose-alert.v1", alert);
    }

    private static String actionOf(String type) {
        return switch (type) {
            case "DOSE_HOLD" -> "HOLD";
            case "DOSE_REDUCE" -> "REDUCE";
            case "RESUME_ELIGIBLE" -> "RESUME";
            case "LABS_REQUIRED" -> "DRAW_LABS";
            default -> type;
        };
    }

    /** An alert-lifecycle-event.v1 message; {@code alert} is set for OPENED and WORSENED. */
    public static ObjectNode lifecycle(ObjectNode alert, int sequence, String transition, String fromState,
            String toState, String actor, String reason, Instant at, int escalationLevel) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", UUID.nameUUIDFromBytes((alert.path("alertId").asText() + sequence).getBytes()).toString())
                .put("alertId", alert.path("alertId").asText()).put("sequence", sequence)
                .put("patientId", alert.path("patientId").asText()).put("courseId", alert.path("courseId").asText())
                .put("drug", alert.path("drug").asText()).put("alertType", alert.path("type").asText())
                .put("transition", transition).put("toState", toState).put("actor", actor).put("reason", reason)
                .put("at", at.toString()).put("revision", alert.path("revision").asInt(1))
                .put("escalationLevel", escalationLevel).putNull("acknowledgeDeadline");
        if (fromState == null) {
            event.putNull("fromState");
        } else {
            event.put("fromState", fromState);
        }
        if (transition.equals("OPENED") || transition.equals("WORSENED")) {
            event.set("alert", alert);
        } else {
            event.putNull("alert");
        }
        return checked("alert-lifecycle-event.v1", event);
    }

    public record Drug(String drug, int doseLevel) {
    }

    /** A treatment-course.v1 message with cycles 1 and 2; ward may be null (none named). */
    public static ObjectNode course(String courseId, String patientId, String ward, List<Drug> drugs) {
        ObjectNode course = JSON.createObjectNode();
        course.put("courseId", courseId).put("patientId", patientId)
                .put("regimen", "HAIC-FOLFOX + lenvatinib + sintilimab");
        if (ward != null) {
            course.put("ward", ward);
        }
        course.put("ctcaeVersion", "5.0").put("bodyWeightKg", 62).put("hccLiverInvolvement", true);
        ArrayNode cycles = course.putArray("cycles");
        cycles.addObject().put("number", 1).put("plannedStart", "2026-01-05");
        cycles.addObject().put("number", 2).put("plannedStart", "2026-01-26");
        ArrayNode list = course.putArray("drugs");
        drugs.forEach(d -> list.addObject().put("drug", d.drug()).put("doseLevel", d.doseLevel()));
        return checked("treatment-course.v1", course);
    }

    /** A GRADED graded-adverse-event.v1 message; lln / uln may be null. */
    public static ObjectNode graded(UUID eventId, String patientId, String courseId, int cycle, Instant effectiveTime,
            String term, String analyte, int grade, String value, String unit, String lln, String uln) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", eventId.toString()).put("observationId", "urn:lab:test|" + eventId)
                .put("observationVersion", "1").put("patientId", patientId).put("courseId", courseId)
                .put("cycleNumber", cycle).put("effectiveTime", effectiveTime.toString()).put("ctcaeVersion", "5.0")
                .put("term", term).put("grade", grade).put("status", "GRADED").put("analyte", analyte)
                .put("value", new BigDecimal(value)).put("unit", unit);
        decimal(event, "lowerLimit", lln);
        decimal(event, "upperLimit", uln);
        event.putNull("baseline").putNull("band").put("explanation", term + " grade " + grade + " (test)")
                .putNull("supersedes");
        return checked("graded-adverse-event.v1", event);
    }

    /** The same event with a baseline (in the event's unit). */
    public static ObjectNode withBaseline(ObjectNode event, String value, String uln, boolean usedForGrading) {
        ObjectNode copy = event.deepCopy();
        ObjectNode baseline = copy.putObject("baseline").put("value", new BigDecimal(value))
                .put("unit", copy.path("unit").asText()).put("upperLimit", new BigDecimal(uln))
                .put("effectiveTime", "2026-01-02T08:00:00Z").put("abnormal", usedForGrading)
                .put("usedForGrading", usedForGrading);
        return checked("graded-adverse-event.v1", copy);
    }

    /** A corrected result: a new event superseding {@code superseded}. */
    public static ObjectNode superseding(ObjectNode superseded, UUID eventId, int grade, String value) {
        ObjectNode copy = superseded.deepCopy();
        copy.put("eventId", eventId.toString()).put("observationVersion", "2").put("grade", grade)
                .put("value", new BigDecimal(value)).put("supersedes", superseded.path("eventId").asText());
        return checked("graded-adverse-event.v1", copy);
    }

    /** The lab declared the result entered in error: a RETRACTED event withdrawing {@code withdrawn}. */
    public static ObjectNode retraction(ObjectNode withdrawn, UUID eventId) {
        ObjectNode copy = withdrawn.deepCopy();
        copy.put("eventId", eventId.toString()).put("observationVersion", "3").put("status", "RETRACTED")
                .putNull("grade").putNull("value").putNull("unit").putNull("lowerLimit").putNull("upperLimit")
                .putNull("baseline").putNull("band").put("explanation", "Retracted (test)")
                .put("supersedes", withdrawn.path("eventId").asText())
                .put("retracts", withdrawn.path("eventId").asText());
        return checked("graded-adverse-event.v1", copy);
    }

    private static void decimal(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, new BigDecimal(value));
        }
    }

    private static ObjectNode checked(String schema, ObjectNode message) {
        List<String> problems = SCHEMAS.validate(schema, message.toString());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("a test " + schema + " message the producers would never send: "
                    + problems + "\n" + message.toPrettyString());
        }
        return message;
    }
}
