package org.toxwatch.dashboard.hostile;

import static org.toxwatch.testsupport.hostile.HostileRecord.single;
import static org.toxwatch.testsupport.hostile.Outcomes.DUPLICATE;
import static org.toxwatch.testsupport.hostile.Outcomes.union;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.toxwatch.dashboard.support.Messages;
import org.toxwatch.testsupport.hostile.HostileJson;
import org.toxwatch.testsupport.hostile.HostileRecord;
import org.toxwatch.testsupport.hostile.HostileRecords;
import org.toxwatch.testsupport.hostile.Outcomes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile records for the ward dashboard's four topics, from the messages the producers send ({@link Messages}, checked
 * against the contract) and one seeded {@link HostileJson}. Each case has its own key (the patient of its messages) and
 * its own alert, event or course id, so what the read model stored or skipped is traced back to it.
 * <p>
 * What the read model decides: it stores what it can serve (the alert's content, each transition, each graded event
 * and course version); a record that repeats what it has (the same revision or transition, the same event) changes
 * nothing; one it cannot read or that exceeds what it keeps (ids beyond their columns, numbers of absurd size, times
 * before 1900 or in the future, records over 256 KiB, a required member missing or of the wrong type) is skipped,
 * counted and kept in {@code skipped_record}. Unknown members and unknown values of open sets (an alert type added
 * later) are allowed: the read model is a tolerant reader of what it does not keep.
 */
final class HostileReadModelRecords extends HostileRecords {

    static final String MALFORMED = "MALFORMED_JSON";
    static final String MISSING = "MISSING_FIELD";
    static final String INVALID = "INVALID_FIELD";
    static final String EMPTY = "EMPTY_RECORD";
    static final String TOO_LARGE = "RECORD_TOO_LARGE";
    static final Set<String> CODES = Set.of(MALFORMED, MISSING, INVALID, EMPTY, TOO_LARGE);
    static final Set<String> REFUSED = Set.of(MISSING, INVALID);

    private static final Instant LAB = Instant.parse("2026-01-26T07:30:00Z");

    private final Instant now;
    /** What each case stored under, for finding it in the read model: alert id, event id or course id to key. */
    private final Map<String, String> keyById = new HashMap<>();

    HostileReadModelRecords(long seed, String runTag, Instant now) {
        super(seed, "hd-" + runTag + "-");
        this.now = now;
    }

    Map<String, String> keyById() {
        return keyById;
    }


    // --- the four topics -------------------------------------------------------------------------------------------------

    /** A topic's worth: at least {@code inputs} payloads, families drawn by weight, then a few very large ones. */
    List<HostileRecord> generate(String topic, int inputs) {
        List<HostileRecord> cases = atLeast(inputs, () -> draw(topic));
        cases.add(cases.size() / 2, large(topic, true));
        cases.add(cases.size() / 2, large(topic, false));
        return cases;
    }

    HostileRecord valid(String topic) {
        String key = nextKey();
        return single("valid", key, "a message as its producer sends it", hostile.write(message(topic, key)),
                Outcomes.accepted());
    }

    private HostileRecord draw(String topic) {
        int roll = hostile.nextInt(100);
        if (roll < 16) {
            return valid(topic);
        } else if (roll < 28) {
            return truncated(key -> message(topic, key), Set.of(MALFORMED));
        } else if (roll < 46) {
            return wrongType(topic);
        } else if (roll < 49) {
            return deepNesting(key -> message(topic, key), Set.of(MALFORMED));
        } else if (roll < 58) {
            return absurdNumber(topic);
        } else if (roll < 66) {
            return absurdTime(topic);
        } else if (roll < 78) {
            return absurdText(topic);
        } else if (roll < 92) {
            return repeats(topic);
        }
        return notAMessage();
    }

    /** One value of another JSON type: refused where the read model keeps it, ignored where it does not. */
    private HostileRecord wrongType(String topic) {
        String key = nextKey();
        ObjectNode message = message(topic, key);
        HostileJson.WrongType changed = hostile.wrongType(message);
        Set<String> expected = wrongTypeOutcome(topic, changed);
        return single("wrong type", key, changed.describe(), hostile.write(message), expected);
    }

