package org.toxwatch.advisor.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.toxwatch.testsupport.hostile.HostileJson;
import org.toxwatch.testsupport.hostile.RequestBurst.Request;
import org.toxwatch.testsupport.security.TokenIssuer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile requests to the dose-advisor's REST API for {@link HostileAdvisorSuiteTest}, drawn from one seeded
 * {@link HostileJson}, each with the statuses it may get: 2xx only for what the advisor can take, a 4xx for the rest,
 * never a 5xx or a hang.
 * <p>
 * Who asks decides first: no token, or a forged, expired or garbled one is 401; a role the endpoint does not allow is
 * 403. Whether a body over 64 KiB (413), a content type other than JSON (415) or a path parameter of the wrong type
 * (404) is seen before or after that depends on where Quarkus checks, so a caller turned away may get either. Then: a
 * body that is not a valid request is 400 with the problems; an unknown course, alert or planned cycle 404; an action
 * the alert's state or revision does not allow is 409 (actions on the same alerts arrive in no fixed order, so a
 * valid one may get 200 or 409); a course of another patient or a qualifier no rule of the course names is 400.
 */
final class HostileAdvisorRequests {

    static final int BODY_LIMIT = 64 * 1024;
    static final Set<String> QUALIFIERS = Set.of("corticosteroid-taper-completed", "prednisone-10mg-or-less");
    private static final String JSON = "application/json";
    private static final Set<Integer> OK = Set.of(200);
    private static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final Set<Integer> NOT_FOUND = Set.of(404);
    private static final Set<Integer> APPLIED_OR_CONFLICT = Set.of(200, 409);

    private record Caller(String description, String authorization, Set<String> roles) {

        boolean authenticated() {
            return roles != null;
        }
    }

    private final HostileJson hostile;
    private final String prefix;
    private final List<Caller> people;
    private final List<Caller> unauthenticated;
    private final List<Map.Entry<String, String>> courses;
    private final List<UUID> alerts;
    private int next;

    HostileAdvisorRequests(long seed, String runTag, TokenIssuer tokens, TokenIssuer forger,
            Map<String, String> patientByCourse, List<UUID> alerts) {
        this.hostile = new HostileJson(seed);
        this.prefix = "hq-" + runTag + "-";
        this.courses = List.copyOf(new java.util.TreeMap<>(patientByCourse).entrySet());
        this.alerts = List.copyOf(alerts);
        this.people = List.of(
                new Caller("integration", tokens.bearer("orders-his", "integration"), Set.of("integration")),
                new Caller("nurse", tokens.bearer("nurse-5b-0042", "nurse"), Set.of("nurse")),
                new Caller("oncologist", tokens.bearer("oncologist-07", "oncologist"), Set.of("oncologist")),
                new Caller("pharmacist", tokens.bearer("pharmacist-02", "pharmacist"), Set.of("pharmacist")),
                new Caller("viewer", tokens.bearer("viewer-1", "viewer"), Set.of("viewer")),
                new Caller("a role nobody knows", tokens.bearer("someone", "janitor"), Set.of("janitor")));
        this.unauthenticated = List.of(
                new Caller("no token", null, null),
                new Caller("a token signed with another key", forger.bearer("orders-his", "integration"), null),
                new Caller("an expired token", "Bearer " + tokens.expiredToken(Duration.ofHours(2), "orders-his",
                        "integration"), null),
                new Caller("another issuer", tokens.withIssuer("https://evil.example/issuer").bearer("orders-his",
                        "integration"), null),
                new Caller("a garbled token", "Bearer not.a.jwt", null));
    }

    /** What the courses of this generator and their patients start with. */
    String prefix() {
        return prefix;
    }

    // --- PUT /treatment-courses/{courseId} ------------------------------------------------------------------------------

    List<Request> courses(int count) {
        return generate(count, this::course);
    }

