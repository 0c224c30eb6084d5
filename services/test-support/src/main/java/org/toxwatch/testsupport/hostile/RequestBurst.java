package org.toxwatch.testsupport.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Sends many HTTP requests, a few at a time, each bounded in time: an answer that never comes is recorded as status
 * -1, so a hang shows as a wrong answer rather than a test that never ends.
 */
public final class RequestBurst {

    /** Bodies above this go with Expect: 100-continue, as HTTP clients send large uploads. */
    private static final int LARGE = 16 * 1024;

    private RequestBurst() {
    }

    /**
     * One request, with the statuses it may get.
     *
     * @param contentType null for no Content-Type header
     * @param body        null for no body
     */
    public record Request(String family, String description, String method, String path, String contentType,
            Map<String, String> headers, String body, Set<Integer> expected) {

        public Request {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public String excerpt() {
            return body == null ? "(no body)" : HostileJson.excerpt(body, 240);
        }

        public int bodyBytes() {
            return body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** How the answers compare to what each request may get. */
    public record Verdict(Map<Integer, Long> byStatus, List<String> wrong, Map<String, Long> wrongByKind) {

        public boolean allAsExpected() {
            return wrongByKind.isEmpty();
        }
    }

    /** Compares each status to the request's expected ones; describes at most {@code max} wrong answers. */
    public static Verdict judge(List<Request> requests, List<Integer> statuses, int max) {
        Map<Integer, Long> byStatus = new java.util.TreeMap<>();
        List<String> wrong = new ArrayList<>();
        Map<String, Long> wrongByKind = new java.util.TreeMap<>();
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            int status = statuses.get(i);
            byStatus.merge(status, 1L, Long::sum);
            if (!request.expected().contains(status)) {
                wrongByKind.merge(request.family() + " expected " + request.expected() + " got " + status, 1L, Long::sum);
                if (wrong.size() < max) {
                    wrong.add("#" + i + " [" + request.family() + ": " + request.description() + "] " + request.method()
                            + " " + HostileJson.excerpt(request.path(), 120) + " (" + request.contentType()
                            + ") expected " + request.expected() + " but got " + (status < 0 ? "no answer" : status)
                            + "; body: " + request.excerpt());
                }
            }
        }
        return new Verdict(byStatus, wrong, wrongByKind);
    }

    /** The status of each request, in order; -1 when no answer came within {@code timeout}. */
    public static List<Integer> send(URI base, List<Request> requests, int inFlight, Duration timeout)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        Semaphore permits = new Semaphore(inFlight);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(request.body());
            // the server can refuse a large body on its Content-Length, before it is sent
            HttpRequest.Builder http = HttpRequest.newBuilder(base.resolve(request.path())).timeout(timeout)
                    .expectContinue(request.bodyBytes() > LARGE)
                    .method(request.method(), body);
            if (request.contentType() != null) {
                http.header("Content-Type", request.contentType());
            }
            request.headers().forEach(http::header);
            int index = i;
            permits.acquire();
            all.add(client.sendAsync(http.build(), HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        statuses.put(index, response != null ? response.statusCode() : -1);
                        permits.release();
                        return null;
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        List<Integer> ordered = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ordered.add(statuses.get(i));
        }
        return ordered;
    }
}