    private static Set<String> wrongTypeOutcome(String topic, HostileJson.WrongType changed) {
        String path = changed.path();
        JsonNode replacement = changed.replacement();
        Kept kept = kept(topic, path);
        if (kept == Kept.NOT) {
            return Outcomes.accepted();
        }
        if (kept == Kept.CARRIED_PATIENT) {
            // a carried alert is taken only with a patient, given as text
            return Set.of(INVALID);
        }
        if (replacement.isNull()) {
            return kept == Kept.REQUIRED ? Set.of(MISSING) : Outcomes.accepted();
        }
        if (changed.original().isNull()) {
            // a member sent as null, now a value: one the read model takes, or refuses
            return union(Outcomes.accepted(), REFUSED);
        }
        if (kept == Kept.LENIENT) {
            // read where an object is allowed to be something else (a trigger that is no object is no trigger)
            return union(Outcomes.accepted(), REFUSED);
        }
        return REFUSED;
    }

    private enum Kept { NOT, OPTIONAL, REQUIRED, LENIENT, CARRIED_PATIENT }

    /** How the read model keeps the value at a path of a topic's message. */
    private static Kept kept(String topic, String path) {
        return switch (topic) {
            case Messages.ALERTS -> alertKept(path);
            case Messages.LIFECYCLE -> path.startsWith("/alert/") ? carriedKept(path.substring("/alert".length()))
                    : switch (path) {
                        case "/alertId", "/sequence", "/transition", "/toState", "/actor", "/at", "/patientId" -> Kept.REQUIRED;
                        case "/fromState", "/reason", "/revision", "/escalationLevel", "/courseId", "/drug",
                                "/alertType" -> Kept.OPTIONAL;
                        // the carried alert: null or absent is none, anything but an object is refused
                        case "/alert" -> Kept.OPTIONAL;
                        default -> Kept.NOT;
                    };
            case Messages.GRADED -> switch (path) {
                case "/eventId", "/patientId", "/effectiveTime", "/term", "/status" -> Kept.REQUIRED;
                case "/courseId", "/cycleNumber", "/ctcaeVersion", "/analyte", "/grade", "/value", "/unit",
                        "/lowerLimit", "/upperLimit", "/supersedes", "/retracts" -> Kept.OPTIONAL;
                // a baseline that is no object is no baseline
                case "/baseline" -> Kept.LENIENT;
                default -> Kept.NOT;
            };
            default -> switch (path) {
                case "/courseId", "/patientId" -> Kept.REQUIRED;
                case "/ward" -> Kept.OPTIONAL;
                default -> Kept.NOT;
            };
        };
    }

    /** The alert a lifecycle event carries: its own id and type are the event's; its patient is required. */
    private static Kept carriedKept(String path) {
        return switch (path) {
            case "/alertId" -> Kept.NOT;
            case "/type" -> Kept.OPTIONAL;
            case "/patientId" -> Kept.CARRIED_PATIENT;
            default -> alertKept(path);
        };
    }

    private static Kept alertKept(String path) {
        return switch (path) {
            case "/alertId", "/patientId", "/type" -> Kept.REQUIRED;
            case "/courseId", "/drug", "/action", "/cycleNumber", "/revision", "/effectiveTime", "/trigger/term",
                    "/trigger/unit", "/trigger/grade" -> Kept.OPTIONAL;
            case "/trigger" -> Kept.LENIENT;
            default -> Kept.NOT;
        };
    }

