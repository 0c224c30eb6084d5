package org.toxwatch.grader.hostile;

import static org.toxwatch.testsupport.hostile.HostileRecord.single;
import static org.toxwatch.testsupport.hostile.Outcomes.union;

import java.util.List;
import java.util.Set;

import org.toxwatch.contracts.Examples;
import org.toxwatch.testsupport.hostile.HostileJson;
import org.toxwatch.testsupport.hostile.HostileRecord;
import org.toxwatch.testsupport.hostile.HostileRecords;
import org.toxwatch.testsupport.hostile.Outcomes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile {@code treatment-course.v1} messages on {@code treatment.courses.v1}, as a producer other than the
 * dose-advisor could write them. Each case has its own key, which is also its course id and its patient.
 * <p>
 * What the grader decides: it reads only the course id, patient, CTCAE version, planned cycles and stated baselines, so
 * anything in the other elements (drugs, regimen, weight, ward) is stored as it came; it refuses what it cannot store
 * or would misread (ids beyond their columns, cycle dates before 1900 or more than ten years ahead, more than 200
 * cycles or 50 baselines, baselines of absurd size or unknown analyte) and a course that would move to another patient.
 * A missing CTCAE version is the default, 5.0.
 */
final class HostileCourseRecords extends HostileRecords {

    static final String MALFORMED = "MALFORMED_COURSE";
    static final String INCOMPLETE = "INCOMPLETE_COURSE";
    static final String INVALID = "INVALID_COURSE";
    static final String UNKNOWN_VERSION = "UNKNOWN_CTCAE_VERSION";
    static final String ANOTHER_PATIENT = "COURSE_OF_ANOTHER_PATIENT";
    static final Set<String> ANY_REFUSAL = Set.of(MALFORMED, INCOMPLETE, INVALID, UNKNOWN_VERSION);
    static final Set<String> CODES = Set.of(MALFORMED, INCOMPLETE, INVALID, UNKNOWN_VERSION, ANOTHER_PATIENT);

    /** Top-level elements the grader does not read. */
    private static final Set<String> UNREAD = Set.of("regimen", "ward", "bodyWeightKg", "hccLiverInvolvement", "drugs");
    /** Elements that may be null or missing. */
    private static final Set<String> OPTIONAL = Set.of("ctcaeVersion", "baselines", "upperLimit", "lowerLimit",
            "effectiveTime");

    private final List<String> bases = Examples.valid("treatment-course.v1").stream().map(e -> e.text()).toList();

    HostileCourseRecords(long seed, String runTag) {
        super(seed, "hc-" + runTag + "-");
    }

    List<HostileRecord> generate(int inputs) {
        return atLeast(inputs, this::draw);
    }

    private HostileRecord draw() {
        int roll = hostile.nextInt(100);
        if (roll < 15) {
            return valid();
        } else if (roll < 27) {
            return truncated(this::base, Set.of(MALFORMED));
        } else if (roll < 42) {
            return wrongType();
        } else if (roll < 45) {
            return deepNesting(this::base, Set.of(MALFORMED));
        } else if (roll < 53) {
            return unknownCodes();
        } else if (roll < 61) {
            return absurdNumber();
        } else if (roll < 70) {
            return absurdDate();
        } else if (roll < 78) {
            return oddIds();
        } else if (roll < 86) {
            return hugeArrays();
        } else if (roll < 95) {
            return versions();
        }
        return notAMessage("not a course", "a course", MALFORMED, INCOMPLETE);
    }

    HostileRecord valid() {
        String key = nextKey();
        return single("valid", key, "a valid example", hostile.write(base(key)), Outcomes.accepted());
    }

    private HostileRecord wrongType() {
        String key = nextKey();
        ObjectNode tree = base(key);
        HostileJson.WrongType changed = hostile.wrongType(tree);
        JsonNode replacement = changed.replacement();
        String last = changed.last();
        Set<String> expected;
        if (UNREAD.contains(changed.member()) || last.equals("lowerLimit")) {
            expected = Outcomes.accepted();
        } else if (replacement.isNull() && OPTIONAL.contains(last)) {
            expected = Outcomes.accepted();
        } else if ((last.equals("plannedStart") || last.equals("effectiveTime")) && replacement.isNumber()) {
            // a number is read as a day (or second) counted from 1970: a date the grader may well accept
            expected = union(Outcomes.accepted(), ANY_REFUSAL);
        } else {
            expected = ANY_REFUSAL;
        }
        return single("wrong type", key, changed.describe(), hostile.write(tree), expected);
    }

