package org.toxwatch.grader.hostile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.toxwatch.testsupport.hostile.Accounting;
import org.toxwatch.testsupport.hostile.HostileRecord;
import org.toxwatch.testsupport.hostile.HostileSeed;
import org.toxwatch.testsupport.hostile.PrometheusText;
import org.toxwatch.testsupport.hostile.RecordBurst;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.kafka.KafkaTopics;
import org.toxwatch.testsupport.kafka.TopicRecorder;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 6, item 3: at least 10,000 malformed or hostile records on each of the grader's topics,
 * {@code lab.observations.normalized.v1}, {@code symptom.reports.v1} and {@code treatment.courses.v1}, through a real
 * broker and PostgreSQL. Every record must be accepted (graded, or for a course stored), dead-lettered on the topic's
 * dead-letter topic with a reason that starts with a known code, or absorbed as a duplicate; the three add up exactly,
 * case by case; {@code toxwatch_dead_letters_total} equals the dead-letter topic reason by reason, the duplicates the
 * grader counts equal the rest; the service stays live and ready and grades a valid record sent after the storm.
 * <p>
 * Each topic has its own run (one test method), inputs drawn from one seeded generator; the seed is printed and
 * {@code -Dtoxwatch.hostile.seed=N} repeats a run. What the grader decides for each family is written in the
 * generators ({@link HostileObservationRecords}, {@link HostileReportRecords}, {@link HostileCourseRecords}).
 * Records over the producer's 1 MiB are refused by the producer itself and never reach the grader; records just under
 * it fit the dead-letter topics, which take 2 MiB (contracts/asyncapi.yaml).
 */
