package org.toxwatch.advisor.hostile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.toxwatch.testsupport.hostile.Accounting;
import org.toxwatch.testsupport.hostile.HostileRecord;
import org.toxwatch.testsupport.hostile.HostileSeed;
import org.toxwatch.testsupport.hostile.PrometheusText;
import org.toxwatch.testsupport.hostile.RecordBurst;
import org.toxwatch.testsupport.hostile.RequestBurst;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.kafka.KafkaTopics;
import org.toxwatch.testsupport.kafka.TopicRecorder;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 6, item 3: at least 10,000 malformed or hostile inputs at each of the dose-advisor's entry points, through a
 * real broker and PostgreSQL: graded events on {@code ae.graded.v1}, and {@code PUT /treatment-courses/{id}},
 * {@code POST /alerts/{id}/{action}}, {@code POST .../cycles/{n}/pre-cycle-check} and {@code POST .../qualifiers}.
 * <p>
 * On the topic every event must be assessed (its outcome recorded, SUPERSEDED included), dead-lettered on
 * {@code ae.graded.v1.dlq} with a reason that starts with a known code, or counted as a duplicate; the three add up
 * exactly, case by case, and {@code toxwatch_dead_letters_total} agrees with the dead-letter topic reason by reason.
 * Over REST every answer is the 2xx or 4xx the request deserves, never a 5xx or a hang, and the server's request
 * metrics count the same statuses. After each storm a valid input is processed and the service is live and ready.
 * {@code treatment.courses.v1} is the advisor's output, not an input: only the courses it answered 200 for are
 * published there, which the course storm checks. The seed is printed; {@code -Dtoxwatch.hostile.seed=N} repeats a run.
 */