    /** Numbers of absurd size in a member the read model keeps, or in one it only passes on to the screen. */
    private HostileRecord absurdNumber(String topic) {
        String key = nextKey();
        ObjectNode message = message(topic, key);
        String token = hostile.pickOf("NaN", "Infinity", "1" + "0".repeat(2000), "1e999999999", "-1e999999999",
                "1e-999999999", "1e308", "2147483648", "-1", "0");
        String path = switch (topic) {
            case Messages.ALERTS -> hostile.pickOf("/revision", "/cycleNumber", "/trigger/value", "/trigger/grade");
            case Messages.LIFECYCLE -> hostile.pickOf("/sequence", "/escalationLevel", "/revision", "/alert/trigger/value");
            case Messages.GRADED -> hostile.pickOf("/value", "/upperLimit", "/grade", "/cycleNumber");
            default -> hostile.pickOf("/bodyWeightKg", "/cycles/0/number");
        };
        HostileJson.replaceAt(message, path, com.fasterxml.jackson.databind.node.TextNode.valueOf(HostileJson.RAW));
        Set<String> expected;
        if (HostileJson.NOT_JSON_NUMBERS.contains(token)) {
            expected = Set.of(MALFORMED);
        } else if (!measurable(token)) {
            expected = Set.of(INVALID);
        } else {
            expected = numberOutcome(topic, path, token);
        }
        return single("absurd number", key, path + " " + HostileJson.excerpt(token, 30), hostile.writeWithRaw(message, token),
                expected);
    }

    /** 2147483648, -1 and 0 where integers of a range are kept; anything where only the screen shows it. */
    private static Set<String> numberOutcome(String topic, String path, String token) {
        boolean integerField = path.endsWith("/revision") || path.endsWith("/cycleNumber") || path.endsWith("/sequence")
                || path.endsWith("/escalationLevel") || path.endsWith("/grade");
        boolean kept = !(Messages.COURSES.equals(topic));
        if (!kept || !integerField) {
            return Outcomes.accepted();
        }
        return switch (token) {
            case "2147483648" -> Set.of(INVALID);
            case "-1" -> Set.of(INVALID);
            // 0 is a grade and an escalation level; not a revision, cycle or sequence
            default -> path.endsWith("/grade") || path.endsWith("/escalationLevel") ? Outcomes.accepted() : Set.of(INVALID);
        };
    }

