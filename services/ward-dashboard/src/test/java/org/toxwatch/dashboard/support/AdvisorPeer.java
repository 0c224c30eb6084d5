package org.toxwatch.dashboard.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An HTTP peer standing in for the dose-advisor's alert actions (its own lifecycle is tested in its module): it keeps
 * a state per alert and answers as the advisor does, 200 with the alert, 409 with the current state, 404 for an alert
 * it does not know (ids starting 00000000-), and hangs up without answering for ids starting dead0000- (an advisor
 * that fails). Like the advisor it wants a bearer token and records the token's person and role, not the body's; it
 * does not verify the signature (the advisor's own tests do). {@code GET /calls} lists the calls it received with the
 * Authorization header they carried, so a test can see what was forwarded, with whose token, and what was not.
 */
public class AdvisorPeer implements QuarkusTestResourceLifecycleManager {

    private static final Pattern ACTION = Pattern.compile("^/alerts/([0-9a-f-]{36})/(acknowledge|override|resolve)$");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The advisor's choice of role when a token carries several (oncologist, pharmacist, nurse). */
    private static final List<String> ACTING_ROLES = List.of("oncologist", "pharmacist", "nurse");

    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/alerts/", this::action);
        server.createContext("/calls", exchange -> send(exchange, 200, JSON.writeValueAsString(calls)));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return Map.of("quarkus.rest-client.dose-advisor.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void action(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        calls.add(exchange.getRequestMethod() + " " + path + " " + body + " " + authorization);
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            send(exchange, 401, "{\"problems\": [\"no bearer token\"]}");
            return;
        }
        Matcher m = ACTION.matcher(path);
        if (!"POST".equals(exchange.getRequestMethod()) || !m.matches()) {
            send(exchange, 404, "{\"problems\": [\"no such path\"]}");
            return;
        }
        String alertId = m.group(1);
        if (alertId.startsWith("dead0000-")) {
            exchange.close(); // no answer at all
            return;
        }
        if (alertId.startsWith("00000000-")) {
            send(exchange, 404, "{\"problems\": [\"no dose alert " + alertId + "\"]}");
            return;
        }
        JsonNode request = JSON.readTree(body);
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(authorization.substring(7).split("\\.")[1]));
        String role = ACTING_ROLES.stream()
                .filter(r -> claims.path("groups").toString().contains("\"" + r + "\"")).findFirst().orElse(null);
        if (role == null || m.group(2).equals("override") && role.equals("nurse")) {
            send(exchange, 403, "{\"problems\": [\"role may not " + m.group(2) + "\"]}");
            return;
        }
        String current = states.getOrDefault(alertId, "OPEN");
        String next = switch (m.group(2)) {
            case "acknowledge" -> current.equals("OPEN") ? "ACKNOWLEDGED" : null;
            case "override" -> current.equals("OPEN") || current.equals("ACKNOWLEDGED") ? "OVERRIDDEN" : null;
            default -> current.equals("OPEN") || current.equals("ACKNOWLEDGED") ? "RESOLVED" : null;
        };
        ObjectNode answer = JSON.createObjectNode().put("alertId", alertId).put("revision", 1);
        if (next == null) {
            answer.put("state", current).putArray("problems").add("alert " + alertId + " is " + current);
            send(exchange, 409, answer.toString());
            return;
        }
        states.put(alertId, next);
        answer.put("state", next);
        ObjectNode transition = answer.putArray("transitions").addObject().put("toState", next);
        transition.put("actor", claims.path("upn").asText() + " (" + role + ")");
        transition.put("reason", request.path("reason").asText(null));
        send(exchange, 200, answer.toString());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
