package org.toxwatch.labingest.messaging;

import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.CONFLICTING_DUPLICATE;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.INVALID_VALUE;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.MALFORMED_JSON;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.MISSING_FIELD;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.MISSING_UNIT;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.NOT_AN_OBSERVATION;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.RETRACTS_UNKNOWN_OBSERVATION;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.UNIT_NOT_GRADABLE;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.UNKNOWN_CODE;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.toxwatch.contracts.Example;
import org.toxwatch.contracts.Examples;
import org.toxwatch.labingest.normalization.RejectedObservation.Reason;
import org.toxwatch.testsupport.hostile.HostileJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile FHIR Observations for {@link HostileObservationSuiteTest}, all drawn from one seeded {@link HostileJson} (the
 * mutations every hostile-input suite shares): the same seed gives the same inputs (only the run tag in the keys
 * differs, so runs on a shared broker do not mix).
 * <p>
 * Each {@link Case} is one Kafka key, which is also the patient pseudonym and the identifier value, and holds one or
 * more payloads sent in order under that key, with what lab-ingest must make of them.
 */
final class HostileObservations {

    static final String IDENTIFIER_SYSTEM = "urn:lab:hostile";
    private static final String RAW = "__RAW_TOKEN__";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Elements of the valid examples that grading does not use. */
    private static final Set<String> UNREAD_ELEMENTS = Set.of("id", "category", "interpretation", "note");

    /** What lab-ingest must do with the payloads of one case. */
    record Expect(int normalizedCount, List<Reason> deadLettered, int duplicates, Set<Reason> eitherOneOf, boolean either) {

        static Expect normalized() {
            return new Expect(1, List.of(), 0, Set.of(), false);
        }

        /** Dead-lettered once, with one of these reasons. */
        static Expect deadLettered(Reason first, Reason... more) {
            return new Expect(0, List.of(), 0, EnumSet.of(first, more), true);
        }

        static Expect deadLetteredForAnyReason() {
            return new Expect(0, List.of(), 0, EnumSet.allOf(Reason.class), true);
        }

        /** Exactly one outcome: normalized, or dead-lettered with any reason code. */
        static Expect normalizedOrDeadLettered() {
            return new Expect(1, List.of(), 0, EnumSet.allOf(Reason.class), true);
        }

        /** A group of payloads under one key: so many normalized, these dead-lettered (in any order), so many absorbed. */
        static Expect group(int normalized, List<Reason> deadLettered, int duplicates) {
            return new Expect(normalized, deadLettered, duplicates, Set.of(), false);
        }

        boolean mayBeNormalized() {
            return normalizedCount > 0;
        }

        @Override
        public String toString() {
            if (either) {
                return (eitherOneOf.size() == Reason.values().length && normalizedCount == 1 ? "normalized or dead-lettered"
                        : (normalizedCount == 1 ? "normalized or " : "") + "dead-lettered as one of " + eitherOneOf);
            }
            return normalizedCount + " normalized, dead-lettered " + deadLettered + ", " + duplicates + " duplicates";
        }
    }

    record Case(String family, String key, String description, List<String> payloads, Expect expect) {

        String excerpt() {
            String first = payloads.get(0);
            return first.length() <= 300 ? first : first.substring(0, 300) + "… (" + first.length() + " characters)";
        }
    }

    private final HostileJson hostile;
    private final String keyPrefix;
    private final Instant now;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Example> bases;
    private final List<Example> quantityBases;
    private int next;

    HostileObservations(long seed, String runTag, Instant now) {
        this.hostile = new HostileJson(seed);
        this.keyPrefix = "hx-" + runTag + "-";
        this.now = now;
        // every valid example except the retraction, which needs its result sent first
        this.bases = Examples.valid("fhir-observation.v1").stream()
                .filter(e -> !e.text().contains("entered-in-error"))
                .toList();
        this.quantityBases = bases.stream()
                .filter(e -> e.text().contains("valueQuantity") && !e.text().contains("\"component\""))
                .toList();
    }

    /** At least {@code inputs} payloads, families drawn by weight, then a few very large ones. */
    List<Case> generate(int inputs) {
        List<Case> cases = new ArrayList<>();
        int payloads = 0;
        while (payloads < inputs) {
            Case c = draw();
            cases.add(c);
            payloads += c.payloads().size();
        }
        return cases;
    }