    private List<Request> course() {
        Caller caller = caller(Set.of("integration"), 80);
        String courseId = prefix + "c" + next++;
        String patient = prefix + "p" + next;
        ObjectNode course = validCourse(courseId, patient);
        String path = "/treatment-courses/" + courseId;
        int roll = hostile.nextInt(100);
        if (roll < 25) {
            return List.of(put(caller, "a valid course", path, JSON, hostile.write(course), OK));
        } else if (roll < 30) {
            // the same course twice, likely at once: both stored, neither a 500
            String body = hostile.write(course);
            return List.of(put(caller, "a course sent twice at once (1)", path, JSON, body, OK),
                    put(caller, "a course sent twice at once (2)", path, JSON, body, OK));
        } else if (roll < 33) {
            // whichever comes first stands; the other is refused: one 200 and one 400, in either order
            ObjectNode other = course.deepCopy().put("patientId", patient + "-other");
            return List.of(put(caller, "a course for one patient", path, JSON, hostile.write(course), Set.of(200, 400)),
                    put(caller, "the same course id for another patient", path, JSON, hostile.write(other),
                            Set.of(200, 400)));
        } else if (roll < 42) {
            HostileJson.Cut cut = hostile.truncated(hostile.write(course));
            return List.of(put(caller, "a truncated course: " + cut.describe(), path, JSON, cut.text(), BAD_REQUEST));
        } else if (roll < 58) {
            HostileJson.WrongType changed = hostile.wrongType(course);
            return List.of(put(caller, "wrong type " + changed.describe(), path, JSON, hostile.write(course),
                    wrongTypeOfCourse(changed, path.substring(path.lastIndexOf('/') + 1))));
        } else if (roll < 61) {
            HostileJson.Nested nested = hostile.deeplyNested(course);
            return List.of(put(caller, nested.description(), path, JSON, nested.text(), BAD_REQUEST));
        } else if (roll < 68) {
            return List.of(put(caller, "content type", path, hostile.pickOf("text/plain", "application/xml",
                    "application/x-www-form-urlencoded"), hostile.write(course), Set.of(415)));
        } else if (roll < 76) {
            return List.of(absurdCourseNumber(caller, course, path));
        } else if (roll < 83) {
            return List.of(absurdCourseDate(caller, course, path));
        } else if (roll < 93) {
            return List.of(oddCourse(caller, course, courseId, path));
        }
        return List.of(hugeCourse(caller, course, path));
    }

    /** Every member is read; null is allowed for some, another type for none (strict: "55" is no weight). */
    private static Set<Integer> wrongTypeOfCourse(HostileJson.WrongType changed, String courseId) {
        String last = changed.last();
        if (changed.replacement().isNull() || changed.original().isNull()
                || (last.equals("plannedStart") || last.equals("effectiveTime")) && changed.replacement().isNumber()) {
            // allowed or defaulted (ward, ctcaeVersion, weight, liver involvement, baselines and their limits), or a
            // date counted from 1970: either way a 200 or a 400 with the problem
            return Set.of(200, 400);
        }
        return BAD_REQUEST;
    }

