package org.toxwatch.resilience.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toxwatch.testsupport.kafka.KafkaBrokerProcess;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTopics;

/** Lag measured with the Admin client against a real broker, and the readiness it gives. */
class ConsumerLagAgainstABrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static KafkaBrokerProcess startedBroker;
    private static String bootstrap;

    private final String topic = "lag.labs." + UUID.randomUUID();
    private final String group = "lag-group-" + UUID.randomUUID();

    @BeforeAll
    static void broker() {
        // a broker CI runs for many test classes is reused, as KafkaBrokerTestResource does
        bootstrap = Optional.ofNullable(System.getProperty(KafkaBrokerTestResource.BOOTSTRAP_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv(KafkaBrokerTestResource.BOOTSTRAP_ENV)))
                .filter(servers -> !servers.isBlank())
                .orElseGet(() -> {
                    startedBroker = KafkaBrokerProcess.start();
                    return startedBroker.bootstrapServers();
                });
    }

    @AfterAll
    static void stopBroker() {
        if (startedBroker != null) {
            startedBroker.close();
        }
    }

    @Test
    void lagIsTheRecordsAfterTheGroupsCommittedOffsetOnEveryPartition() throws Exception {
        KafkaTopics.create(bootstrap, List.of(new NewTopic(topic, 2, (short) 1)));
        send(0, 10);
        send(1, 5);
        commit(Map.of(new TopicPartition(topic, 0), 4L));

        try (LagMeter meter = LagMeter.connect(Map.of("bootstrap.servers", bootstrap), "lag-test", TIMEOUT,
                Clock.systemUTC())) {
            LagReading fromEarliest = meter.measure(List.of(new WatchedGroup(group, Map.of(topic, true))));
            LagReading fromLatest = meter.measure(List.of(new WatchedGroup(group, Map.of(topic, false))));

            assertThat(fromEarliest.failure()).isEmpty();
            // partition 0: 10 - 4; partition 1, never committed: all 5 records wait
            assertThat(fromEarliest.groups()).containsExactly(new GroupLag(group, Map.of(topic, 11L)));
            // a group starting at the end does not wait for partition 1's records
            assertThat(fromLatest.groups()).containsExactly(new GroupLag(group, Map.of(topic, 6L)));

            commit(Map.of(new TopicPartition(topic, 0), 10L, new TopicPartition(topic, 1), 5L));
            assertThat(meter.measure(List.of(new WatchedGroup(group, Map.of(topic, true)))).groups())
                    .containsExactly(new GroupLag(group, Map.of(topic, 0L)));
        }
    }

    @Test
    void aTopicNotCreatedYetHasNothingWaiting() {
        String absent = "lag.not-created." + UUID.randomUUID();
        try (LagMeter meter = LagMeter.connect(Map.of("bootstrap.servers", bootstrap), "lag-test", TIMEOUT,
                Clock.systemUTC())) {
            LagReading reading = meter.measure(List.of(new WatchedGroup(group, Map.of(absent, true))));

            assertThat(reading.failure()).isEmpty();
            assertThat(reading.groups()).containsExactly(new GroupLag(group, Map.of(absent, 0L)));
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerGivesAFailedReadingWithinTheTimeout() throws IOException {
        Duration timeout = Duration.ofMillis(800);
        try (LagMeter meter = LagMeter.connect(Map.of("bootstrap.servers", "127.0.0.1:" + closedPort()), "lag-test",
                timeout, Clock.systemUTC())) {
            long started = System.nanoTime();
            LagReading reading = meter.measure(List.of(new WatchedGroup(group, Map.of(topic, true))));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(reading.failure()).hasValue("Kafka did not answer within 800 ms");
            assertThat(reading.groups()).isEmpty();
            // bounded by the timeout, not by the client's retries (generous margin for a loaded machine)
            assertThat(took).isLessThan(timeout.plusSeconds(5));
        }
    }

    @Test
    void theReadinessCheckReportsTheBacklogAndRecoversWhenItIsProcessed() throws Exception {
        KafkaTopics.create(bootstrap, List.of(new NewTopic(topic, 2, (short) 1)));
        send(0, 8);
        send(1, 4);
        ConsumerLagReadiness readiness = new ConsumerLagReadiness(List.of(new WatchedGroup(group, Map.of(topic, true))),
                10, Duration.ofMinutes(1), TIMEOUT,
                () -> LagMeter.connect(Map.of("bootstrap.servers", bootstrap), "lag-test", TIMEOUT, Clock.systemUTC()),
                Clock.systemUTC());
        try {
            readiness.refresh();
            HealthCheckResponse behind = readiness.call();
            assertThat(behind.getStatus()).isEqualTo(Status.DOWN);
            assertThat(behind.getData().orElseThrow()).containsEntry("group", group).containsEntry("lag", 12L)
                    .containsEntry("threshold", 10L);

            commit(Map.of(new TopicPartition(topic, 0), 6L));
            readiness.refresh();
            HealthCheckResponse caughtUp = readiness.call();
            assertThat(caughtUp.getStatus()).isEqualTo(Status.UP);
            assertThat(caughtUp.getData().orElseThrow()).containsEntry("lag", 6L);
        } finally {
            readiness.stop();
        }
    }

    @Test
    void aMeasurementThatThrowsIsReportedAndDoesNotStopTheRefreshes() {
        int[] attempts = {0};
        ConsumerLagReadiness readiness = new ConsumerLagReadiness(List.of(new WatchedGroup(group, Map.of(topic, true))),
                10, Duration.ofMinutes(1), TIMEOUT, () -> {
                    attempts[0]++;
                    throw new IllegalStateException("no Kafka configuration");
                }, Clock.systemUTC());

        readiness.refresh();
        readiness.refresh();

        HealthCheckResponse response = readiness.call();
        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(response.getData().orElseThrow())
                .containsEntry("reason", "IllegalStateException: no Kafka configuration");
        assertThat(attempts[0]).isEqualTo(2);
    }

    private void send(int partition, int records) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "p-lag", "result " + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private void commit(Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.alterConsumerGroupOffsets(group, commits).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
