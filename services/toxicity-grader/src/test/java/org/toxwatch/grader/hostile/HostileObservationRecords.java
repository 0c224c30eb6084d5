package org.toxwatch.grader.hostile;

import static org.toxwatch.testsupport.hostile.HostileRecord.single;
import static org.toxwatch.testsupport.hostile.Outcomes.DUPLICATE;
import static org.toxwatch.testsupport.hostile.Outcomes.union;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * Hostile {@code normalized-observation.v1} messages for the grader, from the contract's valid examples and one seeded
 * {@link HostileJson}. Each case has its own key, which is also its patient and the value of its observation id, so
 * every graded event and dead letter names the case it came from.
 * <p>
 * What the grader decides: what does not fit the contract is dead-lettered before anything is stored (ids beyond their
 * columns, values beyond 10^18, an analyte no CTCAE term reads, a status other than final, corrected, amended or
 * entered-in-error, a sample time more than a day after receipt or before 1900); an element it does not read (the LOINC
 * code, the value and unit as the lab wrote them) may hold anything; a unit other than the analyte's canonical one is
 * graded NOT_GRADABLE with the reason; a patient nobody has seen is graded (under CTCAE v5.0, without a course); an
 * older version arriving after a newer one is OUTDATED_VERSION; the same version again is absorbed.
 */
final class HostileObservationRecords extends HostileRecords {

    static final String SYSTEM = "urn:hostile";
    static final String MALFORMED = "MALFORMED_OBSERVATION";
    static final String INCOMPLETE = "INCOMPLETE_OBSERVATION";
    static final String INVALID = "INVALID_OBSERVATION";
    static final String UNSUPPORTED_STATUS = "UNSUPPORTED_STATUS";
    static final String UNKNOWN_ANALYTE = "UNKNOWN_ANALYTE";
    static final String OUTDATED_VERSION = "OUTDATED_VERSION";
    static final String RETRACTS_UNKNOWN = "RETRACTS_UNKNOWN_OBSERVATION";
    static final Set<String> ANY_REFUSAL = Set.of(MALFORMED, INCOMPLETE, INVALID, UNSUPPORTED_STATUS, UNKNOWN_ANALYTE);
    static final Set<String> CODES = Set.of(MALFORMED, INCOMPLETE, INVALID, UNSUPPORTED_STATUS, UNKNOWN_ANALYTE,
            OUTDATED_VERSION, RETRACTS_UNKNOWN);

    /** Elements of a result the grader does not read. */
    private static final Set<String> UNREAD = Set.of("reportedValue", "reportedUnit");
    /** Elements that may be null. */
    private static final Set<String> OPTIONAL = Set.of("lowerLimit", "upperLimit", "comparator", "issued", "loinc");

    private final Instant now;
    private final List<String> bases;

    HostileObservationRecords(long seed, String runTag, Instant now) {
        super(seed, "hn-" + runTag + "-");
        this.now = now;
        this.bases = Examples.valid("normalized-observation.v1").stream().map(e -> e.text())
                .filter(text -> !text.contains("entered-in-error")).toList();
    }


    List<HostileRecord> generate(int inputs) {
        return atLeast(inputs, this::draw);
    }

    private HostileRecord draw() {
        int roll = hostile.nextInt(100);
        if (roll < 14) {
            return valid();
        } else if (roll < 25) {
            return truncated(this::base, Set.of(MALFORMED));
        } else if (roll < 39) {
            return wrongType();
        } else if (roll < 42) {
            return deepNesting(this::base, Set.of(MALFORMED));
        } else if (roll < 50) {
            return unknownCodes();
        } else if (roll < 59) {
            return absurdNumber();
        } else if (roll < 67) {
            return absurdTime();
        } else if (roll < 73) {
            return oddIds();
        } else if (roll < 79) {
            return oddPatient();
        } else if (roll < 84) {
            return oddShape();
        } else if (roll < 95) {
            return correctionsAndDuplicates();
        }
        return notAnObservation();
    }

    // --- families ------------------------------------------------------------------------------------------------------

    HostileRecord valid() {
        String key = nextKey();
        return single("valid", key, "a valid example", hostile.write(base(key)), Outcomes.accepted());
    }

