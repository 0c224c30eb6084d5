package org.toxwatch.dashboard.hostile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

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
import java.util.UUID;

import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.toxwatch.dashboard.support.AdvisorPeer;
import org.toxwatch.dashboard.support.Messages;
import org.toxwatch.testsupport.hostile.Accounting;
import org.toxwatch.testsupport.hostile.HostileRecord;
import org.toxwatch.testsupport.hostile.HostileSeed;
import org.toxwatch.testsupport.hostile.PrometheusText;
import org.toxwatch.testsupport.hostile.RecordBurst;
import org.toxwatch.testsupport.hostile.RequestBurst;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 6, item 3: at least 10,000 malformed or hostile records on each of the ward dashboard's topics
 * ({@code dose.alerts.v1}, {@code dose.alerts.lifecycle.v1}, {@code ae.graded.v1}, {@code treatment.courses.v1}) and
 * 10,000 requests to its REST API, through a real broker and PostgreSQL.
 * <p>
 * The dashboard is a read model without dead-letter topics: a record it cannot take is skipped, counted in
 * {@code toxwatch_dead_letters_total{service="ward-dashboard"}} and kept in {@code ward_dashboard.skipped_record}; one
 * that repeats what it has is counted in {@code toxwatch_records_unchanged_total}. Every record must be stored, skipped
 * with a reason that starts with a known code, or unchanged; the three add up exactly, case by case; the counters agree
 * with the table; the board never stalls (a valid record sent after the storm is stored) and stays live and ready.
 * Over REST every answer is a 2xx or a 4xx as the request deserves, never a 5xx or a hang, and the server's request
 * metrics count the same statuses. The seed is printed; {@code -Dtoxwatch.hostile.seed=N} repeats a run.
 */
