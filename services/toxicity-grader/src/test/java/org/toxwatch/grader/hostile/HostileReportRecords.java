package org.toxwatch.grader.hostile;

import static org.toxwatch.testsupport.hostile.HostileRecord.single;
import static org.toxwatch.testsupport.hostile.Outcomes.DUPLICATE;
import static org.toxwatch.testsupport.hostile.Outcomes.union;

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
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile {@code symptom-report.v1} messages on {@code symptom.reports.v1}, where ward systems publish without the REST
 * door's checks. Each case has its own key, which is also its patient and its reportId, so every graded event (its
 * observation id is {@code urn:toxwatch:symptom-report|reportId}) and dead letter names the case.
 * <p>
 * What the grader decides on the topic, where nobody waits for an answer: a grade NCI does not define for the term,
 * and PRO-CTCAE answers with one missing, become NOT_GRADABLE events with the reason (visible downstream); an unknown
 * term or item, an answer off the scale, an item without a CTCAE term, an unreadable or invalid report is
 * dead-lettered; a repeated reportId is absorbed.
 */
final class HostileReportRecords extends HostileRecords {

    static final String PREFIX_OF_EVENTS = "urn:toxwatch:symptom-report|";
    static final String MALFORMED = "MALFORMED_REPORT";
    static final String INVALID = "INVALID_REPORT";
    static final String UNKNOWN_TERM = "UNKNOWN_TERM";
    static final String UNKNOWN_ITEM = "UNKNOWN_PRO_CTCAE_ITEM";
    static final String INVALID_ANSWERS = "INVALID_PRO_CTCAE_ANSWERS";
    static final String NO_CTCAE_TERM = "NO_CTCAE_TERM";
    static final Set<String> ANY_REFUSAL = Set.of(MALFORMED, INVALID, UNKNOWN_TERM, UNKNOWN_ITEM, INVALID_ANSWERS,
            NO_CTCAE_TERM);
    static final Set<String> CODES = ANY_REFUSAL;

    private static final List<String> TERMS = List.of("Nausea", "Vomiting", "Diarrhea", "Fatigue", "Abdominal pain",
            "nausea", "VOMITING");

    private final Instant now;
    private final List<String> examples = Examples.valid("symptom-report.v1").stream().map(e -> e.text()).toList();

    HostileReportRecords(long seed, String runTag, Instant now) {
        super(seed, "hs-" + runTag + "-");
        this.now = now;
    }

    List<HostileRecord> generate(int inputs) {
        return atLeast(inputs, this::draw);
    }

    private HostileRecord draw() {
        int roll = hostile.nextInt(100);
        if (roll < 15) {
            return valid();
        } else if (roll < 27) {
            return truncated(this::anyReport, Set.of(MALFORMED));
        } else if (roll < 40) {
            return wrongType();
        } else if (roll < 43) {
            return deepNesting(this::gradeReport, Set.of(MALFORMED));
        } else if (roll < 51) {
            return unknownTermOrItem();
        } else if (roll < 60) {
            return gradeOutOfRange();
        } else if (roll < 69) {
            return answersOutOfRange();
        } else if (roll < 76) {
            return absurdTime();
        } else if (roll < 84) {
            return oddIdsAndPatients();
        } else if (roll < 94) {
            return duplicates();
        }
        return notAMessage("not a report", "a report", MALFORMED, INVALID);
    }

    HostileRecord valid() {
        String key = nextKey();
        ObjectNode report = anyReport(key);
        return single("valid", key, "a valid report", hostile.write(report), Outcomes.accepted());
    }

    private HostileRecord wrongType() {
        String key = nextKey();
        ObjectNode report = anyReport(key);
        HostileJson.WrongType changed = hostile.wrongType(report);
        JsonNode replacement = changed.replacement();
        Set<String> expected;
        if (replacement.isNull() && (changed.path().endsWith("/recallPeriod") || changed.path().startsWith("/proCtcae/answers/"))) {
            // no recall period is NCI's standard; a null answer is a missing one: NOT_GRADABLE, visible downstream
            expected = Outcomes.accepted();
        } else if (changed.path().equals("/assessedAt") && replacement.isNumber()) {
            // seconds since 1970: a plausible time
            expected = union(Outcomes.accepted(), ANY_REFUSAL);
        } else {
            expected = ANY_REFUSAL;
        }
        return single("wrong type", key, changed.describe(), hostile.write(report), expected);
    }

