package org.toxwatch.dashboard.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.toxwatch.testsupport.hostile.HostileJson;
import org.toxwatch.testsupport.hostile.RequestBurst.Request;
import org.toxwatch.testsupport.security.TokenIssuer;

/**
 * Hostile requests to the ward dashboard's REST API for {@link HostileDashboardSuiteTest}, drawn from one seeded
 * {@link HostileJson}, each with the statuses it may get. Who asks matters first: no token, a forged, expired or
 * garbled one is 401; a role that may not read or act is 403 (and an action so refused is audited). Then what is asked:
 * an alert or patient the dashboard has not seen is 404, an id that is no UUID or a parameter that is no number 404 (as
 * JAX-RS has it for path and query parameters), a bad view or position 400, a body that is not JSON or of the wrong
 * type 400, one over 16 KiB 413, a content type other than JSON 415. An action the advisor's state does not allow is
 * its 409, passed on; the peer standing in for the advisor applies them in the order they arrive, so an action on a
 * known alert may get 200 or 409.
 */
final class HostileDashboardRequests {

    /** quarkus.http.limits.max-body-size of the dashboard. */
    static final int BODY_LIMIT = 16 * 1024;
    private static final String JSON = "application/json";
    private static final Set<Integer> OK = Set.of(200);
    private static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final Set<Integer> UNAUTHORIZED = Set.of(401);
    private static final Set<Integer> FORBIDDEN = Set.of(403);
    private static final Set<Integer> NOT_FOUND = Set.of(404);
    private static final Set<Integer> NOT_ALLOWED = Set.of(405);
    private static final Set<Integer> TOO_LARGE = Set.of(413);
    private static final Set<Integer> UNSUPPORTED = Set.of(415);
    /** The advisor applies actions on a known alert in the order they come: the first of a kind passes, later ones 409. */
    private static final Set<Integer> APPLIED_OR_CONFLICT = Set.of(200, 409);

    private record Caller(String description, String authorization, boolean reads, Set<String> actions) {
    }

    private final HostileJson hostile;
    private final List<Caller> allowed;
    private final List<Caller> refused;
    private final List<Caller> unauthenticated;
    private final List<UUID> knownAlerts = new ArrayList<>();
    private int next;