    private HostileRecord wrongType() {
        String key = nextKey();
        ObjectNode tree = base(key);
        HostileJson.WrongType changed = hostile.wrongType(tree);
        String last = changed.last();
        JsonNode replacement = changed.replacement();
        Set<String> expected;
        if (changed.path().startsWith("/results/") && UNREAD.contains(last)) {
            expected = Outcomes.accepted();
        } else if (replacement.isNull() && OPTIONAL.contains(last)) {
            expected = Outcomes.accepted();
        } else if (changed.original().isNull() && OPTIONAL.contains(last)) {
            // a limit the lab did not send, now a number: a valid limit, or one the checks refuse
            expected = union(Outcomes.accepted(), ANY_REFUSAL);
        } else if (last.equals("effectiveTime") && replacement.isNumber()) {
            // a number is read as seconds since 1970: a time the grader accepts, however unlikely
            expected = union(Outcomes.accepted(), ANY_REFUSAL);
        } else {
            expected = ANY_REFUSAL;
        }
        return single("wrong type", key, changed.describe(), hostile.write(tree), expected);
    }

    private HostileRecord unknownCodes() {
        String key = nextKey();
        ObjectNode tree = base(key);
        ObjectNode result = (ObjectNode) tree.path("results").path(0);
        record Variant(String description, Set<String> expected, Runnable change) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("analyte FOO_BAR", Set.of(UNKNOWN_ANALYTE), () -> result.put("analyte", "FOO_BAR")),
                new Variant("analyte in lower case", Set.of(UNKNOWN_ANALYTE), () -> result.put("analyte", "neutrophils")),
                new Variant("empty analyte", Set.of(UNKNOWN_ANALYTE), () -> result.put("analyte", "")),
                new Variant("analyte of 200 characters", Set.of(UNKNOWN_ANALYTE),
                        () -> result.put("analyte", "A".repeat(200))),
                new Variant("the blood-pressure panel as an analyte", Set.of(UNKNOWN_ANALYTE),
                        () -> result.put("analyte", "BLOOD_PRESSURE")),
                // not read by the grader: lab-ingest mapped the code already
                new Variant("unknown LOINC code", Outcomes.accepted(), () -> result.put("loinc", "99999-9")),
                // the grader grades canonical units only and says so in a NOT_GRADABLE event
                new Variant("unit furlongs", Outcomes.accepted(), () -> result.put("unit", "furlongs")),
                new Variant("unit 10*999/L", Outcomes.accepted(), () -> result.put("unit", "10*999/L")),
                new Variant("unit of 65 characters", Set.of(INVALID), () -> result.put("unit", "u".repeat(65))),
                new Variant("empty unit", Set.of(INVALID), () -> result.put("unit", "")),
                new Variant("two results of one analyte", Set.of(INVALID),
                        () -> ((ArrayNode) tree.path("results")).add(result.deepCopy())),
                new Variant("eleven results", Set.of(INVALID), () -> {
                    for (int i = 0; i < 10; i++) {
                        ((ArrayNode) tree.path("results")).add(result.deepCopy().put("analyte", "ALT" + i));
                    }
                })));
        variant.change().run();
        return single("unknown code or unit", key, variant.description(), hostile.write(tree), variant.expected());
    }

    private HostileRecord absurdNumber() {
        String key = nextKey();
        ObjectNode tree = base(key);
        ObjectNode result = (ObjectNode) tree.path("results").path(0);
        String field = hostile.pickOf("value", "value", "lowerLimit", "upperLimit");
        String token = hostile.pickOf("NaN", "Infinity", "-Infinity", "1" + "0".repeat(2000), "1e999999999",
                "-1e999999999", "1e-999999999", "1e308", "-1e308", "4.9E-324", "1e18", "-1", "-0.001", "0", "1e17");
        Set<String> expected;
        if (HostileJson.NOT_JSON_NUMBERS.contains(token)) {
            expected = Set.of(MALFORMED);
        } else if (token.startsWith("-") && !field.equals("value") || !measurable(token)) {
            expected = Set.of(INVALID);
        } else {
            // graded; the engine's plausible range makes a negative count NOT_GRADABLE, with the reason
            expected = Outcomes.accepted();
        }
        result.put(field, HostileJson.RAW);
        return single("absurd number", key, field + " " + HostileJson.excerpt(token, 30),
                hostile.writeWithRaw(tree, token), expected);
    }

    private HostileRecord absurdTime() {
        String key = nextKey();
        ObjectNode tree = base(key);
        record Variant(String time, Set<String> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("+1000000000-12-31T23:59:59Z", Set.of(INVALID)),
                new Variant("9999-12-31T23:59:59Z", Set.of(INVALID)),
                new Variant("10000-01-01T00:00:00Z", Set.of(MALFORMED)),
                new Variant(now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString(), Set.of(INVALID)),
                new Variant("0001-01-01T00:00:00Z", Set.of(INVALID)),
                new Variant("1850-06-01T08:00:00Z", Set.of(INVALID)),
                new Variant("2026-02-04", Set.of(MALFORMED)),
                new Variant("yesterday", Set.of(MALFORMED)),
                new Variant("2026-13-45T99:00:00Z", Set.of(MALFORMED)),
                new Variant("2026-01-26T07:30:00Zjunk", Set.of(MALFORMED)),
                new Variant("", Set.of(MALFORMED, INCOMPLETE)),
                new Variant(now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString(), Outcomes.accepted()),
                new Variant("1900-01-02T00:00:00Z", Outcomes.accepted())));
        tree.put("effectiveTime", variant.time());
        return single("absurd time", key, "effectiveTime '" + variant.time() + "'", hostile.write(tree), variant.expected());
    }

    private HostileRecord oddIds() {
        String key = nextKey();
        ObjectNode tree = base(key);
        record Variant(String description, Set<String> expected, Runnable change) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("no observationId", Set.of(INCOMPLETE), () -> tree.remove("observationId")),
                new Variant("observationId without a system", Set.of(INVALID), () -> tree.put("observationId", key)),
                new Variant("observationId of 501 characters", Set.of(INVALID),
                        () -> tree.put("observationId", SYSTEM + "|" + key + "-" + "x".repeat(500))),
                new Variant("observationId with two bars", Set.of(INVALID),
                        () -> tree.put("observationId", SYSTEM + "|" + key + "|x")),
                new Variant("no version", Set.of(INCOMPLETE), () -> tree.remove("version")),
                new Variant("empty version", Set.of(INVALID), () -> tree.put("version", "")),
                new Variant("version of 101 characters", Set.of(INVALID), () -> tree.put("version", "9".repeat(101))),
                new Variant("version with a newline", Set.of(INVALID), () -> tree.put("version", "1\n"))));
        variant.change().run();
        return single("odd ids", key, variant.description(), hostile.write(tree), variant.expected());
    }

    /** A patient nobody has seen is graded; a patient id that is no pseudonym is refused. */
    private HostileRecord oddPatient() {
        String key = nextKey();
        ObjectNode tree = base(key);
        record Variant(String patient, Set<String> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("never-seen-" + key, Outcomes.accepted()),
                new Variant("Patient/" + key, Set.of(INVALID)),
                new Variant("p".repeat(65), Set.of(INVALID)),
                new Variant("p".repeat(150), Set.of(INVALID)),
                new Variant("", Set.of(INVALID)),
                new Variant("p 1", Set.of(INVALID)),
                new Variant("p-1\np-2", Set.of(INVALID)),
                new Variant(null, Set.of(INCOMPLETE))));
        if (variant.patient() == null) {
            tree.remove("patientId");
        } else {
            tree.put("patientId", variant.patient());
        }
        return single("odd patient", key, "patientId " + HostileJson.excerpt(String.valueOf(variant.patient()), 40),
                hostile.write(tree), variant.expected());
    }

    private HostileRecord oddShape() {
        String key = nextKey();
        ObjectNode tree = base(key);
        record Variant(String description, Set<String> expected, Runnable change) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("status preliminary", Set.of(UNSUPPORTED_STATUS), () -> tree.put("status", "preliminary")),
                new Variant("status cancelled", Set.of(UNSUPPORTED_STATUS), () -> tree.put("status", "cancelled")),
                new Variant("status FINAL", Set.of(UNSUPPORTED_STATUS), () -> tree.put("status", "FINAL")),
                new Variant("empty status", Set.of(UNSUPPORTED_STATUS), () -> tree.put("status", "")),
                new Variant("no status", Set.of(INCOMPLETE), () -> tree.remove("status")),
                new Variant("no results", Set.of(INCOMPLETE), () -> tree.remove("results")),
                new Variant("empty results", Set.of(INCOMPLETE), () -> tree.putArray("results")),
                new Variant("a null result", Set.of(INCOMPLETE), () -> tree.putArray("results").addNull()),
                new Variant("a result without a value", Set.of(INCOMPLETE),
                        () -> ((ObjectNode) tree.path("results").path(0)).remove("value")),
                new Variant("a retraction with results", Set.of(INVALID),
                        () -> tree.put("status", "entered-in-error").put("version", "2")),
                new Variant("an unknown member", Outcomes.accepted(), () -> tree.put("madeUp", true))));
        variant.change().run();
        return single("odd shape", key, variant.description(), hostile.write(tree), variant.expected());
    }

    /** Versions of one result under one key, in the order a confused lab or a replay might send them. */
    private HostileRecord correctionsAndDuplicates() {
        String key = nextKey();
        String base = pick(bases);
        java.util.function.BiFunction<String, String, ObjectNode> version = (v, status) -> {
            ObjectNode tree = hostile.read(base);
            tree.put("observationId", SYSTEM + "|" + key).put("patientId", key).put("version", v).put("status", status);
            return tree;
        };
        ObjectNode v1 = version.apply("1", "final");
        ObjectNode v2 = version.apply("2", "corrected");
        ObjectNode v3 = version.apply("3", "corrected");
        ObjectNode retract2 = retraction(version.apply("2", "entered-in-error"));
        ObjectNode retract3 = retraction(version.apply("3", "entered-in-error"));
        ObjectNode v1Other = v1.deepCopy();
        ((ObjectNode) v1Other.path("results").path(0)).put("value", new BigDecimal("4242.5"));
        ObjectNode otherPatient = retraction(version.apply("2", "entered-in-error")).put("patientId", key + "-other");
        ObjectNode versionB = version.apply("b", "final");
        ObjectNode versionA = version.apply("a", "corrected");
        Set<String> acc = Outcomes.accepted();
        Set<String> dup = Set.of(DUPLICATE);
        return switch (hostile.nextInt(11)) {
            case 0 -> group(key, "the same version twice", List.of(v1, v1), List.of(acc, dup));
            case 1 -> group(key, "the correction before the result", List.of(v2, v1), List.of(acc, Set.of(OUTDATED_VERSION)));
            case 2 -> group(key, "a result and its correction twice", List.of(v1, v2, v2), List.of(acc, acc, dup));
            // the first content of a version stands; lab-ingest refuses the conflict before it gets here
            case 3 -> group(key, "version 1 again with another value", List.of(v1, v1Other), List.of(acc, dup));
            case 4 -> group(key, "a retraction of a result never graded", List.of(retract2), List.of(Set.of(RETRACTS_UNKNOWN)));
            case 5 -> group(key, "a result and its retraction twice", List.of(v1, retract2, retract2),
                    List.of(acc, acc, dup));
            case 6 -> group(key, "a retraction of a result already retracted", List.of(v1, retract2, retract3),
                    List.of(acc, acc, dup));
            case 7 -> group(key, "a retraction after a later correction", List.of(v3, retract2),
                    List.of(acc, Set.of(OUTDATED_VERSION)));
            case 8 -> group(key, "the retracted result again", List.of(v1, retract2, v1), List.of(acc, acc, dup));
            case 9 -> group(key, "a retraction for another patient", List.of(v1, otherPatient),
                    List.of(acc, Set.of(RETRACTS_UNKNOWN)));
            // versions that are not numbers cannot be ordered: each is graded as it arrives
            default -> group(key, "versions b then a", List.of(versionB, versionA), List.of(acc, acc));
        };
    }

    private static ObjectNode retraction(ObjectNode tree) {
        tree.putArray("results");
        tree.put("issued", "2026-01-27T09:05:00Z");
        return tree;
    }

    private HostileRecord notAnObservation() {
        String key = nextKey();
        record Variant(String payload, Set<String> expected) {
        }
        Variant variant = hostile.pick(List.of(new Variant("null", Set.of(MALFORMED)), new Variant("[]", Set.of(MALFORMED)),
                new Variant("42", Set.of(MALFORMED)), new Variant("\"an observation\"", Set.of(MALFORMED)),
                new Variant("true", Set.of(MALFORMED)), new Variant("", Set.of(MALFORMED)),
                new Variant("{}", Set.of(INCOMPLETE)), new Variant("{\"observationId\": {}}", Set.of(MALFORMED))));
        return single("not an observation", key, "'" + variant.payload() + "'", variant.payload(), variant.expected());
    }

    // --- very large inputs ------------------------------------------------------------------------------------------------

    /** An input of {@code bytes} bytes: a valid observation padded in a member the grader ignores, or in one it reads. */
    HostileRecord large(String where, int bytes) {
        String key = nextKey();
        ObjectNode tree = base(key);
        return switch (where) {
            case "ignored" -> single("huge payload", key, "padded in an unknown member to " + bytes + " bytes",
                    hostile.padded(tree, "note", bytes), Outcomes.accepted());
            case "patientId" -> single("huge payload", key, "patientId padded to " + bytes + " bytes",
                    hostile.padded(tree, "patientId", bytes), Set.of(INVALID));
            default -> single("huge payload", key, "observationId padded to " + bytes + " bytes",
                    hostile.padded(tree, "observationId", bytes), Set.of(INVALID));
        };
    }

    // --- helpers -------------------------------------------------------------------------------------------------------

    /** A valid example as this case's: its observation id names the case, its patient is the case's own. */
    private ObjectNode base(String key) {
        ObjectNode tree = hostile.read(pick(bases));
        tree.put("observationId", SYSTEM + "|" + key).put("patientId", key);
        return tree;
    }


    private HostileRecord group(String key, String description, List<ObjectNode> payloads, List<Set<String>> expected) {
        return inOrder("corrections and duplicates", key, description, payloads, expected);
    }

    private <T> T pick(List<T> items) {
        return hostile.pick(items);
    }


}
