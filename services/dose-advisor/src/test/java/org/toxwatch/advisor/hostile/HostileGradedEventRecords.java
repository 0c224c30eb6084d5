package org.toxwatch.advisor.hostile;

import static org.toxwatch.testsupport.hostile.HostileRecord.single;
import static org.toxwatch.testsupport.hostile.Outcomes.DUPLICATE;
import static org.toxwatch.testsupport.hostile.Outcomes.union;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.toxwatch.testsupport.hostile.HostileJson;
import org.toxwatch.testsupport.hostile.HostileRecord;
import org.toxwatch.testsupport.hostile.HostileRecords;
import org.toxwatch.testsupport.hostile.Outcomes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile {@code graded-adverse-event.v1} messages on {@code ae.graded.v1} for the dose-advisor, drawn from one seeded
 * {@link HostileJson}. Each case has its own Kafka key and event ids derived from it, so what the advisor assessed (its
 * {@code assessed_event} rows) or dead-lettered is traced back to the case. Valid events belong to courses the suite
 * registered first, or to no course at all.
 * <p>
 * What the advisor decides: an event it can read is assessed and its outcome recorded (ALERTED, ABSORBED, NO_ACTION,
 * NOT_EVALUABLE, NO_COURSE, RETRACTION, or SUPERSEDED for an event a correction or retraction that arrived first has
 * already withdrawn); the same event again is a duplicate; what does not fit the contract (ids beyond their columns, a
 * status or grade the contract does not have, values of absurd size, an explanation too long to quote in an alert, a
 * time in the future or before 1900, a course of another patient) is dead-lettered before anything is stored.
 */
final class HostileGradedEventRecords extends HostileRecords {

    static final String MALFORMED = "MALFORMED_EVENT";
    static final String INCOMPLETE = "INCOMPLETE_EVENT";
    static final String INVALID = "INVALID_EVENT";
    static final String ANOTHER_PATIENT = "COURSE_OF_ANOTHER_PATIENT";
    static final Set<String> ANY_REFUSAL = Set.of(MALFORMED, INCOMPLETE, INVALID);
    static final Set<String> CODES = Set.of(MALFORMED, INCOMPLETE, INVALID, ANOTHER_PATIENT);

    private static final Set<String> REQUIRED = Set.of("eventId", "patientId", "term", "effectiveTime", "status",
            "explanation");
    /** Members of the event the advisor does not read. */
    private static final Set<String> UNREAD = Set.of("observationVersion", "band");
    private static final Set<String> BASELINE_UNREAD = Set.of("unit", "effectiveTime", "abnormal", "usedForGrading");

    /** Results a course's rules read, with a value, unit and ULN in the analyte's canonical unit. */
    private record Result(String term, String analyte, String unit, String value, String uln, int grade) {
    }

    private static final List<Result> RESULTS = List.of(
            new Result("Neutrophil count decreased", "NEUTROPHILS", "10*9/L", "0.8", null, 3),
            new Result("Neutrophil count decreased", "NEUTROPHILS", "10*9/L", "1.1", null, 2),
            new Result("Platelet count decreased", "PLATELETS", "10*9/L", "42", null, 3),
            new Result("Hypertension", "SYSTOLIC_BP", "mm[Hg]", "165", null, 3),
            new Result("Aspartate aminotransferase increased", "AST", "U/L", "380", "40", 3),
            new Result("Alanine aminotransferase increased", "ALT", "U/L", "61", "40", 1),
            new Result("Blood bilirubin increased", "BILIRUBIN_TOTAL", "umol/L", "40", "21", 2));

    private final Instant now;
    /** Courses registered before the storm: course id to patient. */
    private final List<Map.Entry<String, String>> courses;
    private final Map<UUID, String> keyByEvent = new HashMap<>();

    HostileGradedEventRecords(long seed, String runTag, Instant now, Map<String, String> patientByCourse) {
        super(seed, "ha-" + runTag + "-");
        this.now = now;
        this.courses = List.copyOf(new java.util.TreeMap<>(patientByCourse).entrySet());
    }

    /** Every event id the cases use, with the case it belongs to. */
    Map<UUID, String> keyByEvent() {
        return keyByEvent;
    }


    List<HostileRecord> generate(int inputs) {
        List<HostileRecord> cases = atLeast(inputs, this::draw);
        cases.add(cases.size() / 2, large(true));
        cases.add(cases.size() / 2, large(false));
        return cases;
    }

    private HostileRecord draw() {
        int roll = hostile.nextInt(100);
        if (roll < 18) {
            return valid();
        } else if (roll < 29) {
            return truncated(this::firstEvent, Set.of(MALFORMED));
        } else if (roll < 44) {
            return wrongType();
        } else if (roll < 47) {
            return deepNesting(this::firstEvent, Set.of(MALFORMED));
        } else if (roll < 56) {
            return absurdNumber();
        } else if (roll < 63) {
            return absurdTime();
        } else if (roll < 76) {
            return oddText();
        } else if (roll < 94) {
            return correctionsAndRepeats();
        }
        return notAMessage("not an event", "an event", MALFORMED, INCOMPLETE);
    }