    private HostileRecord unknownTermOrItem() {
        String key = nextKey();
        return switch (hostile.nextInt(6)) {
            case 0 -> single("unknown code", key, "a term CTCAE does not have",
                    hostile.write(gradeReport(key).put("term", "Grumpiness " + hostile.nextInt(1000))), Set.of(UNKNOWN_TERM));
            case 1 -> single("unknown code", key, "a term of 2,000 characters",
                    hostile.write(gradeReport(key).put("term", "x".repeat(2000))), Set.of(INVALID));
            case 2 -> {
                ObjectNode report = proReport(key);
                ((ObjectNode) report.path("proCtcae")).put("item", "hiccups-" + hostile.nextInt(1000));
                yield single("unknown code", key, "an unknown PRO-CTCAE item", hostile.write(report), Set.of(UNKNOWN_ITEM));
            }
            case 3 -> {
                ObjectNode report = proReport(key);
                ((ObjectNode) report.path("proCtcae")).put("item", "n".repeat(2000));
                yield single("unknown code", key, "an item id of 2,000 characters", hostile.write(report),
                        Set.of(UNKNOWN_ITEM));
            }
            case 4 -> {
                ObjectNode report = nauseaReport(key);
                ((ObjectNode) report.path("proCtcae").path("answers")).put("interference", 2);
                yield single("unknown code", key, "a question nausea does not ask", hostile.write(report),
                        Set.of(INVALID_ANSWERS));
            }
            default -> {
                ObjectNode report = nauseaReport(key);
                ObjectNode pro = (ObjectNode) report.path("proCtcae");
                pro.put("item", "mouth-or-throat-sores");
                pro.putObject("answers").put("severity", 2).put("interference", 1);
                yield single("unknown code", key, "an item whose CTCAE term ToxWatch does not grade",
                        hostile.write(report), Set.of(NO_CTCAE_TERM));
            }
        };
    }

    private HostileRecord gradeOutOfRange() {
        String key = nextKey();
        ObjectNode report = gradeReport(key);
        record Variant(String token, Set<String> expected) {
        }
        Variant variant = hostile.pick(List.of(new Variant("6", Set.of(INVALID)), new Variant("-1", Set.of(INVALID)),
                new Variant("99", Set.of(INVALID)), new Variant("2147483648", Set.of(MALFORMED)),
                new Variant("3.5", Set.of(MALFORMED)), new Variant("1e308", Set.of(MALFORMED)),
                new Variant("1e999999999", Set.of(MALFORMED)), new Variant("NaN", Set.of(MALFORMED)),
                new Variant("Infinity", Set.of(MALFORMED)), new Variant("\"three\"", Set.of(MALFORMED)),
                new Variant("null", Set.of(INVALID)), new Variant("true", Set.of(MALFORMED))));
        if (hostile.nextInt(4) == 0) {
            // Fatigue has no grade 4 or 5: on the topic that is a NOT_GRADABLE event with the reason
            int grade = 4 + hostile.nextInt(2);
            return single("grade out of range", key, "Fatigue grade " + grade,
                    hostile.write(report.put("term", "Fatigue").put("grade", grade)), Outcomes.accepted());
        }
        report.put("grade", HostileJson.RAW);
        return single("grade out of range", key, "grade " + variant.token(), hostile.writeWithRaw(report, variant.token()),
                variant.expected());
    }

    private HostileRecord answersOutOfRange() {
        String key = nextKey();
        ObjectNode report = nauseaReport(key);
        ObjectNode answers = (ObjectNode) report.path("proCtcae").path("answers");
        String attribute = hostile.nextBoolean() ? "frequency" : "severity";
        if (hostile.nextInt(5) == 0) {
            answers.remove("severity");
            return single("answers out of range", key, "severity missing (not read as 0)", hostile.write(report),
                    Outcomes.accepted());
        }
        record Variant(String token, Set<String> expected) {
        }
        Variant variant = hostile.pick(List.of(new Variant("5", Set.of(INVALID_ANSWERS)),
                new Variant("-1", Set.of(INVALID_ANSWERS)), new Variant("2.5", Set.of(INVALID_ANSWERS)),
                new Variant("1e308", Set.of(INVALID_ANSWERS)), new Variant("1e999999999", Set.of(INVALID_ANSWERS)),
                new Variant("-1e999999999", Set.of(INVALID_ANSWERS)), new Variant("1e-999999999", Set.of(INVALID_ANSWERS)),
                new Variant("NaN", Set.of(MALFORMED)), new Variant("Infinity", Set.of(MALFORMED)),
                new Variant("\"often\"", Set.of(MALFORMED)), new Variant("{}", Set.of(MALFORMED)),
                new Variant("null", Outcomes.accepted())));
        answers.put(attribute, HostileJson.RAW);
        return single("answers out of range", key, attribute + " " + variant.token(),
                hostile.writeWithRaw(report, variant.token()), variant.expected());
    }