    private HostileRecord unknownCodes() {
        String key = nextKey();
        ObjectNode tree = base(key);
        record Variant(String description, Set<String> expected, Runnable change) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("CTCAE 4.03", Set.of(UNKNOWN_VERSION), () -> tree.put("ctcaeVersion", "4.03")),
                new Variant("CTCAE 7.0", Set.of(UNKNOWN_VERSION), () -> tree.put("ctcaeVersion", "7.0")),
                new Variant("empty CTCAE version", Set.of(UNKNOWN_VERSION), () -> tree.put("ctcaeVersion", "")),
                new Variant("a baseline of an unknown analyte", Set.of(INVALID), () -> baseline(tree).put("analyte", "FOO")),
                new Variant("a baseline unit of 51 characters", Set.of(INVALID),
                        () -> baseline(tree).put("unit", "u".repeat(51))),
                // the advisor refuses a drug without rules at its door; the grader does not read drugs
                new Variant("a drug nobody knows", Outcomes.accepted(),
                        () -> ((ArrayNode) tree.path("drugs")).addObject().put("drug", "made-up").put("doseLevel", 0))));
        variant.change().run();
        return single("unknown code", key, variant.description(), hostile.write(tree), variant.expected());
    }

    private HostileRecord absurdNumber() {
        String key = nextKey();
        ObjectNode tree = base(key);
        String field = hostile.pickOf("value", "upperLimit", "bodyWeightKg");
        String token = hostile.pickOf("NaN", "Infinity", "1" + "0".repeat(2000), "1e999999999", "-1e999999999",
                "1e-999999999", "1e308", "-1", "0", "1e17");
        Set<String> expected;
        if (HostileJson.NOT_JSON_NUMBERS.contains(token)) {
            expected = Set.of(MALFORMED);
        } else if (field.equals("bodyWeightKg")) {
            expected = Outcomes.accepted();
        } else if (!measurable(token) || field.equals("upperLimit") && token.startsWith("-")) {
            expected = Set.of(INVALID);
        } else {
            expected = Outcomes.accepted();
        }
        if (field.equals("bodyWeightKg")) {
            tree.put(field, HostileJson.RAW);
        } else {
            baseline(tree).put(field, HostileJson.RAW);
        }
        return single("absurd number", key, field + " " + HostileJson.excerpt(token, 30), hostile.writeWithRaw(tree, token),
                expected);
    }

    private HostileRecord absurdDate() {
        String key = nextKey();
        ObjectNode tree = base(key);
        record Variant(String date, Set<String> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("+999999999-12-31", Set.of(INVALID)), new Variant("9999-12-31", Set.of(INVALID)),
                new Variant("0001-01-01", Set.of(INVALID)), new Variant("1850-06-01", Set.of(INVALID)),
                new Variant("2026-02-30", Set.of(MALFORMED)), new Variant("2026-13-01", Set.of(MALFORMED)),
                new Variant("yesterday", Set.of(MALFORMED)),
                new Variant("2026-01-05T00:00:00Z", union(Outcomes.accepted(), Set.of(MALFORMED))),
                new Variant("", Set.of(MALFORMED, INCOMPLETE)),
                new Variant("1900-01-02", Outcomes.accepted())));
        ((ObjectNode) tree.path("cycles").path(0)).put("plannedStart", variant.date());
        return single("absurd date", key, "plannedStart '" + variant.date() + "'", hostile.write(tree), variant.expected());
    }

    private HostileRecord oddIds() {
        String key = nextKey();
        ObjectNode tree = base(key);
        record Variant(String description, Set<String> expected, Runnable change) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("no courseId", Set.of(INCOMPLETE), () -> tree.remove("courseId")),
                new Variant("blank courseId", Set.of(INCOMPLETE), () -> tree.put("courseId", "  ")),
                new Variant("courseId of 101 characters", Set.of(INVALID), () -> tree.put("courseId", key + "x".repeat(101))),
                new Variant("courseId with a newline", Set.of(INVALID), () -> tree.put("courseId", key + "\nx")),
                new Variant("no patientId", Set.of(INCOMPLETE), () -> tree.remove("patientId")),
                new Variant("patientId with a slash", Set.of(INVALID), () -> tree.put("patientId", "Patient/" + key)),
                new Variant("patientId of 65 characters", Set.of(INVALID), () -> tree.put("patientId", "p".repeat(65))),
                new Variant("empty patientId", Set.of(INVALID), () -> tree.put("patientId", ""))));
        variant.change().run();
        return single("odd ids", key, variant.description(), hostile.write(tree), variant.expected());
    }

    private HostileRecord hugeArrays() {
        String key = nextKey();
        ObjectNode tree = base(key);
        ArrayNode cycles = (ArrayNode) tree.path("cycles");
        record Variant(String description, Set<String> expected, Runnable change) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("no cycles", Set.of(INCOMPLETE), () -> tree.putArray("cycles")),
                new Variant("201 cycles", Set.of(INVALID), () -> {
                    ArrayNode many = tree.putArray("cycles");
                    for (int i = 1; i <= 201; i++) {
                        many.addObject().put("number", i).put("plannedStart", java.time.LocalDate.of(2026, 1, 5)
                                .plusWeeks(i).toString());
                    }
                }),
                new Variant("2,000 cycles", Set.of(INVALID), () -> {
                    ArrayNode many = tree.putArray("cycles");
                    for (int i = 1; i <= 2_000; i++) {
                        many.addObject().put("number", i).put("plannedStart", "2026-01-05");
                    }
                }),
                new Variant("a cycle listed twice", Set.of(INVALID), () -> cycles.add(cycles.get(0).deepCopy())),
                new Variant("cycle 0", Set.of(INVALID), () -> ((ObjectNode) cycles.get(0)).put("number", 0)),
                new Variant("cycle -1", Set.of(INVALID), () -> ((ObjectNode) cycles.get(0)).put("number", -1)),
                new Variant("cycle 2147483648", Set.of(MALFORMED),
                        () -> ((ObjectNode) cycles.get(0)).put("number", 2147483648L)),
                new Variant("a null cycle", Set.of(INCOMPLETE, MALFORMED), () -> cycles.addNull()),
                new Variant("51 baselines", Set.of(INVALID), () -> {
                    ArrayNode baselines = tree.putArray("baselines");
                    for (int i = 0; i < 51; i++) {
                        baselines.addObject().put("analyte", "AST").put("value", 40 + i).put("unit", "U/L");
                    }
                }),
                new Variant("a baseline without a value", Set.of(INCOMPLETE), () -> baseline(tree).remove("value")),
                new Variant("1,000 drugs (not read)", Outcomes.accepted(), () -> {
                    ArrayNode drugs = tree.putArray("drugs");
                    for (int i = 0; i < 1_000; i++) {
                        drugs.addObject().put("drug", "lenvatinib").put("doseLevel", i);
                    }
                })));
        variant.change().run();
        return single("huge arrays", key, variant.description(), hostile.write(tree), variant.expected());
    }

    /** Versions of one course under one key: the last one stands, unless it would move the course to another patient. */
    private HostileRecord versions() {
        String key = nextKey();
        ObjectNode first = base(key);
        ObjectNode v6 = first.deepCopy().put("ctcaeVersion", "6.0");
        ObjectNode otherPatient = first.deepCopy().put("patientId", key + "-other");
        return switch (hostile.nextInt(3)) {
            case 0 -> group(key, "the same course twice", List.of(first, first),
                    List.of(Outcomes.accepted(), Outcomes.accepted()));
            case 1 -> group(key, "the course moved to CTCAE 6.0", List.of(first, v6),
                    List.of(Outcomes.accepted(), Outcomes.accepted()));
            default -> group(key, "the course moved to another patient", List.of(first, otherPatient),
                    List.of(Outcomes.accepted(), Set.of(ANOTHER_PATIENT)));
        };
    }

    HostileRecord large(String where, int bytes) {
        String key = nextKey();
        ObjectNode tree = base(key);
        return switch (where) {
            case "ignored" -> single("huge payload", key, "regimen padded to " + bytes + " bytes",
                    hostile.padded(tree, "regimen", bytes), Outcomes.accepted());
            default -> single("huge payload", key, "courseId padded to " + bytes + " bytes",
                    hostile.padded(tree, "courseId", bytes), Set.of(INVALID));
        };
    }

    // --- helpers -------------------------------------------------------------------------------------------------------

    private ObjectNode base(String key) {
        ObjectNode tree = hostile.read(hostile.pick(bases));
        return tree.put("courseId", key).put("patientId", key);
    }

    /** The course's first baseline, added when the example has none. */
    private static ObjectNode baseline(ObjectNode tree) {
        if (!tree.path("baselines").isArray() || tree.path("baselines").isEmpty()) {
            tree.putArray("baselines").addObject().put("analyte", "AST").put("value", 95).put("unit", "U/L")
                    .put("upperLimit", 40);
        }
        return (ObjectNode) tree.path("baselines").path(0);
    }


    private HostileRecord group(String key, String description, List<ObjectNode> payloads, List<Set<String>> expected) {
        return inOrder("versions", key, description, payloads, expected);
    }



}
