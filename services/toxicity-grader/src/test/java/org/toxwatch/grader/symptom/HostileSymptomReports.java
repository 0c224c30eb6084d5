package org.toxwatch.grader.symptom;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.toxwatch.contracts.Examples;
import org.toxwatch.testsupport.hostile.HostileJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile requests to {@code POST /symptom-reports} for {@link HostileSymptomReportSuiteTest}, drawn from one seeded
 * {@link HostileJson} (the mutations every hostile-input suite shares). Each carries the statuses it may get: 202 only for a report ToxWatch can grade, a 4xx for everything
 * else, never a 5xx.
 */
final class HostileSymptomReports {

    static final Set<Integer> ACCEPTED = Set.of(202);
    static final Set<Integer> BAD_REQUEST = Set.of(400);
    static final Set<Integer> TOO_LARGE = Set.of(413);
    static final Set<Integer> UNSUPPORTED_MEDIA_TYPE = Set.of(415);

    static final String JSON = "application/json";
    static final int BODY_LIMIT = 64 * 1024;

    record Request(String family, String description, String method, String contentType, String body,
            Set<Integer> expected) {

        String excerpt() {
            return body.length() <= 240 ? body : body.substring(0, 240) + "… (" + body.length() + " characters)";
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RAW = "__RAW_TOKEN__";
    private static final List<String> TERMS = List.of("Nausea", "Vomiting", "Diarrhea", "Fatigue", "Abdominal pain",
            "nausea", "VOMITING");

    private final HostileJson hostile;
    private final String prefix;
    private final Instant now;
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> examples = Examples.valid("symptom-report.v1").stream().map(e -> e.text()).toList();
    private int next;

    HostileSymptomReports(long seed, String runTag, Instant now) {
        this.hostile = new HostileJson(seed);
        this.prefix = "hr-" + runTag + "-";
        this.now = now;
    }

    List<Request> generate(int count) {
        List<Request> requests = new ArrayList<>();
        while (requests.size() < count) {
            requests.addAll(draw());
        }
        return requests;
    }

    private List<Request> draw() {
        int roll = hostile.nextInt(100);
        if (roll < 15) {
            return List.of(valid());
        } else if (roll < 27) {
            return List.of(truncated());
        } else if (roll < 39) {
            return List.of(wrongType());
        } else if (roll < 42) {
            return List.of(deepNesting());
        } else if (roll < 49) {
            return List.of(unknownTermOrItem());
        } else if (roll < 58) {
            return List.of(gradeOutOfRange());
        } else if (roll < 67) {
            return List.of(proCtcaeAnswersOutOfRange());
        } else if (roll < 74) {
            return List.of(implausibleTime());
        } else if (roll < 79) {
            return List.of(missingIdentifier());
        } else if (roll < 83) {
            return List.of(oddPatient());
        } else if (roll < 88) {
            return duplicates();
        } else if (roll < 94) {
            return List.of(wrongContentType());
        }
        return List.of(sizeAndEmptiness());
    }

    // --- families ------------------------------------------------------------------------------------------------

    private Request valid() {
        if (hostile.nextBoolean()) {
            return request("valid", "a nurse's CTCAE grade", JSON, write(gradeReport()), ACCEPTED);
        }
        return request("valid", "a patient's PRO-CTCAE answers", JSON, write(proReport()), ACCEPTED);
    }

    private Request truncated() {
        HostileJson.Cut cut = hostile.truncated(write(hostile.nextBoolean() ? gradeReport() : proReport()));
        return request("truncated", cut.describe(), JSON, cut.text(), BAD_REQUEST);
    }

    /** One field given another JSON type. Jackson still reads a number as text and "3" as a number. */
    private Request wrongType() {
        ObjectNode report = hostile.nextBoolean() ? gradeReport() : proReport();
        HostileJson.WrongType changed = hostile.wrongType(report);
        String path = changed.path();
        JsonNode replacement = changed.replacement();
        // optional members may be null; a number for assessedAt (with a fraction or not) is read as seconds since 1970
        boolean stillValid = replacement.isNull() && path.endsWith("/recallPeriod")
                || path.equals("/assessedAt") && replacement.isNumber();
        return request("wrong type", changed.describe(), JSON, write(report), stillValid ? ACCEPTED : BAD_REQUEST);
    }

    private Request deepNesting() {
        int depth = HostileJson.DEEP;
        String body = switch (hostile.nextInt(3)) {
            case 0 -> "[".repeat(depth) + "]".repeat(depth);
            case 1 -> "{\"extra\": " + "[".repeat(depth) + "]".repeat(depth) + ", " + write(gradeReport()).substring(1);
            default -> "{\"extra\": " + "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth) + ", "
                    + write(gradeReport()).substring(1);
        };
        return request("deep nesting", depth + " levels", JSON, body, BAD_REQUEST);
    }

    private Request unknownTermOrItem() {
        ObjectNode report;
        String description;
        switch (hostile.nextInt(4)) {
            case 0 -> {
                report = gradeReport();
                report.put("term", "Grumpiness " + hostile.nextInt(1000));
                description = "a term CTCAE does not have";
            }
            case 1 -> {
                report = gradeReport();
                report.put("term", "x".repeat(2000));
                description = "a 2000-character term";
            }
            case 2 -> {
                report = proReport();
                ((ObjectNode) report.path("proCtcae")).put("item", "hiccups-" + hostile.nextInt(1000));
                description = "an unknown PRO-CTCAE item";
            }
            default -> {
                report = proReport();
                ((ObjectNode) report.path("proCtcae").path("answers")).put("interference", 2);
                description = "a question nausea does not ask";
            }
        }
        return request("unknown code", description, JSON, write(report), BAD_REQUEST);
    }

    private Request gradeOutOfRange() {
        ObjectNode report = gradeReport();
        String token = pick(List.of("6", "-1", "99", "2147483648", "3.5", "1e308", "1e999999999", "NaN", "Infinity",
                "\"three\"", "null", "true"));
        if (token.equals("6") || token.equals("-1") || token.equals("99")) {
            report.put("grade", Integer.parseInt(token));
        } else {
            report.put("grade", RAW);
        }
        // Fatigue has no grade 4 or 5: refused against NCI's grades for the term
        if (hostile.nextInt(4) == 0) {
            report.put("term", "Fatigue").put("grade", 4 + hostile.nextInt(2));
            token = "Fatigue " + report.path("grade").asInt();
        }
        return request("grade out of range", "grade " + token, JSON, write(report).replace("\"" + RAW + "\"", token),
                BAD_REQUEST);
    }

    private Request proCtcaeAnswersOutOfRange() {
        // nausea asked both questions: every answer is required (the examples' "never" asks only one)
        ObjectNode report = nauseaReport();
        ObjectNode answers = (ObjectNode) report.path("proCtcae").path("answers");
        String attribute = hostile.nextBoolean() ? "frequency" : "severity";
        String token = pick(List.of("5", "-1", "2.5", "1e308", "1e999999999", "-1e999999999", "1e-999999999", "NaN",
                "Infinity", "\"often\"", "null", "{}"));
        String description = attribute + " " + token;
        if (hostile.nextInt(5) == 0) {
            answers.remove("severity");
            description = "severity missing (not read as 0)";
            token = null;
        } else {
            answers.put(attribute, RAW);
        }
        String body = write(report);
        return request("PRO-CTCAE out of range", description, JSON,
                token == null ? body : body.replace("\"" + RAW + "\"", token), BAD_REQUEST);
    }

    /** assessedAt more than a day ahead of the clock or before 1900 is refused (input check; grading uses event time). */
    private Request implausibleTime() {
        record Variant(String at, Set<Integer> expected) {
        }
        Variant variant = pick(List.of(
                new Variant("+1000000000-12-31T23:59:59Z", BAD_REQUEST),
                new Variant("9999-12-31T23:59:59Z", BAD_REQUEST),
                new Variant(now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString(), BAD_REQUEST),
                new Variant("1850-06-01T08:00:00Z", BAD_REQUEST),
                new Variant("0001-01-01T00:00:00Z", BAD_REQUEST),
                new Variant("2026-02-04", BAD_REQUEST),
                new Variant("yesterday", BAD_REQUEST),
                new Variant("2026-13-45T99:00:00Z", BAD_REQUEST),
                new Variant(now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString(), ACCEPTED),
                new Variant("1900-01-02T00:00:00Z", ACCEPTED)));
        ObjectNode report = hostile.nextBoolean() ? gradeReport() : proReport();
        report.put("assessedAt", variant.at());
        return request("implausible time", "assessedAt " + variant.at(), JSON, write(report), variant.expected());
    }

    private Request missingIdentifier() {
        ObjectNode report = gradeReport();
        String description = switch (hostile.nextInt(5)) {
            case 0 -> {
                report.remove("reportId");
                yield "no reportId";
            }
            case 1 -> {
                report.put("reportId", "");
                yield "empty reportId";
            }
            case 2 -> {
                report.put("reportId", "report with spaces");
                yield "reportId with spaces";
            }
            case 3 -> {
                report.put("reportId", "r".repeat(101));
                yield "101-character reportId";
            }
            default -> {
                report.remove("patientId");
                yield "no patientId";
            }
        };
        return request("missing identifier", description, JSON, write(report), BAD_REQUEST);
    }

    /** No course is known for any of these patients: a grade report is checked under CTCAE v5.0 and accepted. */
    private Request oddPatient() {
        ObjectNode report = gradeReport();
        return switch (hostile.nextInt(4)) {
            case 0 -> request("unknown patient", "a patient nobody has seen", JSON, write(report), ACCEPTED);
            case 1 -> request("unknown patient", "patientId with a slash", JSON,
                    write(report.put("patientId", "Patient/" + nextId())), BAD_REQUEST);
            case 2 -> request("unknown patient", "65-character patientId", JSON,
                    write(report.put("patientId", "p".repeat(65))), BAD_REQUEST);
            default -> request("unknown patient", "patientId with a newline", JSON,
                    write(report.put("patientId", "p-1\np-2")), BAD_REQUEST);
        };
    }

    /**
     * The same report twice, and the same reportId with another grade: the door checks each on its own (202 both
     * times); the topic's consumer absorbs the repeat by reportId.
     */
    private List<Request> duplicates() {
        ObjectNode report = gradeReport();
        String first = write(report);
        if (hostile.nextBoolean()) {
            return List.of(request("duplicate", "the same report twice (1)", JSON, first, ACCEPTED),
                    request("duplicate", "the same report twice (2)", JSON, first, ACCEPTED));
        }
        report.put("grade", report.path("grade").asInt() == 1 ? 2 : 1);
        return List.of(request("duplicate", "a reportId sent again with another grade (1)", JSON, first, ACCEPTED),
                request("duplicate", "a reportId sent again with another grade (2)", JSON, write(report), ACCEPTED));
    }

    private Request wrongContentType() {
        String body = write(gradeReport());
        record Variant(String contentType, Set<Integer> expected) {
        }
        Variant variant = pick(List.of(
                new Variant("text/plain", UNSUPPORTED_MEDIA_TYPE),
                new Variant("application/xml", UNSUPPORTED_MEDIA_TYPE),
                new Variant("application/x-www-form-urlencoded", UNSUPPORTED_MEDIA_TYPE),
                new Variant("multipart/form-data; boundary=x", UNSUPPORTED_MEDIA_TYPE),
                // without a Content-Type, Quarkus REST reads the body as the JSON the method consumes
                new Variant(null, ACCEPTED),
                new Variant("application/json; charset=UTF-8", ACCEPTED)));
        return request("content type", String.valueOf(variant.contentType()), variant.contentType(), body,
                variant.expected());
    }

    private Request sizeAndEmptiness() {
        return switch (hostile.nextInt(6)) {
            case 0 -> request("size", "empty body", JSON, "", BAD_REQUEST);
            case 1 -> request("size", "the JSON null", JSON, "null", BAD_REQUEST);
            case 2 -> request("size", "an empty object", JSON, "{}", BAD_REQUEST);
            case 3 -> padded("1 MiB body", 1024 * 1024, TOO_LARGE);
            case 4 -> padded("1 byte over the 64 KiB limit", BODY_LIMIT + 1, TOO_LARGE);
            default -> padded("a valid report padded to 64 KiB", BODY_LIMIT, ACCEPTED);
        };
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** A valid grade report padded, in a member the service ignores, to exactly {@code bytes} (ASCII) bytes. */
    private Request padded(String description, int bytes, Set<Integer> expected) {
        String report = write(gradeReport().put("padding", RAW));
        String body = report.replace(RAW, "z".repeat(bytes - (report.length() - RAW.length())));
        return request("size", description, JSON, body, expected);
    }

    private ObjectNode gradeReport() {
        ObjectNode report = NODES.objectNode();
        report.put("reportId", "ward5b-" + nextId());
        report.put("patientId", nextId());
        report.put("assessedAt", "2026-02-04T10:15:00Z");
        report.put("term", pick(TERMS));
        report.put("grade", 1 + hostile.nextInt(3));
        report.put("reporterRole", pick(List.of("nurse", "oncologist", "pharmacist", "patient")));
        return report;
    }

    /** One of the contract's PRO-CTCAE examples, or nausea with answers drawn from the scale. */
    private ObjectNode proReport() {
        if (hostile.nextInt(3) != 0) {
            return nauseaReport();
        }
        ObjectNode report = read(pick(examples.stream().filter(e -> e.contains("proCtcae")).toList()));
        report.put("reportId", "pro-app-" + nextId());
        report.put("patientId", nextId());
        return report;
    }

    private ObjectNode nauseaReport() {
        ObjectNode report = read(examples.stream().filter(e -> e.contains("nausea")).findFirst().orElseThrow());
        ObjectNode answers = (ObjectNode) report.path("proCtcae").path("answers");
        answers.put("frequency", 1 + hostile.nextInt(4));
        answers.put("severity", 1 + hostile.nextInt(4));
        report.put("reportId", "pro-app-" + nextId());
        report.put("patientId", nextId());
        return report;
    }

    /** Whatever else is wrong with it, a body over the limit is refused for its size first. */
    private Request request(String family, String description, String contentType, String body, Set<Integer> expected) {
        boolean tooLarge = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > BODY_LIMIT;
        return new Request(family, description, "POST", contentType, body, tooLarge ? TOO_LARGE : expected);
    }

    private String nextId() {
        return prefix + next++;
    }

    private ObjectNode read(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
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
}