    private HostileRecord absurdTime() {
        String key = nextKey();
        record Variant(String at, Set<String> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("+1000000000-12-31T23:59:59Z", Set.of(INVALID)),
                new Variant("9999-12-31T23:59:59Z", Set.of(INVALID)),
                new Variant(now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString(), Set.of(INVALID)),
                new Variant("1850-06-01T08:00:00Z", Set.of(INVALID)),
                new Variant("0001-01-01T00:00:00Z", Set.of(INVALID)),
                new Variant("2026-02-04", Set.of(MALFORMED)),
                new Variant("yesterday", Set.of(MALFORMED)),
                new Variant("2026-13-45T99:00:00Z", Set.of(MALFORMED)),
                new Variant(now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString(), Outcomes.accepted()),
                new Variant("1900-01-02T00:00:00Z", Outcomes.accepted())));
        ObjectNode report = anyReport(key);
        report.put("assessedAt", variant.at());
        return single("absurd time", key, "assessedAt " + variant.at(), hostile.write(report), variant.expected());
    }

    private HostileRecord oddIdsAndPatients() {
        String key = nextKey();
        ObjectNode report = gradeReport(key);
        record Variant(String description, Set<String> expected, Runnable change) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("no reportId", Set.of(INVALID), () -> report.remove("reportId")),
                new Variant("empty reportId", Set.of(INVALID), () -> report.put("reportId", "")),
                new Variant("reportId with spaces", Set.of(INVALID), () -> report.put("reportId", key + " x")),
                new Variant("reportId of 101 characters", Set.of(INVALID), () -> report.put("reportId", "r".repeat(101))),
                new Variant("no patientId", Set.of(INVALID), () -> report.remove("patientId")),
                new Variant("patientId with a slash", Set.of(INVALID), () -> report.put("patientId", "Patient/" + key)),
                new Variant("patientId of 65 characters", Set.of(INVALID), () -> report.put("patientId", "p".repeat(65))),
                new Variant("patientId with a newline", Set.of(INVALID), () -> report.put("patientId", "p-1\np-2")),
                new Variant("no reporterRole", Set.of(INVALID), () -> report.remove("reporterRole")),
                new Variant("reporterRole surgeon", Set.of(MALFORMED), () -> report.put("reporterRole", "surgeon")),
                // no course is known for any patient here: checked under CTCAE v5.0 and graded
                new Variant("a patient nobody has seen", Outcomes.accepted(), () -> report.put("patientId", "new-" + key))));
        variant.change().run();
        return single("odd ids and patients", key, variant.description(), hostile.write(report), variant.expected());
    }

    /** The same reportId again: absorbed by reportId, whatever it says the second time. */
    private HostileRecord duplicates() {
        String key = nextKey();
        ObjectNode report = gradeReport(key);
        String first = hostile.write(report);
        if (hostile.nextBoolean()) {
            return new HostileRecord("duplicate", key, "the same report twice", List.of(first, first),
                    List.of(Outcomes.accepted(), Set.of(DUPLICATE)));
        }
        report.put("grade", report.path("grade").asInt() == 1 ? 2 : 1);
        return new HostileRecord("duplicate", key, "a reportId again with another grade", List.of(first, hostile.write(report)),
                List.of(Outcomes.accepted(), Set.of(DUPLICATE)));
    }

    HostileRecord large(String where, int bytes) {
        String key = nextKey();
        ObjectNode report = gradeReport(key);
        return switch (where) {
            case "ignored" -> single("huge payload", key, "padded in an unknown member to " + bytes + " bytes",
                    hostile.padded(report, "padding", bytes), Outcomes.accepted());
            default -> single("huge payload", key, "term padded to " + bytes + " bytes",
                    hostile.padded(report, "term", bytes), Set.of(INVALID));
        };
    }

    // --- helpers -------------------------------------------------------------------------------------------------------

    /** A report of a grade or of PRO-CTCAE answers, as the draw has it. */
    private ObjectNode anyReport(String key) {
        return hostile.nextBoolean() ? gradeReport(key) : proReport(key);
    }

    private ObjectNode gradeReport(String key) {
        ObjectNode report = hostile.read("{}");
        report.put("reportId", key).put("patientId", key).put("assessedAt", "2026-02-04T10:15:00Z")
                .put("term", hostile.pick(TERMS)).put("grade", 1 + hostile.nextInt(3))
                .put("reporterRole", hostile.pickOf("nurse", "oncologist", "pharmacist", "patient"));
        return report;
    }

    private ObjectNode proReport(String key) {
        if (hostile.nextInt(3) != 0) {
            return nauseaReport(key);
        }
        ObjectNode report = hostile.read(hostile.pick(examples.stream().filter(e -> e.contains("proCtcae")).toList()));
        return report.put("reportId", key).put("patientId", key);
    }

    private ObjectNode nauseaReport(String key) {
        ObjectNode report = hostile.read(examples.stream().filter(e -> e.contains("nausea")).findFirst().orElseThrow());
        ObjectNode answers = (ObjectNode) report.path("proCtcae").path("answers");
        answers.put("frequency", 1 + hostile.nextInt(4)).put("severity", 1 + hostile.nextInt(4));
        return report.put("reportId", key).put("patientId", key);
    }




}