    HostileRecord valid() {
        String key = nextKey();
        return single("valid", key, "a graded event as the grader sends it", hostile.write(event(key, 0)),
                Outcomes.accepted());
    }

    private HostileRecord wrongType() {
        String key = nextKey();
        ObjectNode event = event(key, 0);
        HostileJson.WrongType changed = hostile.wrongType(event);
        String path = changed.path();
        JsonNode replacement = changed.replacement();
        Set<String> expected;
        if (UNREAD.contains(changed.member()) || path.startsWith("/baseline/") && BASELINE_UNREAD.contains(changed.last())) {
            expected = Outcomes.accepted();
        } else if (replacement.isNull()) {
            expected = REQUIRED.contains(changed.member()) ? Set.of(INCOMPLETE) : Outcomes.accepted();
        } else if (changed.original().isNull() || path.equals("/effectiveTime") && replacement.isNumber()) {
            // a member sent as null now holds a value, or a time given as seconds since 1970: maybe taken, maybe not
            expected = union(Outcomes.accepted(), ANY_REFUSAL);
        } else {
            expected = ANY_REFUSAL;
        }
        return single("wrong type", key, changed.describe(), hostile.write(event), expected);
    }

    private HostileRecord absurdNumber() {
        String key = nextKey();
        ObjectNode event = event(key, 0);
        String field = hostile.pickOf("value", "upperLimit", "lowerLimit", "grade", "cycleNumber");
        String token = hostile.pickOf("NaN", "Infinity", "1" + "0".repeat(2000), "1e999999999", "-1e999999999",
                "1e-999999999", "1e308", "2147483648", "3.5", "6", "-1", "0");
        Set<String> expected;
        if (HostileJson.NOT_JSON_NUMBERS.contains(token)) {
            expected = Set.of(MALFORMED);
        } else if (field.equals("grade") || field.equals("cycleNumber")) {
            expected = switch (token) {
                // an integer member takes no fraction nor anything beyond an int
                case "3.5", "1e999999999", "-1e999999999", "1e-999999999", "1e308", "2147483648" -> Set.of(MALFORMED);
                case "0" -> field.equals("grade") ? Outcomes.accepted() : Set.of(INVALID);
                case "6" -> field.equals("grade") ? Set.of(INVALID) : Outcomes.accepted();
                default -> Set.of(INVALID);
            };
        } else if (!measurable(token)) {
            expected = Set.of(INVALID);
        } else {
            // a value of 6, 0, -1 or 2147483648: assessed (the rules judge the grade, not the value)
            expected = Outcomes.accepted();
        }
        event.put(field, HostileJson.RAW);
        return single("absurd number", key, field + " " + HostileJson.excerpt(token, 30), hostile.writeWithRaw(event, token),
                expected);
    }

