package org.toxwatch.grader.symptom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.toxwatch.grader.symptom.HostileSymptomReports.Request;
import org.toxwatch.testsupport.hostile.HostileSeed;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 6, item 3 (first slice): over 10,000 malformed or hostile requests to {@code POST /symptom-reports}. Every
 * answer must be 202 for a report ToxWatch can grade and a 4xx otherwise, never a 5xx and never a hang; the server's
 * own request metrics must count the same statuses, and the service must stay live and ready.
 * <p>
 * The requests come from one seeded {@link java.util.Random}; the seed is printed, and {@code -Dtoxwatch.hostile.seed=N}
 * repeats a run. Decisions the requests encode ({@link HostileSymptomReports}): a patient without a known course is
 * accepted (checked under CTCAE v5.0); assessedAt more than a day after the machine clock, or before 1900, is refused
 * (an input check; grading runs on assessedAt); a repeated reportId is accepted at the door each time and absorbed on
 * the topic; bodies over 64 KiB ({@code quarkus.http.limits.max-body-size}) get 413.
 */
@QuarkusTest
@TestProfile(HostileSymptomReportSuiteTest.OwnApplication.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class HostileSymptomReportSuiteTest {

    /** An application of its own: other test classes assert counters that ten thousand inputs would move. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    private static final int REQUESTS = 10_000;
    private static final int IN_FLIGHT = 8;
    private static final int LARGE = 16 * 1024;
    private static final Duration NO_HANG = Duration.ofSeconds(30);
    private static final Pattern REQUESTS_BY_STATUS = Pattern.compile(
            "http_server_requests_seconds_count\\{[^}]*status=\"(\\d{3})\"[^}]*uri=\"/symptom-reports\"[^}]*} ([0-9.E]+)");

    @TestHTTPResource("/symptom-reports")
    URL endpoint;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @Test
    void tenThousandHostileRequestsGet202Or4xxNeverA5xxAndTheServiceStaysReady() throws Exception {
        long seed = HostileSeed.forRun("POST /symptom-reports");
        List<Request> requests = new HostileSymptomReports(seed, UUID.randomUUID().toString().substring(0, 8), Instant.now())
                .generate(REQUESTS);
        Map<Integer, Long> countedBefore = countedByStatus();

        long started = System.nanoTime();
        List<Integer> statuses = send(requests);
        double seconds = (System.nanoTime() - started) / 1e9;

        List<String> wrong = new ArrayList<>();
        Map<String, Long> wrongByKind = new TreeMap<>();
        Map<Integer, Long> byStatus = new TreeMap<>();
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            int status = statuses.get(i);
            byStatus.merge(status, 1L, Long::sum);
            if (!request.expected().contains(status)) {
                wrongByKind.merge(request.family() + " expected " + request.expected() + " got " + status, 1L, Long::sum);
                wrong.add("#" + i + " [" + request.family() + ": " + request.description() + ", " + request.contentType()
                        + "] expected " + request.expected() + " but got " + (status < 0 ? "no answer" : status)
                        + "; body: " + request.excerpt());
            }
        }
        assertThat(wrong.size() > 20 ? wrong.subList(0, 20) : wrong)
                .as("seed %d: requests answered wrongly, %d in all %s; the first 20", seed, wrong.size(), wrongByKind)
                .isEmpty();
        assertThat(byStatus.keySet()).as("seed %d: no 5xx, no request left unanswered", seed)
                .allMatch(status -> status >= 200 && status < 500);

        Map<Integer, Long> counted = new TreeMap<>();
        countedByStatus().forEach((status, count) -> {
            long delta = count - countedBefore.getOrDefault(status, 0L);
            if (delta != 0) {
                counted.put(status, delta);
            }
        });
        assertThat(counted).as("seed %d: http_server_requests_seconds_count{uri=/symptom-reports} by status", seed)
                .isEqualTo(byStatus);

        given().get("/q/health/live").then().statusCode(200).body(containsString("\"status\": \"UP\""));
        given().get("/q/health/ready").then().statusCode(200).body(containsString("\"status\": \"UP\""));
        System.out.printf("HOSTILE-INPUT toxicity-grader POST /symptom-reports seed=%d requests=%d by status %s in %.0f s;"
                + " live and ready%n", seed, requests.size(), byStatus, seconds);
    }

    /** A few requests at a time, each bounded in time: an answer that never comes is recorded as -1. */
    private List<Integer> send(List<Request> requests) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(NO_HANG).build();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        URI uri = URI.create(endpoint.toString());
        // hostile content, not hostile callers (SymptomReportAccessTest): a token under which any reporterRole is allowed
        String bearer = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey))
                .bearer("hostile-suite", "nurse", "oncologist", "pharmacist", "integration");
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            // as HTTP clients send large uploads: the server can refuse on Content-Length before the body is sent,
            // instead of answering 413 halfway through and closing the connection under the client's feet
            HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(NO_HANG)
                    .expectContinue(request.body().length() > LARGE)
                    .header("Authorization", bearer)
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
            if (request.contentType() != null) {
                http.header("Content-Type", request.contentType());
            }
            int index = i;
            inFlight.acquire();
            all.add(client.sendAsync(http.build(), HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        statuses.put(index, response != null ? response.statusCode() : -1);
                        inFlight.release();
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

    private static Map<Integer, Long> countedByStatus() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<Integer, Long> counted = new TreeMap<>();
        Matcher m = REQUESTS_BY_STATUS.matcher(text);
        while (m.find()) {
            counted.merge(Integer.parseInt(m.group(1)), (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        return counted;
    }
}