@QuarkusTest
@TestProfile(HostileDashboardSuiteTest.OwnApplication.class)
@WithTestResource(value = KafkaBrokerTestResource.class,
        initArgs = @ResourceArg(name = KafkaBrokerTestResource.TOPICS_ARG, value = Messages.TOPICS))
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
@WithTestResource(AdvisorPeer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileDashboardSuiteTest {

    /**
     * An application of its own: other test classes assert counters that ten thousand inputs would move. A line per
     * refused input would only slow the storm down; the counters and the dead letters say it all.
     */
    public static class OwnApplication implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"org.toxwatch.dashboard.readmodel.SkippedRecords\".level", "ERROR");
        }
    }

    private static final int INPUTS = 10_000;
    private static final String SERVICE = "ward-dashboard";
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

    private final String runTag = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void doseAlerts() throws Exception {
        storm(Messages.ALERTS, "SELECT count(*) FROM ward_dashboard.alert_change WHERE alert_id = ?::uuid");
    }

    @Test
    void alertLifecycle() throws Exception {
        storm(Messages.LIFECYCLE, "SELECT count(*) FROM ward_dashboard.alert_transition WHERE alert_id = ?::uuid");
    }

    @Test
    void gradedEvents() throws Exception {
        storm(Messages.GRADED, "SELECT count(*) FROM ward_dashboard.graded_event WHERE event_id = ?::uuid");
    }

    @Test
    void treatmentCourses() throws Exception {
        storm(Messages.COURSES, "SELECT count(*) FROM ward_dashboard.course_version WHERE course_id = ?");
    }

    /**
     * Sends a topic's cases, one record too large for the producer, then a valid one; waits until every record is
     * stored, skipped or unchanged; checks each case, the counters against the table, and the valid one stored.
     */
    private void storm(String topic, String storedOfCase) throws Exception {
        long seed = HostileSeed.forRun(SERVICE + " " + topic);
        HostileReadModelRecords generator = new HostileReadModelRecords(seed, runTag + "-" + topic.hashCode(), Instant.now());
        List<HostileRecord> cases = generator.generate(topic, INPUTS);
        HostileRecord last = generator.valid(topic);
        List<HostileRecord> all = new ArrayList<>(cases);
        all.add(last);
        Map<String, String> idOfKey = new HashMap<>();
        generator.keyById().forEach((id, key) -> idOfKey.put(key, id));
        long inputs = all.stream().mapToLong(c -> c.payloads().size()).sum();
        Map<String, Long> skippedBefore = skippedCounted(topic);
        long unchangedBefore = unchanged(topic);

        long started = System.nanoTime();
        try (RecordBurst burst = new RecordBurst(bootstrap)) {
            burst.send(topic, cases);
            burst.expectRefusedAsTooLarge(topic, generator.prefix() + "too-large", "z".repeat(2 * 1_048_576));
            burst.send(topic, List.of(last));
        }
        try {
            await().atMost(ALL_ACCOUNTED_FOR_WITHIN).pollInterval(Duration.ofSeconds(2)).until(() ->
                    storedRows(topic, generator.prefix()) + skippedRows(topic, generator.prefix()).values().stream()
                            .mapToLong(List::size).sum() + (unchanged(topic) - unchangedBefore) >= inputs);
        } catch (ConditionTimeoutException stalled) {
            // fall through: the checks name the records not accounted for
        }
        Map<String, Integer> stored = storedByCase(all, idOfKey, storedOfCase);
        Map<String, List<String>> skipped = skippedRows(topic, generator.prefix());
        Accounting accounting = new Accounting(all, stored, skipped);
        double seconds = (System.nanoTime() - started) / 1e9;

        Accounting.Problems problems = accounting.problems(20);
        assertThat(problems.described()).as("seed %d: records whose outcome is wrong, %d in all %s; the first 20", seed,
                problems.count(), problems.byKind()).isEmpty();
        assertThat(accounting.deadLetteredByCode().keySet()).as("every reason starts with a known code")
                .allMatch(HostileReadModelRecords.CODES::contains);
        assertThat(unchanged(topic) - unchangedBefore).as("seed %d: toxwatch_records_unchanged_total against the records"
                + " neither stored nor skipped", seed).isEqualTo(accounting.remainder());
        assertThat(PrometheusText.delta(skippedBefore, skippedCounted(topic)))
                .as("seed %d: toxwatch_dead_letters_total against skipped_record, reason by reason", seed)
                .isEqualTo(accounting.deadLetteredByCode());
        assertThat(stored.getOrDefault(last.key(), 0)).as("the valid record sent after the storm is stored").isEqualTo(1);
        assertLiveAndReady();
        System.out.printf("HOSTILE-INPUT %s %s seed=%d inputs=%d stored=%d skipped=%d %s unchanged=%d"
                + " refused-by-producer=1 [2 MiB] in %.0f s; valid record after the storm stored; live and ready%n",
                SERVICE, topic, seed, inputs, accounting.accepted(), accounting.deadLettered(),
                accounting.deadLetteredByCode(), accounting.remainder(), seconds);
    }

    /**
     * Ten thousand requests to the REST API, tokens of every role, missing and forged ones; see the generator. First,
     * while the read model is small: after the record storms a listing of every ward is megabytes (no limit yet).
     */
    @Test
    @Order(1)
    void restApi() throws Exception {
        long seed = HostileSeed.forRun(SERVICE + " REST /api");
        TokenIssuer tokens = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey));
        HostileDashboardRequests generator = new HostileDashboardRequests(seed, tokens, TokenIssuer.generate());
        // alerts the requests can act on: the peer advisor answers for them, the dashboard must know their patient
        String patient = "hr-" + runTag;
        List<UUID> known = generator.knownAlerts();
        try (RecordBurst burst = new RecordBurst(bootstrap)) {
            for (UUID alert : known) {
                burst.send(Messages.ALERTS, patient, Messages.doseAlert(alert, "DOSE_HOLD", patient, "course-" + patient,
                        "lenvatinib", 1, "Neutrophil count decreased", 3, "0.8", "10*9/L",
                        Instant.parse("2026-01-26T07:30:00Z")).toString());
            }
            burst.settle();
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> storedRows(Messages.ALERTS, patient) >= known.size());
        List<RequestBurst.Request> requests = generator.generate(INPUTS, patient);
        Map<String, Long> countedBefore = countedByStatus();

        long started = System.nanoTime();
        List<Integer> statuses = RequestBurst.send(URI.create(root.toString()), requests, 8, Duration.ofSeconds(30));
        double seconds = (System.nanoTime() - started) / 1e9;

        RequestBurst.Verdict verdict = RequestBurst.judge(requests, statuses, 20);
        assertThat(verdict.wrong()).as("seed %d: requests answered wrongly, %d kinds %s; the first 20", seed,
                verdict.wrongByKind().size(), verdict.wrongByKind()).isEmpty();
        assertThat(verdict.byStatus().keySet()).as("seed %d: no 5xx, no request left unanswered", seed)
                .allMatch(status -> status >= 200 && status < 500);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                PrometheusText.delta(countedBefore, countedByStatus()).entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> Integer.parseInt(e.getKey()), Map.Entry::getValue)))
                .as("seed %d: http_server_requests_seconds_count (all but /q) by status", seed)
                .isEqualTo(verdict.byStatus()));
        // the board still answers a nurse after the storm
        given().header("Authorization", tokens.bearer("nurse-after", "nurse")).get("/api/alerts?view=all")
                .then().statusCode(200);
        assertLiveAndReady();
        System.out.printf("HOSTILE-INPUT %s REST /api seed=%d requests=%d by status %s in %.0f s; a valid request after"
                + " the storm answered; live and ready%n", SERVICE, seed, requests.size(), verdict.byStatus(), seconds);
    }

    // --- the read model, read directly --------------------------------------------------------------------------------

    private Map<String, Integer> storedByCase(List<HostileRecord> cases, Map<String, String> idOfKey, String sql)
            throws SQLException {
        Map<String, Integer> stored = new HashMap<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (HostileRecord c : cases) {
                String id = idOfKey.get(c.key());
                if (id == null) {
                    continue;
                }
                statement.setString(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        stored.put(c.key(), rows.getInt(1));
                    }
                }
            }
        }
        return stored;
    }

    /** Rows the run stored on a topic (the ids of its cases all start with the run's prefix, or are derived from it). */
    private long storedRows(String topic, String prefix) throws SQLException {
        String sql = switch (topic) {
            case Messages.ALERTS -> "SELECT count(*) FROM ward_dashboard.alert_change c JOIN ward_dashboard.alert a"
                    + " USING (alert_id) WHERE a.patient_id LIKE ?";
            case Messages.LIFECYCLE -> "SELECT count(*) FROM ward_dashboard.alert_transition t JOIN ward_dashboard.alert a"
                    + " USING (alert_id) WHERE a.patient_id LIKE ?";
            case Messages.GRADED -> "SELECT count(*) FROM ward_dashboard.graded_event WHERE patient_id LIKE ?";
            default -> "SELECT count(*) FROM ward_dashboard.course_version WHERE course_id LIKE ?";
        };
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, prefix == null ? "%" : prefix + "%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Map<String, List<String>> skippedRows(String topic, String prefix) throws SQLException {
        Map<String, List<String>> reasons = new HashMap<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT record_key, reason FROM ward_dashboard.skipped_record WHERE topic = ? AND record_key LIKE ?")) {
            statement.setString(1, topic);
            statement.setString(2, prefix + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reasons.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
                }
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

    private static Map<String, Long> skippedCounted(String topic) {
        return metrics().sumBy("toxwatch_dead_letters_total", Map.of("service", SERVICE, "topic", topic), "reason");
    }

    private static long unchanged(String topic) {
        return metrics().sum("toxwatch_records_unchanged_total", Map.of("service", SERVICE, "topic", topic));
    }

    /** Requests the server counted, by status, but for its own /q endpoints (metrics, health) the test reads. */
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
