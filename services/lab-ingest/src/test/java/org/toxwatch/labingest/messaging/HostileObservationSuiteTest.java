package org.toxwatch.labingest.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.toxwatch.testsupport.kafka.TopicRecorder.header;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.toxwatch.labingest.messaging.HostileObservations.Case;
import org.toxwatch.labingest.messaging.HostileObservations.Expect;
import org.toxwatch.labingest.normalization.RejectedObservation.Reason;
import org.toxwatch.testsupport.hostile.HostileSeed;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.kafka.KafkaTopics;
import org.toxwatch.testsupport.postgres.PostgresTestResource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 6, item 3 (first slice): over 10,000 malformed or hostile FHIR Observations on {@code lab.observations.fhir.v1},
 * through a real broker and PostgreSQL. Every input must end up normalized, dead-lettered with a reason that starts
 * with a known code, or absorbed as a duplicate; the counts must add up exactly, the metrics must agree with the
 * topics, and the service must stay live and ready.
 * <p>
 * The inputs come from one seeded {@link java.util.Random}; the seed is printed, and {@code -Dtoxwatch.hostile.seed=N}
 * repeats a run. What lab-ingest must do with each family is stated in {@link HostileObservations}; in short:
 * unknown patients are passed on (lab-ingest keeps no patient register); far-future sample times (more than a day
 * after receipt by the machine clock) and far-past ones (before 1900) are refused as INVALID_VALUE, an input check
 * only, since grading runs on event time; a correction sent before the result it corrects is passed on with its
 * version, and the grader decides which stands.
 * <p>
 * Size limits: the producer refuses a record over {@code max.request.size} (1 MiB by default; the broker's
 * {@code message.max.bytes} is 1 MiB + 12 bytes), so such an input never reaches lab-ingest; the test checks that.
 * An input just under the limit that lab-ingest refuses must still fit on the dead-letter topic with its reason
 * headers, so lab-ingest's dead-letter producer allows 2 MiB and the dead-letter topic needs {@code max.message.bytes}
 * of 2 MiB, as contracts/asyncapi.yaml creates it (README, "Guarantees").
 */