    private Case draw() {
        int roll = hostile.nextInt(100);
        if (roll < 14) {
            return valid();
        } else if (roll < 28) {
            return truncated();
        } else if (roll < 42) {
            return wrongType();
        } else if (roll < 45) {
            return deepNesting();
        } else if (roll < 53) {
            return unknownCode();
        } else if (roll < 61) {
            return absurdUnit();
        } else if (roll < 69) {
            return absurdNumber();
        } else if (roll < 76) {
            return implausibleDate();
        } else if (roll < 81) {
            return missingIdentifier();
        } else if (roll < 86) {
            return oddPatient();
        }
        return correctionsAndDuplicates();
    }

    // --- families ------------------------------------------------------------------------------------------------

    private Case valid() {
        String key = nextKey();
        Example base = pick(bases);
        return single("valid", key, base.fileName(), write(withIds(base, key, key)), Expect.normalized());
    }

    /** A valid example cut at a random point: never complete JSON, since every example ends with its closing brace. */
    private Case truncated() {
        String key = nextKey();
        Example base = pick(bases);
        HostileJson.Cut cut = hostile.truncated(write(withIds(base, key, key)));
        return single("truncated", key, base.fileName() + " " + cut.describe(), cut.text(),
                Expect.deadLettered(MALFORMED_JSON, NOT_AN_OBSERVATION));
    }

    /**
     * One field, anywhere in the resource, given a value of another JSON type. In an element ToxWatch reads, that is
     * refused (HAPI would skip or coerce it); in one it does not read (category, interpretation, note, id) it is left
     * alone and the result passes.
     */
    private Case wrongType() {
        String key = nextKey();
        Example base = pick(bases);
        ObjectNode tree = withIds(base, key, key);
        HostileJson.WrongType changed = hostile.wrongType(tree);
        Expect expect = UNREAD_ELEMENTS.contains(changed.member()) ? Expect.normalized() : Expect.deadLetteredForAnyReason();
        return single("wrong type", key, base.fileName() + " " + changed.describe(), write(tree), expect);
    }

    private Case deepNesting() {
        String key = nextKey();
        int depth = HostileJson.DEEP;
        String deep = "[".repeat(depth) + "]".repeat(depth);
        return switch (hostile.nextInt(5)) {
            case 0 -> single("deep nesting", key, depth + " nested arrays", deep, Expect.deadLettered(MALFORMED_JSON));
            case 1 -> single("deep nesting", key, depth + " nested arrays in an extension",
                    withMember(withIds(pick(bases), key, key), "\"extension\": " + deep), Expect.deadLettered(MALFORMED_JSON));
            case 2 -> single("deep nesting", key, depth + " nested objects in a note",
                    withMember(withIds(pick(bases), key, key),
                            "\"note\": " + "{\"text\": ".repeat(depth) + "\"x\"" + "}".repeat(depth)),
                    Expect.deadLettered(MALFORMED_JSON));
            case 3 -> single("deep nesting", key, depth + " unclosed arrays", "[".repeat(depth),
                    Expect.deadLettered(MALFORMED_JSON));
            default -> single("deep nesting", key, "900 nested arrays in an unknown element (within the parser's limit)",
                    withMember(withIds(pick(bases), key, key), "\"madeUp\": " + "[".repeat(900) + "]".repeat(900)),
                    Expect.normalizedOrDeadLettered());
        };
    }

    private Case unknownCode() {
        String key = nextKey();
        ObjectNode tree = withIds(pick(quantityBases), key, key);
        ObjectNode coding = (ObjectNode) tree.path("code").path("coding").path(0);
        String description;
        switch (hostile.nextInt(6)) {
            case 0 -> {
                String code = (10000 + hostile.nextInt(89999)) + "-" + hostile.nextInt(10);
                coding.put("code", code);
                description = "LOINC " + code;
            }
            case 1 -> {
                coding.put("code", "");
                description = "empty LOINC code";
            }
            case 2 -> {
                coding.put("system", "http://snomed.info/sct");
                description = "a known code, but not in the LOINC system";
            }
            case 3 -> {
                String code = randomText(200, "abcdefghijklmnopqrstuvwxyz-0123456789");
                coding.put("code", code);
                description = "a 200-character code";
            }
            case 4 -> {
                coding.remove("code");
                description = "coding without a code";
            }
            default -> {
                ((ObjectNode) tree.path("code")).remove("coding");
                description = "code with text only";
            }
        }
        return single("unknown code", key, description, write(tree), Expect.deadLettered(UNKNOWN_CODE));
    }