    HostileDashboardRequests(long seed, TokenIssuer tokens, TokenIssuer forger) {
        this.hostile = new HostileJson(seed);
        for (int i = 0; i < 20; i++) {
            knownAlerts.add(UUID.nameUUIDFromBytes(("hostile-rest-" + seed + "-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        Set<String> all = Set.of("acknowledge", "override", "resolve");
        this.allowed = List.of(
                new Caller("nurse", tokens.bearer("nurse-5b-0042", "nurse"), true, Set.of("acknowledge", "resolve")),
                new Caller("oncologist", tokens.bearer("oncologist-07", "oncologist"), true, all),
                new Caller("pharmacist", tokens.bearer("pharmacist-02", "pharmacist"), true, all),
                new Caller("viewer", tokens.bearer("viewer-1", "viewer"), true, Set.of()));
        this.refused = List.of(
                new Caller("a role the dashboard does not know", tokens.bearer("someone", "janitor"), false, Set.of()),
                new Caller("no role at all", tokens.bearer("someone"), false, Set.of()));
        this.unauthenticated = List.of(
                new Caller("no token", null, false, Set.of()),
                new Caller("a token signed with another key", forger.bearer("nurse-5b-0042", "nurse"), false, Set.of()),
                new Caller("an expired token", "Bearer " + tokens.expiredToken(Duration.ofHours(2), "nurse-5b-0042", "nurse"),
                        false, Set.of()),
                new Caller("another issuer", tokens.withIssuer("https://evil.example/issuer").bearer("nurse-5b-0042",
                        "nurse"), false, Set.of()),
                new Caller("a garbled token", "Bearer not.a.jwt", false, Set.of()),
                new Caller("basic authentication", "Basic bnVyc2U6bnVyc2U=", false, Set.of()),
                new Caller("an empty bearer", "Bearer ", false, Set.of()));
    }

    /** Alerts the suite publishes before the storm, so that actions on them reach the advisor. */
    List<UUID> knownAlerts() {
        return knownAlerts;
    }

    List<Request> generate(int count, String knownPatient) {
        List<Request> requests = new ArrayList<>();
        while (requests.size() < count) {
            requests.add(draw(knownPatient));
        }
        return requests;
    }

    private Request draw(String knownPatient) {
        int roll = hostile.nextInt(100);
        if (roll < 12) {
            return whoAsks();
        } else if (roll < 24) {
            return listAlerts();
        } else if (roll < 34) {
            return oneAlert();
        } else if (roll < 38) {
            return stream();
        } else if (roll < 72) {
            return action();
        } else if (roll < 82) {
            return patient(knownPatient);
        } else if (roll < 92) {
            return audit();
        }
        return strayRequest();
    }

    /** A read by a caller who may not read: 401 or 403 before anything else. */
    private Request whoAsks() {
        boolean authenticated = hostile.nextBoolean();
        Caller caller = authenticated ? hostile.pick(refused) : hostile.pick(unauthenticated);
        String path = hostile.pickOf("/api/alerts", "/api/alerts/" + hostile.pick(knownAlerts), "/api/audit",
                "/api/patients/p-001");
        return get("who asks", caller.description() + " reads " + path, caller, path,
                authenticated ? FORBIDDEN : UNAUTHORIZED);
    }

    private Request listAlerts() {
        Caller caller = hostile.pick(allowed);
        record Variant(String query, Set<Integer> expected) {
        }
        String ward = HostileJson.excerpt(hostile.absurdText(), 1_000);
        Variant variant = hostile.pick(List.of(
                new Variant("", OK), new Variant("?view=all", OK), new Variant("?view=open&ward=5B", OK),
                // no ward has such a name, but asking is no error; a NUL character no database can take is one
                new Variant("?ward=" + encode(ward), ward.indexOf('\u0000') >= 0 ? BAD_REQUEST : OK),
                new Variant("?ward=%00", BAD_REQUEST),
                new Variant("?ward=" + encode("x".repeat(1_000)), OK),
                new Variant("?view=closed", BAD_REQUEST), new Variant("?view=" + encode("' OR 1=1 --"), BAD_REQUEST),
                // an empty view is the default one
                new Variant("?view=", OK), new Variant("?view=ALL", BAD_REQUEST)));
        return get("list alerts", caller.description() + " lists " + variant.query(), caller,
                "/api/alerts" + variant.query(), variant.expected());
    }

    private Request oneAlert() {
        Caller caller = hostile.pick(allowed);
        record Variant(String id, Set<Integer> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant(hostile.pick(knownAlerts).toString(), OK),
                new Variant(UUID.randomUUID().toString(), NOT_FOUND),
                new Variant("not-a-uuid", NOT_FOUND),
                new Variant(encode("'; DROP TABLE ward_dashboard.alert; --"), NOT_FOUND),
                new Variant("0", NOT_FOUND),
                new Variant("x".repeat(1_000), NOT_FOUND)));
        return get("one alert", caller.description() + " reads alert " + HostileJson.excerpt(variant.id(), 40), caller,
                "/api/alerts/" + variant.id(), variant.expected());
    }

    /** Only stream requests refused at once: an accepted stream stays open, which is no storm. */
    private Request stream() {
        Caller caller = hostile.pick(allowed);
        record Variant(String query, Map<String, String> headers, Set<Integer> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("?after=-1", Map.of(), BAD_REQUEST),
                new Variant("?after=-9223372036854775808", Map.of(), BAD_REQUEST),
                new Variant("?after=abc", Map.of(), NOT_FOUND),
                new Variant("?after=99999999999999999999", Map.of(), NOT_FOUND),
                new Variant("", Map.of("Last-Event-ID", "abc"), BAD_REQUEST),
                new Variant("", Map.of("Last-Event-ID", "-5"), BAD_REQUEST)));
        Map<String, String> headers = new java.util.HashMap<>(variant.headers());
        headers.put("Authorization", caller.authorization());
        headers.put("Accept", "text/event-stream");
        return new Request("stream", caller.description() + " opens the stream " + variant.query() + " " + variant.headers(),
                "GET", "/api/alerts/stream" + variant.query(), null, headers, null, variant.expected());
    }

    /** acknowledge, override or resolve, by every kind of caller, with every kind of body. */
    private Request action() {
        String action = hostile.pickOf("acknowledge", "override", "resolve");
        int kind = hostile.nextInt(100);
        Caller caller = kind < 70 ? hostile.pick(allowed) : kind < 80 ? hostile.pick(refused) : hostile.pick(unauthenticated);
        UUID known = hostile.pick(knownAlerts);
        String reason = "held as advised " + next++;
        String body = "{\"reason\": \"" + reason + "\"}";
        String id = known.toString();
        String contentType = JSON;
        Set<Integer> expected;
        String description;
        int variant = hostile.nextInt(14);
        switch (variant) {
            case 0 -> {
                id = "00000000-0000-0000-0000-" + String.format("%012d", hostile.nextInt(1_000_000));
                description = "an alert the advisor does not know";
            }
            case 1 -> {
                id = "not-a-uuid";
                description = "an id that is no UUID";
            }
            case 2 -> {
                body = hostile.truncated(body).text();
                description = "a truncated body";
            }
            case 3 -> {
                body = "{\"reason\": " + hostile.pickOf("42", "true", "[]", "{\"a\": 1}") + "}";
                description = "a reason of the wrong type";
            }
            case 4 -> {
                body = "[".repeat(HostileJson.DEEP) + "]".repeat(HostileJson.DEEP);
                description = "10,000 nested arrays";
            }
            case 5 -> {
                body = "{\"reason\": \"" + "r".repeat(BODY_LIMIT) + "\"}";
                description = "a body over 16 KiB";
            }
            case 6 -> {
                contentType = hostile.pickOf("text/plain", "application/xml", "application/x-www-form-urlencoded");
                description = "content type " + contentType;
            }
            case 7 -> {
                body = "{\"reason\": \"" + "r".repeat(15_000) + "\"}";
                description = "a reason of 15,000 characters";
            }
            case 8 -> {
                body = "{}";
                description = "no reason";
            }
            case 9 -> {
                body = "";
                description = "an empty body";
            }
            case 10 -> {
                body = "{\"reason\": \"" + reason + "\", \"actor\": \"someone-else\", \"revision\": -1}";
                description = "members the dashboard does not take (who acts is the token's)";
            }
            case 11 -> {
                body = "{\"reason\": \"held\\u0000as advised\"}";
                description = "a reason with a NUL character";
            }
            default -> description = "a reason";
        }
        String path = "/api/alerts/" + id + "/" + action;
        boolean tooLarge = body.getBytes(StandardCharsets.UTF_8).length > BODY_LIMIT;
        boolean noReason = variant == 8 || variant == 9;
        if (tooLarge) {
            expected = unauthenticated.contains(caller) ? Set.of(401, 413) : TOO_LARGE;
        } else if (unauthenticated.contains(caller)) {
            // refused before or after the request is read, depending on where the check runs: 401 either way, unless
            // the request fails to be read first
            expected = switch (variant) {
                case 1 -> Set.of(401, 404);
                case 2, 3, 4, 11 -> Set.of(400, 401);
                case 6 -> Set.of(401, 415);
                default -> UNAUTHORIZED;
            };
        } else if (variant == 1) {
            expected = NOT_FOUND;
        } else if (variant == 6) {
            expected = UNSUPPORTED;
        } else if (variant == 2 || variant == 3 || variant == 4 || variant == 11) {
            expected = BAD_REQUEST;
        } else if (!caller.actions().contains(action)) {
            expected = FORBIDDEN;
        } else if (action.equals("override") && noReason) {
            expected = BAD_REQUEST;
        } else if (variant == 0) {
            expected = NOT_FOUND;
        } else {
            expected = APPLIED_OR_CONFLICT;
        }
        Map<String, String> headers = caller.authorization() == null ? Map.of() : Map.of("Authorization", caller.authorization());
        return new Request("action", caller.description() + " " + action + "s: " + description, "POST", path, contentType,
                headers, body, expected);
    }

    private Request patient(String knownPatient) {
        Caller caller = hostile.pick(allowed);
        record Variant(String id, Set<Integer> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant(knownPatient, OK),
                new Variant("never-seen-" + hostile.nextInt(1_000_000), NOT_FOUND),
                new Variant(encode("p-1\np-2"), NOT_FOUND),
                new Variant(encode("../../etc/passwd"), Set.of(400, 404)),
                new Variant("p".repeat(1_000), NOT_FOUND),
                new Variant(encode("\u202Eevil"), NOT_FOUND),
                new Variant("p-%00", BAD_REQUEST)));
        return get("patient", caller.description() + " reads patient " + HostileJson.excerpt(variant.id(), 40), caller,
                "/api/patients/" + variant.id(), variant.expected());
    }

    private Request audit() {
        Caller caller = hostile.pick(allowed);
        record Variant(String query, Set<Integer> expected) {
        }
        Variant variant = hostile.pick(List.of(
                new Variant("", OK), new Variant("?limit=5", OK), new Variant("?limit=-5", OK),
                new Variant("?limit=2147483647", OK), new Variant("?limit=2147483648", NOT_FOUND),
                new Variant("?limit=abc", NOT_FOUND), new Variant("?alertId=" + hostile.pick(knownAlerts), OK),
                new Variant("?alertId=not-a-uuid", NOT_FOUND), new Variant("?patientId=" + encode("' OR 1=1 --"), OK),
                new Variant("?patientId=%00", BAD_REQUEST)));
        return get("audit", caller.description() + " reads the audit " + variant.query(), caller, "/api/audit"
                + variant.query(), variant.expected());
    }

    private Request strayRequest() {
        Caller caller = hostile.pick(allowed);
        Map<String, String> headers = Map.of("Authorization", caller.authorization());
        return switch (hostile.nextInt(4)) {
            case 0 -> new Request("stray", "DELETE the alert list", "DELETE", "/api/alerts", null, headers, null, NOT_ALLOWED);
            case 1 -> new Request("stray", "PUT an alert", "PUT", "/api/alerts/" + hostile.pick(knownAlerts), JSON, headers,
                    "{}", NOT_ALLOWED);
            case 2 -> new Request("stray", "GET an action", "GET", "/api/alerts/" + hostile.pick(knownAlerts) + "/override",
                    null, headers, null, Set.of(404, 405));
            default -> new Request("stray", "a path that does not exist", "GET", "/api/nothing-here", null, headers, null,
                    NOT_FOUND);
        };
    }

    private Request get(String family, String description, Caller caller, String path, Set<Integer> expected) {
        Map<String, String> headers = caller.authorization() == null ? Map.of() : Map.of("Authorization", caller.authorization());
        return new Request(family, description, "GET", path, null, headers, null, expected);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