@QuarkusTest
@TestProfile(HostileGraderTopicsSuiteTest.OwnApplication.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileGraderTopicsSuiteTest {

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
    private static final String GRADED = "ae.graded.v1";
    private static final String OBSERVATIONS = "lab.observations.normalized.v1";
    private static final String REPORTS = "symptom.reports.v1";
    private static final String COURSES = "treatment.courses.v1";
    private static final Duration ALL_ACCOUNTED_FOR_WITHIN = Duration.ofMinutes(4);
    private static final String SERVICE = "toxicity-grader";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    /** Empty for trust authentication, as on the local server. */
    @ConfigProperty(name = "quarkus.datasource.password")
    java.util.Optional<String> dbPassword;

    private final ObjectMapper json = new ObjectMapper();
    private final String runTag = UUID.randomUUID().toString().substring(0, 8);
    private KafkaTestClient topics;

    @BeforeAll
    void recordTheTopics() {
        KafkaTopics.ensureDocumented(bootstrap, OBSERVATIONS + ".dlq", REPORTS + ".dlq", COURSES + ".dlq");
        topics = new KafkaTestClient(bootstrap, GRADED, OBSERVATIONS + ".dlq", REPORTS + ".dlq", COURSES + ".dlq");
    }

    @AfterAll
    void stopRecording() {
        topics.close();
    }

    @Test
    void normalizedObservations() throws Exception {
        long seed = HostileSeed.forRun(SERVICE + " " + OBSERVATIONS);
        HostileObservationRecords generator = new HostileObservationRecords(seed, runTag, Instant.now());
        List<HostileRecord> cases = withLargeOnes(generator.generate(INPUTS),
                List.of(generator.large("ignored", RecordBurst.JUST_UNDER_THE_LIMIT),
                        generator.large("patientId", RecordBurst.JUST_UNDER_THE_LIMIT),
                        generator.large("observationId", RecordBurst.JUST_UNDER_THE_LIMIT)));
        String prefix = HostileObservationRecords.SYSTEM + "|" + generator.prefix();
        Function<List<ConsumerRecord<String, String>>, Map<String, Integer>> graded = records -> inputsGraded(records,
                prefix, HostileObservationRecords.SYSTEM.length() + 1);
        storm(seed, OBSERVATIONS, cases, HostileObservationRecords.CODES, graded,
                generator.large("ignored", 2 * 1_048_576), generator.valid());
    }

    @Test
    void symptomReports() throws Exception {
        long seed = HostileSeed.forRun(SERVICE + " " + REPORTS);
        HostileReportRecords generator = new HostileReportRecords(seed, runTag, Instant.now());
        List<HostileRecord> cases = withLargeOnes(generator.generate(INPUTS),
                List.of(generator.large("ignored", RecordBurst.JUST_UNDER_THE_LIMIT),
                        generator.large("term", RecordBurst.JUST_UNDER_THE_LIMIT)));
        String prefix = HostileReportRecords.PREFIX_OF_EVENTS + generator.prefix();
        Function<List<ConsumerRecord<String, String>>, Map<String, Integer>> graded = records -> inputsGraded(records,
                prefix, HostileReportRecords.PREFIX_OF_EVENTS.length());
        storm(seed, REPORTS, cases, HostileReportRecords.CODES, graded, generator.large("ignored", 2 * 1_048_576),
                generator.valid());
    }

    /**
     * Courses give no output of their own: a stored course is counted in {@code toxwatch_treatment_courses_stored_total}
     * and is in the grader's table. So here every input not dead-lettered counts as stored, that count must equal the
     * grader's, and exactly the cases with an accepted input have a row.
     */
    @Test
    void treatmentCourses() throws Exception {
        long seed = HostileSeed.forRun(SERVICE + " " + COURSES);
        HostileCourseRecords generator = new HostileCourseRecords(seed, runTag);
        List<HostileRecord> cases = withLargeOnes(generator.generate(INPUTS),
                List.of(generator.large("ignored", RecordBurst.JUST_UNDER_THE_LIMIT),
                        generator.large("courseId", RecordBurst.JUST_UNDER_THE_LIMIT)));
        HostileRecord last = generator.valid();
        List<HostileRecord> all = new ArrayList<>(cases);
        all.add(last);
        Map<String, Long> deadBefore = deadLetters();
        long storedBefore = stored();
        long inputs = all.stream().mapToLong(c -> c.payloads().size()).sum();

        long started = System.nanoTime();
        try (RecordBurst burst = new RecordBurst(bootstrap)) {
            burst.send(COURSES, cases);
            burst.expectRefusedAsTooLarge(COURSES, "hc-too-large", generator.large("ignored", 2 * 1_048_576).payloads().get(0));
            burst.send(COURSES, List.of(last));
        }
        Function<Void, Accounting> account = ignored -> {
            Map<String, List<String>> reasons = reasonsByKey(COURSES + ".dlq");
            Map<String, Integer> accepted = new HashMap<>();
            all.forEach(c -> accepted.put(c.key(),
                    Math.max(0, c.payloads().size() - reasons.getOrDefault(c.key(), List.of()).size())));
            return new Accounting(all, accepted, reasons);
        };
        awaitAccounted(() -> account.apply(null).deadLettered() + (stored() - storedBefore), inputs);
        Accounting accounting = account.apply(null);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertOutcomes(seed, accounting, HostileCourseRecords.CODES);
        assertThat(stored() - storedBefore).as("seed %d: toxwatch_treatment_courses_stored_total against the inputs"
                + " not dead-lettered", seed).isEqualTo(accounting.accepted());
        assertThat(PrometheusText.delta(deadBefore, deadLetters()))
                .as("seed %d: toxwatch_dead_letters_total against the dead-letter topic, reason by reason", seed)
                .isEqualTo(accounting.deadLetteredByCode());
        Set<String> withRow = storedCourseIds(generator.prefix());
        Set<String> expectedRows = new TreeSet<>();
        all.stream().filter(c -> c.payloads().size() > accounting.reasonsOf(c.key()).size())
                .forEach(c -> expectedRows.add(c.key()));
        assertThat(withRow).as("seed %d: the courses stored are those of the cases with an accepted input", seed)
                .isEqualTo(expectedRows);
        assertThat(withRow).as("the valid course sent after the storm is stored").contains(last.key());
        assertLiveAndReady();
        System.out.printf("HOSTILE-INPUT %s %s seed=%d inputs=%d stored=%d dead-lettered=%d %s duplicates=0"
                + " refused-by-producer=1 [2 MiB] in %.0f s; valid course after the storm stored; live and ready%n",
                SERVICE, COURSES, seed, inputs, accounting.accepted(), accounting.deadLettered(),
                accounting.deadLetteredByCode(), seconds);
    }

    /**
     * Sends the cases, then one too large for the producer, then a valid one; waits until every input is accounted
     * for; checks every case's outcomes, the metrics against the topics, and that the valid one was graded.
     */
    private void storm(long seed, String topic, List<HostileRecord> cases, Set<String> codes,
            Function<List<ConsumerRecord<String, String>>, Map<String, Integer>> graded, HostileRecord tooLarge,
            HostileRecord last) throws Exception {
        List<HostileRecord> all = new ArrayList<>(cases);
        all.add(last);
        Map<String, Long> deadBefore = deadLetters();
        long duplicatesBefore = duplicates();
        long inputs = all.stream().mapToLong(c -> c.payloads().size()).sum();

        long started = System.nanoTime();
        try (RecordBurst burst = new RecordBurst(bootstrap)) {
            burst.send(topic, cases);
            burst.expectRefusedAsTooLarge(topic, tooLarge.key(), tooLarge.payloads().get(0));
            burst.send(topic, List.of(last));
        }
        Function<Void, Accounting> account = ignored -> new Accounting(all, graded.apply(topics.records(GRADED)),
                reasonsByKey(topic + ".dlq"));
        awaitAccounted(() -> {
            Accounting a = account.apply(null);
            return a.accepted() + a.deadLettered() + (duplicates() - duplicatesBefore);
        }, inputs);
        Accounting accounting = account.apply(null);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertOutcomes(seed, accounting, codes);
        assertThat(duplicates() - duplicatesBefore).as("seed %d: toxwatch_observations_duplicates_total against the"
                + " inputs neither graded nor dead-lettered", seed).isEqualTo(accounting.remainder());
        assertThat(PrometheusText.delta(deadBefore, deadLetters()))
                .as("seed %d: toxwatch_dead_letters_total against the dead-letter topic, reason by reason", seed)
                .isEqualTo(accounting.deadLetteredByCode());
        assertThat(graded.apply(topics.records(GRADED))).as("the valid input sent after the storm is graded")
                .containsKey(last.key());
        assertLiveAndReady();
        System.out.printf("HOSTILE-INPUT %s %s seed=%d inputs=%d graded=%d dead-lettered=%d %s duplicates=%d"
                + " refused-by-producer=1 [2 MiB] in %.0f s; valid input after the storm graded; live and ready%n",
                SERVICE, topic, seed, inputs, accounting.accepted(), accounting.deadLettered(),
                accounting.deadLetteredByCode(), accounting.remainder(), seconds);
    }

    /** The large cases go in the middle of the others, so the inputs after them show the channel kept going. */
    private static List<HostileRecord> withLargeOnes(List<HostileRecord> cases, List<HostileRecord> large) {
        List<HostileRecord> all = new ArrayList<>(cases);
        all.addAll(all.size() / 2, large);
        return all;
    }

    private void assertOutcomes(long seed, Accounting accounting, Set<String> codes) {
        Accounting.Problems problems = accounting.problems(20);
        assertThat(problems.described()).as("seed %d: inputs whose outcome is wrong, %d in all %s; the first 20", seed,
                problems.count(), problems.byKind()).isEmpty();
        assertThat(accounting.deadLetteredByCode().keySet()).as("every dead-letter reason starts with a known code")
                .allMatch(codes::contains);
    }

    private void awaitAccounted(java.util.function.LongSupplier accountedFor, long inputs) {
        try {
            await().atMost(ALL_ACCOUNTED_FOR_WITHIN).pollInterval(Duration.ofSeconds(1))
                    .until(() -> accountedFor.getAsLong() >= inputs);
        } catch (ConditionTimeoutException stalled) {
            // fall through: the checks that follow name the inputs that were not accounted for
        }
    }

    /** Inputs graded per case key: distinct observation versions among the graded events whose observation id names it. */
    private Map<String, Integer> inputsGraded(List<ConsumerRecord<String, String>> records, String prefix, int keyStart) {
        Map<String, Set<String>> versions = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event;
            try {
                event = json.readTree(record.value());
            } catch (Exception e) {
                throw new AssertionError("the grader published something that is not JSON: " + record.value(), e);
            }
            String observationId = event.path("observationId").asText();
            if (observationId.startsWith(prefix)) {
                versions.computeIfAbsent(observationId.substring(keyStart), k -> new HashSet<>())
                        .add(event.path("observationVersion").asText());
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        versions.forEach((key, seen) -> counts.put(key, seen.size()));
        return counts;
    }

    private Map<String, List<String>> reasonsByKey(String deadLetterTopic) {
        Map<String, List<String>> reasons = new HashMap<>();
        for (ConsumerRecord<String, String> record : topics.records(deadLetterTopic)) {
            if (record.key() != null) {
                reasons.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(TopicRecorder.header(record, "dead-letter-reason"));
            }
        }
        return reasons;
    }

    private Set<String> storedCourseIds(String prefix) throws SQLException {
        Set<String> ids = new TreeSet<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword.orElse(""));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT course_id FROM toxicity_grader.treatment_course")) {
            while (rows.next()) {
                if (rows.getString(1).startsWith(prefix)) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static PrometheusText metrics() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static Map<String, Long> deadLetters() {
        return metrics().sumBy("toxwatch_dead_letters_total", Map.of("service", SERVICE), "reason");
    }

    private static long duplicates() {
        return metrics().sum("toxwatch_observations_duplicates_total", Map.of("service", SERVICE));
    }

    private static long stored() {
        return metrics().sum("toxwatch_treatment_courses_stored_total", Map.of("service", SERVICE));
    }

    private static void assertLiveAndReady() {
        given().get("/q/health/live").then().statusCode(200).body(containsString("\"status\": \"UP\""));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body(containsString("\"status\": \"UP\"")));
    }
}