    private HostileRecord absurdTime() {
        String key = nextKey();
        ObjectNode event = event(key, 0);
        record Variant(String time, Set<String> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("+1000000000-12-31T23:59:59Z", Set.of(INVALID)),
                new Variant("9999-12-31T23:59:59Z", Set.of(INVALID)),
                new Variant(now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString(), Set.of(INVALID)),
                new Variant("1850-06-01T08:00:00Z", Set.of(INVALID)),
                new Variant("2026-02-04", Set.of(MALFORMED)),
                new Variant("yesterday", Set.of(MALFORMED)),
                new Variant("", Set.of(MALFORMED, INCOMPLETE)),
                new Variant(now.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString(), Outcomes.accepted())));
        event.put("effectiveTime", variant.time());
        return single("absurd time", key, "effectiveTime '" + variant.time() + "'", hostile.write(event), variant.expected());
    }

    private HostileRecord oddText() {
        String key = nextKey();
        ObjectNode event = event(key, 0);
        record Variant(String description, Set<String> expected, Runnable change) {
        }
        Map.Entry<String, String> other = courses.get(hostile.nextInt(courses.size()));
        Variant variant = hostile.pick(List.of(
                new Variant("patientId with a slash", Set.of(INVALID), () -> event.put("patientId", "Patient/" + key)),
                new Variant("patientId of 101 characters", Set.of(INVALID), () -> event.put("patientId", "p".repeat(101))),
                new Variant("empty patientId", Set.of(INVALID), () -> event.put("patientId", "")),
                new Variant("courseId of 101 characters", Set.of(INVALID), () -> event.put("courseId", "c".repeat(101))),
                new Variant("empty courseId", Set.of(INVALID), () -> event.put("courseId", "")),
                new Variant("term of 201 characters", Set.of(INVALID), () -> event.put("term", "t".repeat(201))),
                new Variant("status PRELIMINARY", Set.of(INVALID), () -> event.put("status", "PRELIMINARY")),
                new Variant("CTCAE 4.03", Set.of(INVALID), () -> event.put("ctcaeVersion", "4.03")),
                new Variant("analyte of 51 characters", Set.of(INVALID), () -> event.put("analyte", "A".repeat(51))),
                new Variant("an explanation of 5,000 characters", Set.of(INVALID),
                        () -> event.put("explanation", "e".repeat(5_000))),
                new Variant("RETRACTED without retracts", Set.of(INVALID), () -> event.put("status", "RETRACTED")),
                new Variant("a term no rule reads", Outcomes.accepted(), () -> event.put("term", "Grumpiness")),
                new Variant("a course nobody registered", Outcomes.accepted(), () -> event.put("courseId", "course-" + key)),
                new Variant("the course of another patient", Set.of(ANOTHER_PATIENT),
                        () -> event.put("courseId", other.getKey()).put("patientId", key))));
        variant.change().run();
        return single("odd text", key, variant.description(), hostile.write(event), variant.expected());
    }

    /** A correction, a retraction, a repeat, in the order the topic might bring them. */
    private HostileRecord correctionsAndRepeats() {
        String key = nextKey();
        ObjectNode first = event(key, 0);
        ObjectNode corrected = event(key, 1).put("supersedes", first.path("eventId").asText());
        ObjectNode retraction = event(key, 2);
        retraction.put("status", "RETRACTED").putNull("grade").putNull("value").put("retracts", first.path("eventId").asText())
                .put("supersedes", first.path("eventId").asText());
        ObjectNode otherContent = first.deepCopy().put("grade", 1);
        Set<String> acc = Outcomes.accepted();
        Set<String> dup = Set.of(DUPLICATE);
        return switch (hostile.nextInt(6)) {
            case 0 -> group(key, "the same event twice", List.of(first, first), List.of(acc, dup));
            case 1 -> group(key, "the same event id with other content", List.of(first, otherContent), List.of(acc, dup));
            case 2 -> group(key, "a result, then its correction", List.of(first, corrected), List.of(acc, acc));
            // both are recorded: the late original as SUPERSEDED, not assessed against the rules
            case 3 -> group(key, "the correction before the result it corrects", List.of(corrected, first),
                    List.of(acc, acc));
            case 4 -> group(key, "a result, then its retraction twice", List.of(first, retraction, retraction),
                    List.of(acc, acc, dup));
            default -> group(key, "the retraction before the result it retracts", List.of(retraction, first),
                    List.of(acc, acc));
        };
    }

    /** A valid event of some 1 MiB, padded where the advisor does not read, or in its explanation. */
    private HostileRecord large(boolean inTheExplanation) {
        String key = nextKey();
        ObjectNode event = event(key, 0);
        int bytes = 1_048_576 - 200;
        return inTheExplanation
                ? single("huge payload", key, "explanation padded to " + bytes + " bytes",
                        hostile.padded(event, "explanation", bytes), Set.of(INVALID))
                : single("huge payload", key, "padded in an unknown member to " + bytes + " bytes",
                        hostile.padded(event, "padding", bytes), Outcomes.accepted());
    }

    // --- messages --------------------------------------------------------------------------------------------------------

    private ObjectNode firstEvent(String key) {
        return event(key, 0);
    }

    /** The case's {@code n}-th event: for a registered course (two in three) or for no course, at a recent time. */
    ObjectNode event(String key, int n) {
        UUID eventId = UUID.nameUUIDFromBytes((key + "|" + n).getBytes(StandardCharsets.UTF_8));
        keyByEvent.put(eventId, key);
        Result result = hostile.pick(RESULTS);
        boolean withCourse = hostile.nextInt(3) != 0;
        Map.Entry<String, String> course = courses.get(Math.floorMod(key.hashCode(), courses.size()));
        ObjectNode event = hostile.read("{}");
        event.put("eventId", eventId.toString()).put("observationId", "urn:hostile|" + key + "-" + n)
                .put("observationVersion", String.valueOf(n + 1))
                .put("patientId", withCourse ? course.getValue() : key);
        if (withCourse) {
            event.put("courseId", course.getKey()).put("cycleNumber", 2);
        } else {
            event.putNull("courseId").putNull("cycleNumber");
        }
        event.put("effectiveTime", Instant.parse("2026-01-28T08:00:00Z").plusSeconds(hostile.nextInt(86_400 * 20)).toString())
                .put("ctcaeVersion", "5.0").put("term", result.term()).put("grade", result.grade()).put("status", "GRADED")
                .put("analyte", result.analyte()).put("value", new BigDecimal(result.value())).put("unit", result.unit())
                .putNull("lowerLimit");
        if (result.uln() == null) {
            event.putNull("upperLimit");
        } else {
            event.put("upperLimit", new BigDecimal(result.uln()));
        }
        if (result.uln() != null && hostile.nextBoolean()) {
            event.putObject("baseline").put("value", new BigDecimal(result.uln())).put("unit", result.unit())
                    .put("upperLimit", new BigDecimal(result.uln())).put("abnormal", false).put("usedForGrading", false);
        } else {
            event.putNull("baseline");
        }
        event.putNull("band").put("explanation", result.term() + " grade " + result.grade() + " (hostile-input suite)")
                .putNull("supersedes");
        return event;
    }


    private HostileRecord group(String key, String description, List<ObjectNode> payloads, List<Set<String>> expected) {
        return inOrder("corrections and repeats", key, description, payloads, expected);
    }


}