@QuarkusTest
@TestProfile(HostileObservationSuiteTest.OwnApplication.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
class HostileObservationSuiteTest {

    /** An application of its own: other test classes assert counters that ten thousand inputs would move. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    private static final String IN = "lab.observations.fhir.v1";
    private static final String OUT = "lab.observations.normalized.v1";
    private static final String DLQ = "lab.observations.fhir.v1.dlq";
    private static final int INPUTS = 10_000;
    private static final int PRODUCER_LIMIT = 1_048_576;
    /**
     * The producer counts a record as its key and value plus at most 61 bytes of batch header and 21 of record header;
     * 200 bytes under the limit leaves room for our keys, and none for the reason headers of a dead-letter record.
     */
    private static final int JUST_UNDER_THE_LIMIT = PRODUCER_LIMIT - 200;
    private static final Duration ALL_ACCOUNTED_FOR_WITHIN = Duration.ofMinutes(3);
    private static final Pattern DEAD_LETTERS = Pattern.compile(
            "toxwatch_dead_letters_total\\{reason=\"([A-Z_]+)\",service=\"lab-ingest\"} ([0-9.E]+)");
    private static final Pattern DUPLICATES = Pattern.compile(
            "toxwatch_observations_duplicates_total\\{service=\"lab-ingest\"} ([0-9.E]+)");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void tenThousandHostileObservationsAreEachNormalizedDeadLetteredOrAbsorbedAndTheServiceStaysReady() throws Exception {
        long seed = HostileSeed.forRun("lab-ingest");
        String runTag = UUID.randomUUID().toString().substring(0, 8);
        // as contracts/asyncapi.yaml says (2 MiB), also on a broker shared with other test classes
        KafkaTopics.ensureDocumented(bootstrap, DLQ);

        HostileObservations generator = new HostileObservations(seed, runTag, Instant.now());
        List<Case> cases = new ArrayList<>(generator.generate(INPUTS));
        // valid and invalid inputs just under the producer's limit, placed among the others
        int middle = cases.size() / 2;
        for (String padded : List.of("note", "unit", "identifier", "date")) {
            cases.add(middle, generator.large(padded, JUST_UNDER_THE_LIMIT));
        }
        Map<String, Case> byKey = cases.stream().collect(Collectors.toMap(Case::key, c -> c));
        int inputs = cases.stream().mapToInt(c -> c.payloads().size()).sum();
        String keyPrefix = cases.get(0).key().substring(0, cases.get(0).key().lastIndexOf('-') + 1);

        Metrics before = metrics();
        long started = System.nanoTime();
        List<String> refusedByTheProducer;
        try (KafkaTestClient topics = new KafkaTestClient(bootstrap, OUT, DLQ);
                KafkaProducer<String, String> producer = producer()) {
            sendInBatches(producer, cases, seed);
            refusedByTheProducer = overTheLimitIsRefusedByTheProducer(producer, generator);

            Outcomes outcomes;
            try {
                await().atMost(ALL_ACCOUNTED_FOR_WITHIN).pollInterval(Duration.ofMillis(500))
                        .until(() -> Outcomes.of(topics, keyPrefix, byKey, json, before, metrics()).accountedFor() >= inputs);
            } catch (ConditionTimeoutException stalled) {
                // fall through: the comparison below names the inputs that were not accounted for
            }
            outcomes = Outcomes.of(topics, keyPrefix, byKey, json, before, metrics());
            double seconds = (System.nanoTime() - started) / 1e9;

            List<String> problems = outcomes.problems(cases);
            assertThat(problems).as("seed %d: inputs whose outcome is wrong (first 20 of %d)", seed, problems.size())
                    .isEmpty();
            assertThat(outcomes.accountedFor()).as("seed %d: inputs = normalized + dead-lettered + duplicates", seed)
                    .isEqualTo(inputs);
            assertThat(outcomes.duplicates).as("seed %d: duplicates counted by the service", seed)
                    .isEqualTo(cases.stream().mapToInt(c -> c.expect().duplicates()).sum());
            assertThat(outcomes.deadLettersCounted).as("seed %d: toxwatch_dead_letters_total against the dead-letter topic",
                    seed).isEqualTo(outcomes.deadLetteredByReason);

            given().get("/q/health/live").then().statusCode(200).body(containsString("\"status\": \"UP\""));
            given().get("/q/health/ready").then().statusCode(200).body(containsString("\"status\": \"UP\""));

            System.out.printf("HOSTILE-INPUT lab-ingest seed=%d inputs=%d normalized=%d dead-lettered=%d %s duplicates=%d"
                    + " refused-by-producer=%d %s in %.0f s; live and ready%n", seed, inputs, outcomes.normalized,
                    outcomes.deadLettered(), outcomes.deadLetteredByReason, outcomes.duplicates, refusedByTheProducer.size(),
                    refusedByTheProducer, seconds);
        }
    }

    /** One producer, asynchronous sends, a flush per batch; a case's payloads go in order under its key. */
    private static void sendInBatches(KafkaProducer<String, String> producer, List<Case> cases, long seed) throws Exception {
        List<Future<RecordMetadata>> batch = new ArrayList<>();
        for (Case c : cases) {
            for (String payload : c.payloads()) {
                batch.add(producer.send(new ProducerRecord<>(IN, c.key(), payload)));
            }
            if (batch.size() >= 500) {
                settle(producer, batch, seed);
            }
        }
        settle(producer, batch, seed);
    }

    private static void settle(KafkaProducer<String, String> producer, List<Future<RecordMetadata>> batch, long seed)
            throws Exception {
        producer.flush();
        for (Future<RecordMetadata> sent : batch) {
            try {
                sent.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("seed " + seed + ": the broker did not take an input", e.getCause());
            }
        }
        batch.clear();
    }

    /** Records over the limit never reach lab-ingest: the producer refuses them itself. */
    private static List<String> overTheLimitIsRefusedByTheProducer(KafkaProducer<String, String> producer,
            HostileObservations generator) throws InterruptedException {
        List<String> refused = new ArrayList<>();
        for (int bytes : List.of(PRODUCER_LIMIT + 1_024, 2 * PRODUCER_LIMIT)) {
            Case tooLarge = generator.large("note", bytes);
            Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(IN, tooLarge.key(), tooLarge.payloads().get(0)));
            try {
                sent.get(30, TimeUnit.SECONDS);
                throw new AssertionError("a record of " + bytes + " bytes was accepted; the limit is " + PRODUCER_LIMIT);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(RecordTooLargeException.class);
                refused.add(bytes + " B");
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the producer neither sent nor refused a record of " + bytes + " bytes", e);
            }
        }
        return refused;
    }

    private KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        // the default max.request.size (1 MiB) is the limit under test
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static Metrics metrics() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Long> deadLetters = new TreeMap<>();
        Matcher m = DEAD_LETTERS.matcher(text);
        while (m.find()) {
            deadLetters.put(m.group(1), (long) Double.parseDouble(m.group(2)));
        }
        Matcher d = DUPLICATES.matcher(text);
        long duplicates = d.find() ? (long) Double.parseDouble(d.group(1)) : 0;
        return new Metrics(deadLetters, duplicates);
    }

    record Metrics(Map<String, Long> deadLettersByReason, long duplicates) {
    }

    /** What came out for this run's keys, and what the service counted since the run started. */
    static final class Outcomes {
        final Map<String, Integer> normalizedByCase = new HashMap<>();
        final Map<String, List<String>> deadLetterReasonsByCase = new HashMap<>();
        final List<String> unattributed = new ArrayList<>();
        final Map<String, Long> deadLetteredByReason = new TreeMap<>();
        final Map<String, Long> deadLettersCounted = new TreeMap<>();
        int normalized;
        long duplicates;

        static Outcomes of(KafkaTestClient topics, String keyPrefix, Map<String, Case> byKey, ObjectMapper json,
                Metrics before, Metrics now) throws Exception {
            Outcomes o = new Outcomes();
            String ourIdentifiers = HostileObservations.IDENTIFIER_SYSTEM + "|" + keyPrefix;
            for (ConsumerRecord<String, String> record : topics.records(OUT)) {
                String key = record.key() != null && byKey.containsKey(record.key()) ? record.key() : null;
                String observationId = json.readTree(record.value()).path("observationId").asText();
                if (key == null && observationId.startsWith(ourIdentifiers)) {
                    // the patient id was changed on purpose; the identifier still names the case
                    String candidate = observationId.substring(HostileObservations.IDENTIFIER_SYSTEM.length() + 1);
                    key = byKey.containsKey(candidate) ? candidate : null;
                    if (key == null) {
                        o.unattributed.add(observationId);
                        continue;
                    }
                }
                if (key != null) {
                    o.normalizedByCase.merge(key, 1, Integer::sum);
                    o.normalized++;
                }
            }
            for (ConsumerRecord<String, String> record : topics.records(DLQ)) {
                if (record.key() == null || !record.key().startsWith(keyPrefix)) {
                    continue;
                }
                String reason = String.valueOf(header(record, "dead-letter-reason"));
                o.deadLetterReasonsByCase.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(reason);
                o.deadLetteredByReason.merge(code(reason), 1L, Long::sum);
            }
            now.deadLettersByReason().forEach((reason, count) -> {
                long delta = count - before.deadLettersByReason().getOrDefault(reason, 0L);
                if (delta != 0) {
                    o.deadLettersCounted.put(reason, delta);
                }
            });
            o.duplicates = now.duplicates() - before.duplicates();
            return o;
        }

        long deadLettered() {
            return deadLetteredByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        long accountedFor() {
            return normalized + deadLettered() + duplicates;
        }

        List<String> problems(List<Case> cases) {
            List<String> problems = new ArrayList<>();
            unattributed.forEach(id -> problems.add("a normalized observation no input asked for: " + id));
            for (Case c : cases) {
                int normalizedHere = normalizedByCase.getOrDefault(c.key(), 0);
                List<String> reasons = deadLetterReasonsByCase.getOrDefault(c.key(), List.of());
                List<String> codes = reasons.stream().map(Outcomes::code).sorted().toList();
                String wrong = judge(c.expect(), c.payloads().size(), normalizedHere, codes, reasons);
                if (wrong != null) {
                    problems.add(c.key() + " [" + c.family() + ": " + c.description() + "] expected " + c.expect()
                            + ", but " + wrong + "; input: " + c.excerpt());
                }
            }
            return problems.size() > 20 ? problems.subList(0, 20) : problems;
        }

        private static String judge(Expect expect, int payloads, int normalized, List<String> codes, List<String> reasons) {
            String seen = normalized + " normalized, dead-lettered " + reasons;
            for (String code : codes) {
                if (!isKnown(code)) {
                    return "a reason does not start with a known code: " + seen;
                }
            }
            if (expect.either()) {
                if (normalized + codes.size() != 1) {
                    return seen;
                }
                if (normalized == 1 && !expect.mayBeNormalized()) {
                    return seen;
                }
                if (codes.size() == 1 && !expect.eitherOneOf().contains(Reason.valueOf(codes.get(0)))) {
                    return seen;
                }
                return null;
            }
            List<String> expectedCodes = expect.deadLettered().stream().map(Reason::name).sorted().toList();
            boolean right = normalized == expect.normalizedCount() && codes.equals(expectedCodes)
                    && payloads - normalized - codes.size() == expect.duplicates();
            return right ? null : seen;
        }

        static String code(String reason) {
            int colon = reason.indexOf(':');
            return colon < 0 ? reason : reason.substring(0, colon);
        }

        private static boolean isKnown(String code) {
            try {
                Reason.valueOf(code);
                return true;
            } catch (IllegalArgumentException unknown) {
                return false;
            }
        }
    }
}