    private Case absurdUnit() {
        String key = nextKey();
        ObjectNode tree = withIds(pick(quantityBases), key, key);
        String unit = switch (hostile.nextInt(10)) {
            case 0 -> "%";
            case 1 -> "furlongs";
            case 2 -> "10*" + (100 + hostile.nextInt(999_999_900)) + "/L";
            case 3 -> "L9.L9.L9.L9.L9.L9.L9.L9.L9.L9";
            // letters only: never a count or activity per volume, and five or more never spell a temperature unit
            case 4 -> randomText(5 + hostile.nextInt(36), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
            case 5 -> randomText(65 + hostile.nextInt(200), "abcdefghijkmnopqrstuvwxyz/.*^[]{}()0123456789");
            case 6 -> "";
            case 7 -> "   ";
            case 8 -> "mm[Hg]";
            default -> "((((((((((((((((((((L";
        };
        ObjectNode quantity = NODES.objectNode();
        quantity.set("value", tree.path("valueQuantity").path("value"));
        quantity.put("unit", unit);
        tree.set("valueQuantity", quantity);
        tree.remove("referenceRange");
        return single("absurd unit", key, "unit '" + shorten(unit) + "'", write(tree),
                Expect.deadLettered(UNIT_NOT_GRADABLE, MISSING_UNIT));
    }

    private Case absurdNumber() {
        String key = nextKey();
        ObjectNode tree = withIds(pick(quantityBases), key, key);
        record Variant(String token, Expect expect) {
        }
        List<Variant> variants = List.of(
                new Variant("NaN", Expect.deadLettered(MALFORMED_JSON)),
                new Variant("Infinity", Expect.deadLettered(MALFORMED_JSON)),
                new Variant("-Infinity", Expect.deadLettered(MALFORMED_JSON)),
                new Variant("\"NaN\"", Expect.deadLettered(MALFORMED_JSON)),
                new Variant("-1", Expect.deadLettered(INVALID_VALUE)),
                new Variant("-0.001", Expect.deadLettered(INVALID_VALUE)),
                new Variant("-1e308", Expect.deadLettered(INVALID_VALUE)),
                new Variant("1e308", Expect.deadLettered(INVALID_VALUE)),
                new Variant("1.7976931348623157E308", Expect.deadLettered(INVALID_VALUE)),
                new Variant("4.9E-324", Expect.deadLettered(INVALID_VALUE)),
                new Variant("1e999999999", Expect.deadLettered(INVALID_VALUE)),
                new Variant("-1e999999999", Expect.deadLettered(INVALID_VALUE)),
                new Variant("1e-999999999", Expect.deadLettered(INVALID_VALUE)),
                new Variant("1" + "0".repeat(2000), Expect.deadLettered(MALFORMED_JSON)),
                // accepted by lab-ingest: the grading engine judges plausibility per analyte
                new Variant("0", Expect.normalized()),
                new Variant("-0", Expect.normalized()),
                new Variant("1e17", Expect.normalized()),
                new Variant("0.000000000000000001", Expect.normalized()));
        Variant variant = pick(variants);
        boolean inTheRange = hostile.nextInt(4) == 0 && !variant.expect().mayBeNormalized();
        if (inTheRange) {
            ObjectNode high = NODES.objectNode();
            high.put("value", RAW);
            high.put("unit", tree.path("valueQuantity").path("unit").asText());
            ArrayNode ranges = NODES.arrayNode();
            ranges.addObject().set("high", high);
            tree.set("referenceRange", ranges);
        } else {
            ((ObjectNode) tree.path("valueQuantity")).put("value", RAW);
        }
        String token = variant.token();
        return single("absurd number", key, (inTheRange ? "reference range high " : "value ") + shorten(token),
                write(tree).replace("\"" + RAW + "\"", token), variant.expect());
    }

    /**
     * Far-future and far-past sample times are refused at ingest (INVALID_VALUE): more than a day after receipt by the
     * machine clock, or before 1900. Input validation only; grading runs on the sample time. Dates that are not dates
     * are refused by the FHIR parser (MALFORMED_JSON); a bare date or one with trailing text, which the parser would
     * guess at, is refused as INVALID_VALUE.
     */
    private Case implausibleDate() {
        String key = nextKey();
        ObjectNode tree = withIds(pick(bases), key, key);
        record Variant(String date, Expect expect) {
        }
        List<Variant> variants = List.of(
                new Variant("9999-12-31T23:59:59Z", Expect.deadLettered(INVALID_VALUE)),
                new Variant("2999-01-01T00:00:00Z", Expect.deadLettered(INVALID_VALUE)),
                new Variant(now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString(),
                        Expect.deadLettered(INVALID_VALUE)),
                new Variant("0001-01-01T00:00:00Z", Expect.deadLettered(INVALID_VALUE)),
                new Variant("1850-06-01T08:00:00Z", Expect.deadLettered(INVALID_VALUE)),
                new Variant("10000-01-01T00:00:00Z", Expect.deadLettered(MALFORMED_JSON)),
                new Variant("2026-13-45T99:00:00Z", Expect.deadLettered(MALFORMED_JSON)),
                new Variant("yesterday", Expect.deadLettered(MALFORMED_JSON)),
                // the FHIR parser would read these as midnight in the server's zone, and as 07:30
                new Variant("2026-01-26", Expect.deadLettered(INVALID_VALUE)),
                new Variant("2026-01-26T07:30:00Zjunk", Expect.deadLettered(INVALID_VALUE)),
                new Variant(null, Expect.deadLettered(MISSING_FIELD)),
                // within bounds
                new Variant(now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString(), Expect.normalized()),
                new Variant("1900-01-02T00:00:00Z", Expect.normalized()));
        Variant variant = pick(variants);
        if (variant.date() == null) {
            tree.remove("effectiveDateTime");
        } else {
            tree.put("effectiveDateTime", variant.date());
        }
        return single("implausible date", key, "effectiveDateTime " + variant.date(), write(tree), variant.expect());
    }

    private Case missingIdentifier() {
        String key = nextKey();
        ObjectNode tree = withIds(pick(bases), key, key);
        String description;
        switch (hostile.nextInt(4)) {
            case 0 -> {
                tree.remove("identifier");
                description = "no identifier";
            }
            case 1 -> {
                tree.set("identifier", NODES.arrayNode());
                description = "empty identifier list";
            }
            case 2 -> {
                ((ObjectNode) tree.path("identifier").path(0)).remove("value");
                description = "identifier without a value";
            }
            default -> {
                ((ObjectNode) tree.path("identifier").path(0)).put("value", "");
                description = "identifier with an empty value";
            }
        }
        return single("missing identifier", key, description, write(tree), Expect.deadLettered(MISSING_FIELD, MALFORMED_JSON));
    }

    /**
     * lab-ingest keeps no patient register: a result for a patient nobody has seen is passed on (the grader keeps it,
     * e.g. as a baseline for a course that arrives later). Only a subject without an id, or an id too long to key on,
     * is refused.
     */
    private Case oddPatient() {
        String key = nextKey();
        ObjectNode tree = withIds(pick(bases), key, key);
        ObjectNode subject = (ObjectNode) tree.path("subject");
        record Variant(String reference, Expect expect) {
        }
        List<Variant> variants = List.of(
                new Variant("Patient/" + key, Expect.normalized()),
                new Variant("urn:uuid:" + key, Expect.normalized()),
                new Variant("Group/" + key, Expect.normalized()),
                new Variant("Patient/", Expect.deadLettered(MISSING_FIELD)),
                new Variant("Patient/" + "x".repeat(150), Expect.deadLettered(INVALID_VALUE)),
                new Variant(null, Expect.deadLettered(MISSING_FIELD)));
        Variant variant = pick(variants);
        if (variant.reference() == null) {
            subject.remove("reference");
            subject.put("display", "a patient known by name only");
        } else {
            subject.put("reference", variant.reference());
        }
        return single("unknown patient", key, "subject " + shorten(String.valueOf(variant.reference())), write(tree),
                variant.expect());
    }

    /** Several versions of one result under one key, in the order a confused lab system might send them. */
    private Case correctionsAndDuplicates() {
        String key = nextKey();
        Example base = pick(quantityBases);
        Function<String, ObjectNode> version = (v) -> {
            ObjectNode tree = withIds(base, key, key);
            ((ObjectNode) tree.path("meta")).put("versionId", v);
            return tree;
        };
        ObjectNode v1 = version.apply("1");
        v1.put("status", "final");
        ObjectNode v2 = version.apply("2");
        v2.put("status", "corrected");
        ((ObjectNode) v2.path("valueQuantity")).put("value", v1.path("valueQuantity").path("value").decimalValue()
                .add(java.math.BigDecimal.ONE));
        ObjectNode v2Retraction = version.apply("2");
        v2Retraction.put("status", "entered-in-error");
        ObjectNode v3Retraction = version.apply("3");
        v3Retraction.put("status", "entered-in-error");
        ObjectNode v1Other = v1.deepCopy();
        ((ObjectNode) v1Other.path("valueQuantity")).put("value", v1.path("valueQuantity").path("value").decimalValue()
                .add(java.math.BigDecimal.TEN));

        return switch (hostile.nextInt(7)) {
            case 0 -> group(key, "the same result sent twice", List.of(write(v1), write(v1)),
                    Expect.group(1, List.of(), 1));
            // lab-ingest passes both on, each with its version; which stands is the grader's call
            case 1 -> group(key, "the correction (version 2) before the result (version 1)", List.of(write(v2), write(v1)),
                    Expect.group(2, List.of(), 0));
            case 2 -> group(key, "version 1 twice with different values", List.of(write(v1), write(v1Other)),
                    Expect.group(1, List.of(CONFLICTING_DUPLICATE), 0));
            case 3 -> group(key, "entered-in-error before the result it retracts", List.of(write(v2Retraction), write(v1)),
                    Expect.group(1, List.of(RETRACTS_UNKNOWN_OBSERVATION), 0));
            case 4 -> group(key, "a result, its retraction twice, and a later retraction of it",
                    List.of(write(v1), write(v2Retraction), write(v2Retraction), write(v3Retraction)),
                    Expect.group(2, List.of(), 2));
            case 5 -> group(key, "a result and its correction, the correction sent twice",
                    List.of(write(v1), write(v2), write(v2)), Expect.group(2, List.of(), 1));
            default -> {
                ObjectNode bad = v1.deepCopy();
                ((ObjectNode) bad.path("valueQuantity")).put("unit", "furlongs").remove(List.of("system", "code"));
                yield group(key, "an unusable result sent twice (refusals are not absorbed)", List.of(write(bad), write(bad)),
                        Expect.group(0, List.of(UNIT_NOT_GRADABLE, UNIT_NOT_GRADABLE), 0));
            }
        };
    }

    // --- very large inputs -----------------------------------------------------------------------------------------

    /** Valid and invalid inputs whose size is {@code bytes} (ASCII, so characters = bytes), padded in one string field. */
    Case large(String what, int bytes) {
        String key = nextKey();
        ObjectNode tree = withIds(pick(quantityBases), key, key);
        String padded;
        Expect expect;
        switch (what) {
            case "note" -> {
                tree.putArray("note").addObject().put("text", RAW);
                expect = Expect.normalized();
            }
            case "unit" -> {
                ((ObjectNode) tree.path("valueQuantity")).put("unit", RAW).remove(List.of("system", "code"));
                tree.remove("referenceRange");
                expect = Expect.deadLettered(UNIT_NOT_GRADABLE);
            }
            case "identifier" -> {
                ((ObjectNode) tree.path("identifier").path(0)).put("value", key + RAW);
                expect = Expect.deadLettered(INVALID_VALUE);
            }
            case "date" -> {
                tree.put("effectiveDateTime", "2026-01-26T07:30:00Z" + RAW);
                expect = Expect.deadLettered(INVALID_VALUE);
            }
            default -> throw new IllegalArgumentException(what);
        }
        String template = write(tree);
        int padding = bytes - (template.length() - RAW.length());
        padded = template.replace(RAW, "z".repeat(Math.max(0, padding)));
        return single("huge payload", key, what + " padded to " + padded.length() + " bytes", padded, expect);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private Case single(String family, String key, String description, String payload, Expect expect) {
        return new Case(family, key, description, List.of(payload), expect);
    }

    private Case group(String key, String description, List<String> payloads, Expect expect) {
        return new Case("corrections and duplicates", key, description, payloads, expect);
    }

    private String nextKey() {
        return keyPrefix + next++;
    }

    /** The example with our identifier and patient, so every output can be traced back to its case. */
    private ObjectNode withIds(Example base, String identifierValue, String patient) {
        ObjectNode tree = read(base.text());
        ArrayNode identifiers = NODES.arrayNode();
        identifiers.addObject().put("system", IDENTIFIER_SYSTEM).put("value", identifierValue);
        tree.set("identifier", identifiers);
        tree.putObject("subject").put("reference", "Patient/" + patient);
        if (!tree.has("meta")) {
            tree.putObject("meta").put("versionId", "1");
        }
        return tree;
    }

    /** The resource written out with one more member first, as text (a tree could not hold what the member holds). */
    private String withMember(ObjectNode tree, String member) {
        return "{" + member + ", " + write(tree).substring(1);
    }

    private ObjectNode read(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a valid example is not JSON", e);
        }
    }

    private String write(JsonNode tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T pick(List<T> items) {
        return hostile.pick(items);
    }

    private String randomText(int length, String alphabet) {
        return hostile.randomText(length, alphabet);
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "… (" + text.length() + " characters)";
    }

}