    private HostileRecord absurdTime(String topic) {
        String key = nextKey();
        ObjectNode message = message(topic, key);
        String field = switch (topic) {
            case Messages.ALERTS, Messages.GRADED -> "effectiveTime";
            case Messages.LIFECYCLE -> "at";
            default -> "plannedStart";
        };
        record Variant(String time, Set<String> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("+1000000000-12-31T23:59:59Z", Set.of(INVALID)),
                new Variant("9999-12-31T23:59:59Z", Set.of(INVALID)),
                new Variant(now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString(), Set.of(INVALID)),
                new Variant("0001-01-01T00:00:00Z", Set.of(INVALID)),
                new Variant("yesterday", Set.of(INVALID)),
                new Variant("2026-13-45T99:00:00Z", Set.of(INVALID)),
                new Variant("2026-02-04", Set.of(INVALID)),
                new Variant(now.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString(), Outcomes.accepted())));
        Set<String> expected = variant.expected();
        if (field.equals("plannedStart")) {
            // the dashboard shows a course's dates as they came; it keeps no time of its own from them
            ((ObjectNode) message.path("cycles").path(0)).put(field, variant.time());
            expected = Outcomes.accepted();
        } else {
            message.put(field, variant.time());
        }
        return single("absurd time", key, field + " '" + variant.time() + "'", hostile.write(message), expected);
    }

    /** Text where an id or a name is kept: beyond its column, no pseudonym, control characters; or a huge free text. */
    private HostileRecord absurdText(String topic) {
        String key = nextKey();
        ObjectNode message = message(topic, key);
        record Variant(String description, Set<String> expected, Runnable change) {
        }
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("patientId of 101 characters", Set.of(INVALID), () -> message.put("patientId", "p".repeat(101))),
                new Variant("patientId with a slash", Set.of(INVALID), () -> message.put("patientId", "Patient/" + key)),
                new Variant("empty patientId", Set.of(MISSING), () -> message.put("patientId", "")),
                new Variant("patientId with a newline", Set.of(INVALID), () -> message.put("patientId", "p-1\np-2")),
                new Variant("courseId of 101 characters", Set.of(INVALID), () -> message.put("courseId", "c".repeat(101)))));
        switch (topic) {
            case Messages.ALERTS -> variants.addAll(List.of(
                    new Variant("alertId not a UUID", Set.of(INVALID), () -> message.put("alertId", "alert-1")),
                    new Variant("type of 31 characters", Set.of(INVALID), () -> message.put("type", "T".repeat(31))),
                    new Variant("a type added later", Outcomes.accepted(), () -> message.put("type", "DOSE_ESCALATE")),
                    new Variant("drug of 101 characters", Set.of(INVALID), () -> message.put("drug", "d".repeat(101))),
                    new Variant("an explanation of 100,000 characters", Outcomes.accepted(),
                            () -> message.put("explanation", "x".repeat(100_000)))));
            case Messages.LIFECYCLE -> variants.addAll(List.of(
                    new Variant("transition of 21 characters", Set.of(INVALID), () -> message.put("transition", "T".repeat(21))),
                    new Variant("actor of 201 characters", Set.of(INVALID), () -> message.put("actor", "a".repeat(201))),
                    new Variant("a transition added later", Outcomes.accepted(), () -> message.put("transition", "SNOOZED")),
                    new Variant("a carried alert without a patient", Set.of(INVALID),
                            () -> message.set("alert", hostile.read("{\"alertId\": \"" + UUID.randomUUID() + "\"}"))),
                    new Variant("a reason of 20,000 characters", Set.of(INVALID), () -> message.put("reason", "r".repeat(20_000)))));
            case Messages.GRADED -> variants.addAll(List.of(
                    new Variant("term of 201 characters", Set.of(INVALID), () -> message.put("term", "t".repeat(201))),
                    new Variant("unit of 51 characters", Set.of(INVALID), () -> message.put("unit", "u".repeat(51))),
                    new Variant("status of 21 characters", Set.of(INVALID), () -> message.put("status", "S".repeat(21))),
                    new Variant("eventId not a UUID", Set.of(INVALID), () -> message.put("eventId", "e-1")),
                    new Variant("grade 6", Set.of(INVALID), () -> message.put("grade", 6))));
            default -> variants.addAll(List.of(
                    new Variant("ward of 41 characters", Set.of(INVALID), () -> message.put("ward", "W".repeat(41))),
                    new Variant("courseId with a newline", Set.of(INVALID), () -> message.put("courseId", key + "\n")),
                    new Variant("a regimen of 100,000 characters", Outcomes.accepted(),
                            () -> message.put("regimen", "r".repeat(100_000)))));
        }
        Variant variant = hostile.pick(variants);
        variant.change().run();
        return single("absurd text", key, variant.description(), hostile.write(message), variant.expected());
    }

    /** The same message again, an older revision or sequence after a newer one, versions of a course. */
    private HostileRecord repeats(String topic) {
        String key = nextKey();
        ObjectNode first = message(topic, key);
        Set<String> acc = Outcomes.accepted();
        Set<String> dup = Set.of(DUPLICATE);
        return switch (topic) {
            case Messages.ALERTS -> {
                ObjectNode second = first.deepCopy().put("revision", 2);
                yield hostile.nextBoolean()
                        ? group(key, "the same revision twice", List.of(first, first), List.of(acc, dup))
                        : group(key, "revision 2, then revision 1", List.of(second, first), List.of(acc, dup));
            }
            case Messages.LIFECYCLE -> {
                ObjectNode acknowledged = first.deepCopy().put("sequence", 2).put("transition", "ACKNOWLEDGED")
                        .put("fromState", "OPEN").put("toState", "ACKNOWLEDGED").put("actor", "nurse-1");
                acknowledged.putNull("alert");
                yield switch (hostile.nextInt(3)) {
                    case 0 -> group(key, "the same transition twice", List.of(first, first), List.of(acc, dup));
                    // both transitions are kept whatever their order; the state is the highest sequence's
                    case 1 -> group(key, "sequence 2 before sequence 1", List.of(acknowledged, first), List.of(acc, acc));
                    default -> group(key, "sequence 1, 2, then 2 again", List.of(first, acknowledged, acknowledged),
                            List.of(acc, acc, dup));
                };
            }
            case Messages.GRADED -> group(key, "the same event twice", List.of(first, first), List.of(acc, dup));
            default -> {
                ObjectNode moved = first.deepCopy().put("ward", "5C");
                // every version is kept (the dose-level history), even one that repeats the last
                yield hostile.nextBoolean()
                        ? group(key, "the same course twice", List.of(first, first), List.of(acc, acc))
                        : group(key, "the course moved to another ward", List.of(first, moved), List.of(acc, acc));
            }
        };
    }

    private HostileRecord notAMessage() {
        String key = nextKey();
        record Variant(String payload, Set<String> expected) {
        }
        Variant variant = hostile.pick(List.of(new Variant("null", Set.of(MALFORMED)), new Variant("[]", Set.of(MALFORMED)),
                new Variant("42", Set.of(MALFORMED)), new Variant("\"a message\"", Set.of(MALFORMED)),
                new Variant("", Set.of(EMPTY)), new Variant("   ", Set.of(EMPTY)), new Variant("{}", Set.of(MISSING))));
        return single("not a message", key, "'" + variant.payload() + "'", variant.payload(), variant.expected());
    }

    /** A valid message of some 1 MiB (over the read model's 256 KiB), or one of 200 KiB (within it). */
    private HostileRecord large(String topic, boolean overTheBound) {
        String key = nextKey();
        ObjectNode message = message(topic, key);
        int bytes = overTheBound ? 1_048_576 - 200 : 200 * 1024;
        String padded = hostile.padded(message, "padding", bytes);
        return single("huge payload", key, "padded to " + padded.getBytes(StandardCharsets.UTF_8).length + " bytes",
                padded, overTheBound ? Set.of(TOO_LARGE) : Outcomes.accepted());
    }

    // --- messages --------------------------------------------------------------------------------------------------------

    /** A valid message of the topic for this case, with ids that name it. */
    ObjectNode message(String topic, String key) {
        UUID id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        Instant at = LAB.plusSeconds(hostile.nextInt(86_400));
        return switch (topic) {
            case Messages.ALERTS -> {
                keyById.put(id.toString(), key);
                yield Messages.doseAlert(id, hostile.pickOf("DOSE_HOLD", "DOSE_REDUCE", "DELAY_CYCLE", "DISCONTINUE"),
                        key, "course-" + key, "lenvatinib", 1, "Neutrophil count decreased", 3, "0.8", "10*9/L", at);
            }
            case Messages.LIFECYCLE -> {
                keyById.put(id.toString(), key);
                ObjectNode alert = Messages.doseAlert(id, "DOSE_HOLD", key, "course-" + key, "lenvatinib", 1,
                        "Neutrophil count decreased", 3, "0.8", "10*9/L", at);
                yield Messages.lifecycle(alert, 1, "OPENED", null, "OPEN", "system:dose-advisor", null, at.plusSeconds(1), 0);
            }
            case Messages.GRADED -> {
                keyById.put(id.toString(), key);
                yield Messages.graded(id, key, "course-" + key, 2, at, "Neutrophil count decreased", "NEUTROPHILS",
                        3, "0.8", "10*9/L", "1.8", "7.7");
            }
            default -> {
                keyById.put(key, key);
                yield Messages.course(key, key, hostile.nextBoolean() ? "5B" : null,
                        List.of(new Messages.Drug("lenvatinib", 0), new Messages.Drug("haic-folfox", 0)));
            }
        };
    }

    // --- helpers -------------------------------------------------------------------------------------------------------


    private HostileRecord group(String key, String description, List<ObjectNode> payloads, List<Set<String>> expected) {
        return inOrder("repeats", key, description, payloads, expected);
    }


}