    private Request absurdCourseNumber(Caller caller, ObjectNode course, String path) {
        record Variant(String where, String token, Set<Integer> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("/bodyWeightKg", "1e999999999", BAD_REQUEST), new Variant("/bodyWeightKg", "1e-999999999", BAD_REQUEST),
                new Variant("/bodyWeightKg", "NaN", BAD_REQUEST), new Variant("/bodyWeightKg", "-1", BAD_REQUEST),
                new Variant("/bodyWeightKg", "0", BAD_REQUEST), new Variant("/bodyWeightKg", "501", BAD_REQUEST),
                new Variant("/bodyWeightKg", "0.5", BAD_REQUEST), new Variant("/bodyWeightKg", "\"55\"", BAD_REQUEST),
                new Variant("/bodyWeightKg", "70.25", OK),
                new Variant("/drugs/0/doseLevel", "21", BAD_REQUEST), new Variant("/drugs/0/doseLevel", "1.5", BAD_REQUEST),
                new Variant("/drugs/0/doseLevel", "-1", BAD_REQUEST), new Variant("/drugs/0/doseLevel", "2", OK),
                new Variant("/cycles/0/number", "2147483648", BAD_REQUEST), new Variant("/cycles/0/number", "0", BAD_REQUEST),
                new Variant("/cycles/0/number", "2001", BAD_REQUEST),
                new Variant("/baselines/0/value", "1e999999999", BAD_REQUEST),
                new Variant("/baselines/0/value", "1e-999999999", BAD_REQUEST),
                new Variant("/baselines/0/value", "Infinity", BAD_REQUEST),
                new Variant("/baselines/0/upperLimit", "1e308", BAD_REQUEST), new Variant("/baselines/0/value", "96", OK)));
        HostileJson.replaceAt(course, variant.where(), com.fasterxml.jackson.databind.node.TextNode.valueOf(HostileJson.RAW));
        return put(caller, variant.where() + " " + variant.token(), path, JSON, hostile.writeWithRaw(course, variant.token()),
                variant.expected());
    }

    private Request absurdCourseDate(Caller caller, ObjectNode course, String path) {
        record Variant(String where, String date, Set<Integer> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("/cycles/0/plannedStart", "+999999999-12-31", BAD_REQUEST),
                new Variant("/cycles/0/plannedStart", "9999-12-31", BAD_REQUEST),
                new Variant("/cycles/0/plannedStart", "0001-01-01", BAD_REQUEST),
                new Variant("/cycles/0/plannedStart", "2026-02-30", BAD_REQUEST),
                new Variant("/cycles/0/plannedStart", "yesterday", BAD_REQUEST),
                new Variant("/cycles/0/plannedStart", "", BAD_REQUEST),
                new Variant("/baselines/0/effectiveTime", "9999-12-31T00:00:00Z", BAD_REQUEST),
                new Variant("/baselines/0/effectiveTime", "+1000000000-12-31T23:59:59Z", BAD_REQUEST),
                new Variant("/baselines/0/effectiveTime", "2026-01-02", BAD_REQUEST),
                new Variant("/cycles/0/plannedStart", "2026-01-05", OK)));
        HostileJson.replaceAt(course, variant.where(), com.fasterxml.jackson.databind.node.TextNode.valueOf(variant.date()));
        return put(caller, variant.where() + " '" + variant.date() + "'", path, JSON, hostile.write(course), variant.expected());
    }

    private Request oddCourse(Caller caller, ObjectNode course, String courseId, String path) {
        record Variant(String description, String path, Runnable change, Set<Integer> expected) {
        }
        String longId = courseId + "x".repeat(101);
        String newlineId = courseId + "\nx";
        Variant variant = hostile.pick(List.of(
                new Variant("path and body differ", path + "-other", () -> { }, BAD_REQUEST),
                new Variant("courseId of 101 characters", "/treatment-courses/" + longId,
                        () -> course.put("courseId", longId), BAD_REQUEST),
                new Variant("courseId with a newline", "/treatment-courses/" + encode(newlineId),
                        () -> course.put("courseId", newlineId), BAD_REQUEST),
                new Variant("patientId with a slash", path, () -> course.put("patientId", "Patient/x"), BAD_REQUEST),
                new Variant("patientId of 65 characters", path, () -> course.put("patientId", "p".repeat(65)), BAD_REQUEST),
                new Variant("a drug without rules", path, () -> ((ObjectNode) course.path("drugs").path(0)).put("drug",
                        "made-up-drug"), BAD_REQUEST),
                new Variant("a drug in capitals", path, () -> ((ObjectNode) course.path("drugs").path(0)).put("drug",
                        "LENVATINIB"), BAD_REQUEST),
                new Variant("ward of 41 characters", path, () -> course.put("ward", "W".repeat(41)), BAD_REQUEST),
                new Variant("CTCAE 4.03", path, () -> course.put("ctcaeVersion", "4.03"), BAD_REQUEST),
                new Variant("a baseline of an unknown analyte", path, () -> baseline(course).put("analyte", "FOO"), BAD_REQUEST),
                new Variant("a baseline in furlongs", path, () -> baseline(course).put("unit", "furlongs"), BAD_REQUEST),
                new Variant("a baseline unit of 10*999/L", path, () -> baseline(course).put("unit", "10*999/L"), BAD_REQUEST),
                new Variant("a regimen of 501 characters", path, () -> course.put("regimen", "r".repeat(501)), BAD_REQUEST),
                new Variant("an unknown member", path, () -> course.put("madeUp", true), OK)));
        variant.change().run();
        return put(caller, variant.description(), variant.path(), JSON, hostile.write(course), variant.expected());
    }

    private Request hugeCourse(Caller caller, ObjectNode course, String path) {
        ArrayNode cycles = (ArrayNode) course.path("cycles");
        record Variant(String description, Runnable change) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("201 cycles", () -> {
                    cycles.removeAll();
                    for (int i = 1; i <= 201; i++) {
                        cycles.addObject().put("number", i).put("plannedStart", "2026-01-05");
                    }
                }),
                new Variant("3,000 cycles", () -> {
                    cycles.removeAll();
                    for (int i = 1; i <= 3_000; i++) {
                        cycles.addObject().put("number", i).put("plannedStart", "2026-01-05");
                    }
                }),
                new Variant("21 drugs", () -> {
                    ArrayNode drugs = course.putArray("drugs");
                    for (int i = 0; i < 21; i++) {
                        drugs.addObject().put("drug", "lenvatinib").put("doseLevel", 0);
                    }
                }),
                new Variant("51 baselines", () -> {
                    ArrayNode baselines = course.putArray("baselines");
                    for (int i = 0; i < 51; i++) {
                        baselines.addObject().put("analyte", "AST").put("value", 40 + i).put("unit", "U/L");
                    }
                }),
                new Variant("a cycle listed twice", () -> cycles.add(cycles.get(0).deepCopy())),
                // over the 64 KiB limit, and no more: ten thousand requests are held in the test's memory at once
                new Variant("a body of 100 KB", () -> course.put("regimen", "r".repeat(100_000)))));
        variant.change().run();
        String body = hostile.write(course);
        return put(caller, variant.description(), path, JSON, body, BAD_REQUEST);
    }

    private ObjectNode validCourse(String courseId, String patient) {
        ObjectNode course = hostile.read("{}");
        course.put("courseId", courseId).put("patientId", patient).put("regimen", "HAIC-FOLFOX + lenvatinib + sintilimab")
                .put("ward", "5B").put("ctcaeVersion", hostile.pickOf("5.0", "6.0"))
                .put("bodyWeightKg", 50 + hostile.nextInt(40)).put("hccLiverInvolvement", true);
        ArrayNode cycles = course.putArray("cycles");
        cycles.addObject().put("number", 1).put("plannedStart", "2026-01-05");
        cycles.addObject().put("number", 2).put("plannedStart", "2026-01-26");
        cycles.addObject().put("number", 3).put("plannedStart", "2026-02-16");
        ArrayNode drugs = course.putArray("drugs");
        drugs.addObject().put("drug", "lenvatinib").put("doseLevel", 0);
        drugs.addObject().put("drug", "haic-folfox").put("doseLevel", 0);
        drugs.addObject().put("drug", "sintilimab").put("doseLevel", 0);
        course.putArray("baselines").addObject().put("analyte", "AST").put("value", 95).put("unit", "U/L")
                .put("upperLimit", 40).put("effectiveTime", "2026-01-02T08:00:00Z");
        return course;
    }

    private static ObjectNode baseline(ObjectNode course) {
        return (ObjectNode) course.path("baselines").path(0);
    }

    // --- POST /alerts/{alertId}/{action} --------------------------------------------------------------------------------

    List<Request> alertActions(int count) {
        return generate(count, () -> List.of(alertAction()));
    }

    private Request alertAction() {
        String action = hostile.pickOf("acknowledge", "override", "resolve");
        Set<String> roles = action.equals("override") ? Set.of("oncologist", "pharmacist")
                : Set.of("nurse", "oncologist", "pharmacist");
        Caller caller = caller(roles, 75);
        String id = hostile.pick(alerts).toString();
        String body;
        String contentType = JSON;
        Set<Integer> expected;
        String description;
        boolean badPath = false;
        switch (hostile.nextInt(16)) {
            case 0 -> {
                id = UUID.randomUUID().toString();
                body = validAction(action);
                description = "an alert nobody raised";
                expected = NOT_FOUND;
            }
            case 1 -> {
                id = hostile.pickOf("not-a-uuid", "0", "x".repeat(500));
                body = validAction(action);
                description = "an id that is no UUID";
                expected = NOT_FOUND;
                badPath = true;
            }
            case 2 -> {
                body = hostile.truncated("{\"reason\": \"seen\", \"revision\": 1}").text();
                description = "a truncated body";
                expected = BAD_REQUEST;
            }
            case 3 -> {
                String token = hostile.pickOf("0", "-1", "\"1\"", "1.5", "2147483648", "1e999999999", "true", "{}");
                body = "{\"reason\": \"seen\", \"revision\": " + token + "}";
                description = "revision " + token;
                expected = BAD_REQUEST;
            }
            case 4 -> {
                body = hostile.pickOf("", "null");
                description = "no body";
                expected = BAD_REQUEST;
            }
            case 5 -> {
                body = "{\"reason\": " + hostile.pickOf("42", "true", "[]", "{}") + "}";
                description = "a reason of the wrong type";
                expected = action.equals("acknowledge") ? APPLIED_OR_CONFLICT : BAD_REQUEST;
            }
            case 6 -> {
                body = "[".repeat(HostileJson.DEEP) + "]".repeat(HostileJson.DEEP);
                description = "10,000 nested arrays";
                expected = BAD_REQUEST;
            }
            case 7 -> {
                body = "{\"reason\": \"" + "r".repeat(BODY_LIMIT) + "\"}";
                description = "a body over 64 KiB";
                expected = Set.of(413);
            }
            case 8 -> {
                contentType = hostile.pickOf("text/plain", "application/xml");
                body = validAction(action);
                description = "content type " + contentType;
                expected = Set.of(415);
            }
            case 9 -> {
                body = "{\"reason\": \"" + hostile.pickOf("", "   ") + "\"}";
                description = "a blank reason";
                expected = action.equals("override") ? BAD_REQUEST : APPLIED_OR_CONFLICT;
            }
            case 10 -> {
                body = "{\"reason\": \"" + "r".repeat(60_000) + "\"}";
                description = "a reason of 60,000 characters";
                expected = APPLIED_OR_CONFLICT;
            }
            case 11 -> {
                body = "{\"reason\": \"seen\", \"actor\": \"someone-else\", \"revision\": 999}";
                description = "a revision nobody read, and an actor the advisor ignores";
                expected = Set.of(409);
            }
            case 12 -> {
                body = "{}";
                description = "an empty request";
                expected = action.equals("override") ? BAD_REQUEST : APPLIED_OR_CONFLICT;
            }
            default -> {
                body = validAction(action);
                description = "a valid request";
                expected = APPLIED_OR_CONFLICT;
            }
        }
        boolean tooLarge = body.getBytes(StandardCharsets.UTF_8).length > BODY_LIMIT;
        Set<Integer> early = new HashSet<>();
        if (tooLarge) {
            early.add(413);
        }
        if (!contentType.equals(JSON)) {
            early.add(415);
        }
        if (badPath) {
            early.add(404);
        }
        return new Request("alert action", caller.description() + " " + action + "s: " + description, "POST",
                "/alerts/" + id + "/" + action, contentType, headers(caller), body, gate(caller, roles, early, expected));
    }

    private String validAction(String action) {
        return action.equals("acknowledge") ? "{}" : "{\"reason\": \"held as advised " + next++ + "\"}";
    }

    // --- POST /treatment-courses/{courseId}/cycles/{cycle}/pre-cycle-check ----------------------------------------------

    List<Request> preCycleChecks(int count) {
        return generate(count, () -> List.of(preCycleCheck()));
    }

    private Request preCycleCheck() {
        Set<String> roles = Set.of("nurse", "oncologist", "pharmacist");
        Caller caller = caller(roles, 80);
        String course = courses.get(hostile.nextInt(courses.size())).getKey();
        record Variant(String description, String course, String cycle, Set<Integer> expected, boolean badPath) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("a planned cycle", course, String.valueOf(1 + hostile.nextInt(3)), OK, false),
                new Variant("a planned cycle", course, String.valueOf(1 + hostile.nextInt(3)), OK, false),
                new Variant("a cycle the course does not plan", course, "99", NOT_FOUND, false),
                new Variant("an unknown course", prefix + "nobody", "1", NOT_FOUND, false),
                new Variant("a course id of 1,000 characters", "c".repeat(1_000), "1", NOT_FOUND, false),
                new Variant("a course id that is SQL", encode("' OR 1=1 --"), "1", NOT_FOUND, false),
                new Variant("cycle 0", course, "0", BAD_REQUEST, false),
                new Variant("cycle -1", course, "-1", BAD_REQUEST, false),
                new Variant("cycle abc", course, "abc", NOT_FOUND, true),
                new Variant("cycle 2147483648", course, "2147483648", NOT_FOUND, true),
                new Variant("cycle 1e9", course, "1e9", NOT_FOUND, true)));
        // the check takes no body; whatever is sent is not read
        String body = hostile.pickOf(null, "", "{}", "[[[[", "x".repeat(1_000));
        Set<Integer> early = variant.badPath() ? Set.of(404) : Set.of();
        return new Request("pre-cycle check", caller.description() + ": " + variant.description(), "POST",
                "/treatment-courses/" + variant.course() + "/cycles/" + variant.cycle() + "/pre-cycle-check",
                body == null ? null : hostile.pickOf(JSON, "text/plain"), headers(caller), body,
                gate(caller, roles, early, variant.expected()));
    }

    // --- POST /treatment-courses/{courseId}/qualifiers ------------------------------------------------------------------

    List<Request> qualifiers(int count) {
        return generate(count, () -> List.of(qualifier()));
    }

    private Request qualifier() {
        Set<String> roles = Set.of("oncologist", "pharmacist");
        Caller caller = caller(roles, 75);
        String course = courses.get(hostile.nextInt(courses.size())).getKey();
        String known = hostile.pick(List.copyOf(new java.util.TreeSet<>(QUALIFIERS)));
        record Variant(String description, String course, String contentType, String body, Set<Integer> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("a qualifier the course's rules name", course, JSON, "{\"qualifier\": \"" + known + "\"}", OK),
                new Variant("a qualifier the course's rules name", course, JSON, "{\"qualifier\": \"" + known + "\"}", OK),
                new Variant("a qualifier no rule names", course, JSON, "{\"qualifier\": \"made-up-" + hostile.nextInt(1000)
                        + "\"}", BAD_REQUEST),
                new Variant("an unknown course", prefix + "nobody", JSON, "{\"qualifier\": \"" + known + "\"}", NOT_FOUND),
                new Variant("a qualifier in capitals", course, JSON, "{\"qualifier\": \"PREDNISONE\"}", BAD_REQUEST),
                new Variant("a qualifier of 101 characters", course, JSON, "{\"qualifier\": \"" + "q".repeat(101) + "\"}",
                        BAD_REQUEST),
                new Variant("a qualifier that is a number", course, JSON, "{\"qualifier\": 42}", BAD_REQUEST),
                new Variant("no qualifier", course, JSON, "{}", BAD_REQUEST),
                new Variant("no body", course, JSON, "", BAD_REQUEST),
                new Variant("a truncated body", course, JSON, "{\"qualifier\": \"predn", BAD_REQUEST),
                new Variant("10,000 nested objects", course, JSON, "{\"a\": ".repeat(HostileJson.DEEP), BAD_REQUEST),
                new Variant("an actor the advisor ignores", course, JSON, "{\"qualifier\": \"" + known
                        + "\", \"actor\": \"someone-else\"}", OK),
                new Variant("content type text/plain", course, "text/plain", "{\"qualifier\": \"" + known + "\"}",
                        Set.of(415)),
                new Variant("a body over 64 KiB", course, JSON, "{\"qualifier\": \"" + "q".repeat(BODY_LIMIT) + "\"}",
                        Set.of(413))));
        Set<Integer> early = new HashSet<>();
        if (variant.expected().contains(413)) {
            early.add(413);
        }
        if (variant.expected().contains(415)) {
            early.add(415);
        }
        return new Request("qualifier", caller.description() + ": " + variant.description(), "POST",
                "/treatment-courses/" + variant.course() + "/qualifiers", variant.contentType(), headers(caller),
                variant.body(), gate(caller, roles, early, variant.expected()));
    }

    // --- who asks -------------------------------------------------------------------------------------------------------

    /** A caller allowed {@code percent} of the time; otherwise one turned away (a role not allowed, or no valid token). */
    private Caller caller(Set<String> roles, int percent) {
        if (hostile.nextInt(100) < percent) {
            List<Caller> allowed = people.stream().filter(p -> p.roles().stream().anyMatch(roles::contains)).toList();
            return hostile.pick(allowed);
        }
        if (hostile.nextBoolean()) {
            List<Caller> notAllowed = people.stream().filter(p -> p.roles().stream().noneMatch(roles::contains)).toList();
            return hostile.pick(notAllowed);
        }
        return hostile.pick(unauthenticated);
    }

    /** What a caller gets: 401 or 403 if turned away (or what comes before the check), else what the request deserves. */
    private static Set<Integer> gate(Caller caller, Set<String> roles, Set<Integer> early, Set<Integer> deserved) {
        Set<Integer> statuses = new HashSet<>(early);
        if (!caller.authenticated()) {
            statuses.add(401);
            return statuses;
        }
        if (caller.roles().stream().noneMatch(roles::contains)) {
            statuses.add(403);
            return statuses;
        }
        if (early.contains(413)) {
            return Set.of(413);
        }
        return deserved;
    }

    private static Map<String, String> headers(Caller caller) {
        return caller.authorization() == null ? Map.of() : Map.of("Authorization", caller.authorization());
    }

    private Request put(Caller caller, String description, String path, String contentType, String body,
            Set<Integer> deserved) {
        Set<Integer> early = new HashSet<>();
        boolean tooLarge = body.getBytes(StandardCharsets.UTF_8).length > BODY_LIMIT;
        if (tooLarge) {
            early.add(413);
        }
        if (!JSON.equals(contentType)) {
            early.add(415);
        }
        return new Request("course", caller.description() + " sends " + description, "PUT", path, contentType,
                headers(caller), body, gate(caller, Set.of("integration"), early, tooLarge ? Set.of(413) : deserved));
    }

    private List<Request> generate(int count, Supplier<List<Request>> draw) {
        List<Request> requests = new ArrayList<>();
        while (requests.size() < count) {
            requests.addAll(draw.get());
        }
        return requests;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