@QuarkusTest
@TestProfile(HostileAdvisorSuiteTest.OwnApplication.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileAdvisorSuiteTest {

    /**
     * An application of its own: other test classes assert counters that ten thousand inputs would move. A line per
     * refused input would only slow the storm down; the counters and the dead letters say it all.
     */
    public static class OwnApplication implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"io.smallrye.reactive.messaging.kafka\".level", "WARN");
        }
    }

    private static final int INPUTS = 10_000;
    private static final int COURSES = 60;
    private static final int ALERTING_COURSES = 20;
    private static final String SERVICE = "dose-advisor";
    private static final String GRADED = "ae.graded.v1";
    private static final String DLQ = "ae.graded.v1.dlq";
    private static final String COURSE_TOPIC = "treatment.courses.v1";
    private static final Duration ALL_ACCOUNTED_FOR_WITHIN = Duration.ofMinutes(4);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    /** Empty for trust authentication, as on the local server. */
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> dbPassword;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @TestHTTPResource("/")
    URL root;

    private final ObjectMapper json = new ObjectMapper();
    private final String runTag = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> patientByCourse = new TreeMap<>();
    private final List<UUID> alerts = new ArrayList<>();
    private TokenIssuer tokens;
    private KafkaTestClient topics;

    @BeforeAll
    void recordTheTopics() {
        KafkaTopics.ensureDocumented(bootstrap, DLQ);
        topics = new KafkaTestClient(bootstrap, DLQ, COURSE_TOPIC);
        tokens = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey));
    }

    /**
     * Courses to send events for and ask checks of, and alerts to act on, made the way a ward makes them, once (before
     * the first test: REST-assured knows the application's port only then).
     */
    @BeforeEach
    void coursesAndAlerts() throws Exception {
        if (!alerts.isEmpty()) {
            return;
        }
        for (int i = 0; i < COURSES; i++) {
            String course = "hx-" + runTag + "-c" + i;
            String patient = "hx-" + runTag + "-p" + i;
            given().header("Authorization", tokens.bearer("orders-his", "integration")).contentType("application/json")
                    .body(course(course, patient)).put("/treatment-courses/" + course).then().statusCode(200);
            patientByCourse.put(course, patient);
        }
        try (RecordBurst burst = new RecordBurst(bootstrap)) {
            int n = 0;
            for (Map.Entry<String, String> course : patientByCourse.entrySet()) {
                if (n++ == ALERTING_COURSES) {
                    break;
                }
                burst.send(GRADED, course.getValue(), neutropenia(course.getKey(), course.getValue()).toString());
            }
            burst.settle();
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> alertsOf("hx-" + runTag + "-c").size() >= ALERTING_COURSES);
        alerts.addAll(alertsOf("hx-" + runTag + "-c"));
    }

    @AfterAll
    void stopRecording() {
        topics.close();
    }

    @Test
    void gradedEvents() throws Exception {
        long seed = HostileSeed.forRun(SERVICE + " " + GRADED);
        HostileGradedEventRecords generator = new HostileGradedEventRecords(seed, runTag, Instant.now(), patientByCourse);
        List<HostileRecord> cases = generator.generate(INPUTS);
        HostileRecord last = generator.valid();
        List<HostileRecord> all = new ArrayList<>(cases);
        all.add(last);
        long inputs = all.stream().mapToLong(c -> c.payloads().size()).sum();
        Map<String, Long> deadBefore = deadLetters();
        long duplicatesBefore = duplicates();

        long started = System.nanoTime();
        try (RecordBurst burst = new RecordBurst(bootstrap)) {
            burst.send(GRADED, cases);
            burst.expectRefusedAsTooLarge(GRADED, generator.prefix() + "too-large", "z".repeat(2 * 1_048_576));
            burst.send(GRADED, List.of(last));
        }
        try {
            await().atMost(ALL_ACCOUNTED_FOR_WITHIN).pollInterval(Duration.ofSeconds(2)).until(() -> {
                Accounting a = new Accounting(all, assessedByCase(generator.keyByEvent()), reasonsByKey(generator.prefix()));
                return a.accepted() + a.deadLettered() + (duplicates() - duplicatesBefore) >= inputs;
            });
        } catch (ConditionTimeoutException stalled) {
            // fall through: the checks name the events not accounted for
        }
        Accounting accounting = new Accounting(all, assessedByCase(generator.keyByEvent()), reasonsByKey(generator.prefix()));
        double seconds = (System.nanoTime() - started) / 1e9;

        Accounting.Problems problems = accounting.problems(20);
        assertThat(problems.described()).as("seed %d: events whose outcome is wrong, %d in all %s; the first 20", seed,
                problems.count(), problems.byKind()).isEmpty();
        assertThat(accounting.deadLetteredByCode().keySet()).as("every dead-letter reason starts with a known code")
                .allMatch(HostileGradedEventRecords.CODES::contains);
        assertThat(duplicates() - duplicatesBefore).as("seed %d: toxwatch_graded_events_duplicates_total against the"
                + " events neither assessed nor dead-lettered", seed).isEqualTo(accounting.remainder());
        assertThat(PrometheusText.delta(deadBefore, deadLetters()))
                .as("seed %d: toxwatch_dead_letters_total against the dead-letter topic, reason by reason", seed)
                .isEqualTo(accounting.deadLetteredByCode());
        assertThat(assessedByCase(generator.keyByEvent())).as("the valid event sent after the storm is assessed")
                .containsKey(last.key());
        assertLiveAndReady();
        System.out.printf("HOSTILE-INPUT %s %s seed=%d inputs=%d assessed=%d %s dead-lettered=%d %s duplicates=%d"
                + " refused-by-producer=1 [2 MiB] in %.0f s; valid event after the storm assessed; live and ready%n",
                SERVICE, GRADED, seed, inputs, accounting.accepted(), outcomes(generator.keyByEvent()),
                accounting.deadLettered(), accounting.deadLetteredByCode(), accounting.remainder(), seconds);
    }

    @Test
    void treatmentCourses() throws Exception {
        long seed = HostileSeed.forRun(SERVICE + " PUT /treatment-courses");
        HostileAdvisorRequests generator = generator(seed);
        List<RequestBurst.Request> requests = generator.courses(INPUTS);
        RequestBurst.Verdict verdict = storm("PUT /treatment-courses", seed, requests);
        // what was published: exactly one record per 200 (keyed by the storm's patients), none for the rest
        long accepted = verdict.byStatus().getOrDefault(200, 0L);
        java.util.function.LongSupplier published = () -> topics.records(COURSE_TOPIC).stream()
                .filter(r -> r.key() != null && r.key().startsWith(generator.prefix())).count();
        await().atMost(Duration.ofSeconds(30)).until(() -> published.getAsLong() >= accepted);
        assertThat(published.getAsLong()).as("seed %d: treatment.courses.v1 has one record per course answered 200", seed)
                .isEqualTo(accepted);
        String course = "hx-" + runTag + "-after";
        given().header("Authorization", tokens.bearer("orders-his", "integration")).contentType("application/json")
                .body(course(course, "hx-" + runTag + "-pafter")).put("/treatment-courses/" + course).then().statusCode(200);
        report("PUT /treatment-courses", seed, requests, verdict, "a valid course after the storm stored");
    }

    @Test
    void alertActions() throws Exception {
        long seed = HostileSeed.forRun(SERVICE + " POST /alerts/{id}/{action}");
        List<RequestBurst.Request> requests = generator(seed).alertActions(INPUTS);
        RequestBurst.Verdict verdict = storm("POST /alerts/{id}/{action}", seed, requests);
        given().header("Authorization", tokens.bearer("viewer-1", "viewer")).get("/alerts/" + alerts.get(0))
                .then().statusCode(200);
        report("POST /alerts/{id}/{action}", seed, requests, verdict, "an alert read after the storm");
    }

    @Test
    void preCycleChecks() throws Exception {
        long seed = HostileSeed.forRun(SERVICE + " POST .../pre-cycle-check");
        List<RequestBurst.Request> requests = generator(seed).preCycleChecks(INPUTS);
        RequestBurst.Verdict verdict = storm("POST .../pre-cycle-check", seed, requests);
        String course = patientByCourse.keySet().iterator().next();
        given().header("Authorization", tokens.bearer("nurse-5b-0042", "nurse"))
                .post("/treatment-courses/" + course + "/cycles/1/pre-cycle-check").then().statusCode(200);
        report("POST .../pre-cycle-check", seed, requests, verdict, "a check after the storm answered");
    }

    @Test
    void qualifiers() throws Exception {
        long seed = HostileSeed.forRun(SERVICE + " POST .../qualifiers");
        List<RequestBurst.Request> requests = generator(seed).qualifiers(INPUTS);
        RequestBurst.Verdict verdict = storm("POST .../qualifiers", seed, requests);
        String course = patientByCourse.keySet().iterator().next();
        given().header("Authorization", tokens.bearer("oncologist-07", "oncologist")).contentType("application/json")
                .body("{\"qualifier\": \"prednisone-10mg-or-less\"}")
                .post("/treatment-courses/" + course + "/qualifiers").then().statusCode(200);
        report("POST .../qualifiers", seed, requests, verdict, "a confirmation after the storm answered");
    }

    private HostileAdvisorRequests generator(long seed) {
        return new HostileAdvisorRequests(seed, runTag, tokens, TokenIssuer.generate(), patientByCourse, alerts);
    }

    /** Sends the requests; checks each status, that none was a 5xx or unanswered, and the server's own count. */
    private RequestBurst.Verdict storm(String entryPoint, long seed, List<RequestBurst.Request> requests) throws Exception {
        Map<String, Long> countedBefore = countedByStatus();
        long started = System.nanoTime();
        List<Integer> statuses = RequestBurst.send(URI.create(root.toString()), requests, 8, Duration.ofSeconds(30));
        seconds.put(entryPoint, (System.nanoTime() - started) / 1e9);
        RequestBurst.Verdict verdict = RequestBurst.judge(requests, statuses, 20);
        assertThat(verdict.wrong()).as("seed %d: requests answered wrongly, %s; the first 20", seed, verdict.wrongByKind())
                .isEmpty();
        assertThat(verdict.byStatus().keySet()).as("seed %d: no 5xx, no request left unanswered", seed)
                .allMatch(status -> status >= 200 && status < 500);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                PrometheusText.delta(countedBefore, countedByStatus()).entrySet().stream()
                        .collect(Collectors.toMap(e -> Integer.parseInt(e.getKey()), Map.Entry::getValue)))
                .as("seed %d: http_server_requests_seconds_count (all but /q) by status", seed)
                .isEqualTo(verdict.byStatus()));
        return verdict;
    }

    private final Map<String, Double> seconds = new HashMap<>();

    private void report(String entryPoint, long seed, List<RequestBurst.Request> requests, RequestBurst.Verdict verdict,
            String after) {
        assertLiveAndReady();
        System.out.printf("HOSTILE-INPUT %s %s seed=%d requests=%d by status %s in %.0f s; %s; live and ready%n", SERVICE,
                entryPoint, seed, requests.size(), verdict.byStatus(), seconds.get(entryPoint), after);
    }

    // --- messages ---------------------------------------------------------------------------------------------------------

    private static String course(String course, String patient) {
        return """
                {"courseId": "%s", "patientId": "%s", "regimen": "HAIC-FOLFOX + lenvatinib + sintilimab",
                 "ward": "5B", "ctcaeVersion": "5.0", "bodyWeightKg": 62, "hccLiverInvolvement": true,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"},
                            {"number": 3, "plannedStart": "2026-02-16"}],
                 "drugs": [{"drug": "haic-folfox", "doseLevel": 0}, {"drug": "lenvatinib", "doseLevel": 0},
                           {"drug": "sintilimab", "doseLevel": 0}],
                 "baselines": [{"analyte": "AST", "value": 95, "unit": "U/L", "upperLimit": 40,
                                "effectiveTime": "2026-01-02T08:00:00Z"}]}
                """.formatted(course, patient);
    }

    /** Grade 3 neutropenia in cycle 2: lenvatinib is held. */
    private ObjectNode neutropenia(String course, String patient) {
        ObjectNode event = json.createObjectNode();
        event.put("eventId", UUID.nameUUIDFromBytes((course + "|neutropenia").getBytes()).toString())
                .put("observationId", "urn:lab:hostile-setup|" + course).put("observationVersion", "1")
                .put("patientId", patient).put("courseId", course).put("cycleNumber", 2)
                .put("effectiveTime", "2026-01-28T08:00:00Z").put("ctcaeVersion", "5.0")
                .put("term", "Neutrophil count decreased").put("grade", 3).put("status", "GRADED")
                .put("analyte", "NEUTROPHILS").put("value", new BigDecimal("0.8")).put("unit", "10*9/L")
                .putNull("lowerLimit").putNull("upperLimit").putNull("baseline").putNull("band")
                .put("explanation", "Neutrophil count decreased grade 3 (hostile-input suite setup)").putNull("supersedes");
        return event;
    }

    // --- the advisor's tables, read directly ----------------------------------------------------------------------------

    private List<UUID> alertsOf(String coursePrefix) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT alert_id FROM dose_advisor.dose_alert WHERE course_id LIKE ? ORDER BY alert_id")) {
            statement.setString(1, coursePrefix + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add((UUID) rows.getObject(1));
                }
            }
        }
        return ids;
    }

    /** Events assessed per case: the rows of assessed_event for the case's event ids. */
    private Map<String, Integer> assessedByCase(Map<UUID, String> keyByEvent) throws SQLException {
        Map<String, Integer> assessed = new HashMap<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT event_id FROM dose_advisor.assessed_event WHERE event_id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("uuid", keyByEvent.keySet().toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    assessed.merge(keyByEvent.get((UUID) rows.getObject(1)), 1, Integer::sum);
                }
            }
        }
        return assessed;
    }

    /** How the assessed events came out, outcome by outcome. */
    private Map<String, Long> outcomes(Map<UUID, String> keyByEvent) throws SQLException {
        Map<String, Long> outcomes = new TreeMap<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT outcome, count(*) FROM dose_advisor.assessed_event WHERE event_id = ANY (?) GROUP BY outcome")) {
            statement.setArray(1, connection.createArrayOf("uuid", keyByEvent.keySet().toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    outcomes.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return outcomes;
    }

    private Map<String, List<String>> reasonsByKey(String prefix) {
        Map<String, List<String>> reasons = new HashMap<>();
        for (ConsumerRecord<String, String> record : topics.records(DLQ)) {
            if (record.key() != null && record.key().startsWith(prefix)) {
                reasons.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(TopicRecorder.header(record, "dead-letter-reason"));
            }
        }
        return reasons;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword.orElse(""));
    }

    // --- metrics and health ---------------------------------------------------------------------------------------------

    private static PrometheusText metrics() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static Map<String, Long> deadLetters() {
        return metrics().sumBy("toxwatch_dead_letters_total", Map.of("service", SERVICE), "reason");
    }

    private static long duplicates() {
        return metrics().sum("toxwatch_graded_events_duplicates_total", Map.of("service", SERVICE));
    }

    private static Map<String, Long> countedByStatus() {
        return metrics().sumBy("http_server_requests_seconds_count",
                labels -> !String.valueOf(labels.get("uri")).startsWith("/q/"), "status");
    }

    private static void assertLiveAndReady() {
        given().get("/q/health/live").then().statusCode(200).body(containsString("\"status\": \"UP\""));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body(containsString("\"status\": \"UP\"")));
    }
}
