package org.toxwatch.testsupport.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerProcessTest {

    private static final String PATIENT = "p-7f3a";
    private static final String OBSERVATION =
            "{\"observationId\":\"urn:lab:hcc-central|OBS-1001\",\"loinc\":\"751-8\",\"value\":0.8,\"unit\":\"10*9/L\"}";

    @Test
    void deliversAKeyedRecordWithHeadersAndIsGoneAfterClose() throws Exception {
        String topic = "lab.observations.normalized.v1";
        String eventId = UUID.randomUUID().toString();
        KafkaBrokerProcess broker = KafkaBrokerProcess.start();
        long pid = broker.pid();
        try {
            assertTrue(broker.bootstrapServers().matches("127\\.0\\.0\\.1:\\d+"), broker.bootstrapServers());
            broker.createTopics(topic);
            broker.createTopics(topic); // a second creation is a no-op, not an error
            assertEquals(3, describe(broker.bootstrapServers(), topic).partitions().size(),
                    "topics get the broker's default of 3 partitions");

            send(broker.bootstrapServers(), new ProducerRecord<>(topic, null, PATIENT, OBSERVATION, List.of(
                    header("ce_id", eventId), header("ce_type", "org.toxwatch.lab.observation.normalized.v1"))));

            ConsumerRecord<String, String> received = receiveOne(broker.bootstrapServers(), topic);
            assertEquals(PATIENT, received.key());
            assertEquals(OBSERVATION, received.value());
            assertEquals(eventId, headerValue(received, "ce_id"));
            assertEquals("org.toxwatch.lab.observation.normalized.v1", headerValue(received, "ce_type"));
        } finally {
            broker.close();
        }
        assertFalse(broker.isAlive());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "broker JVM " + pid + " still runs");
        assertEquals(0, broker.exitCode(), "closing stdin must stop the broker cleanly, not kill it");
        assertFalse(Files.exists(broker.logFile()), "the log of a clean run is not kept");
    }

    @Test
    void keepsItsDataOnAFixedPortAcrossSigtermAndRestart(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        String topic = "treatment.courses.v1";
        KafkaBrokerProcess first = KafkaBrokerProcess.start(port, dataDir);
        try {
            assertEquals("127.0.0.1:" + port, first.bootstrapServers());
            first.createTopics(topic);
            send(first.bootstrapServers(), new ProducerRecord<>(topic, PATIENT, OBSERVATION));

            // What a supervisor or Ctrl-C does: SIGTERM, which must still shut Kafka down in order.
            ProcessHandle.of(first.pid()).orElseThrow().destroy();
            await().atMost(Duration.ofSeconds(30)).until(() -> !first.isAlive());
            assertEquals(143, first.exitCode());
            assertTrue(Files.readString(first.logFile(), StandardCharsets.UTF_8).contains("kafka-broker: stopped"),
                    "no clean shutdown in " + first.logFile());
        } finally {
            first.close();
            Files.deleteIfExists(first.logFile());
        }

        try (KafkaBrokerProcess second = KafkaBrokerProcess.start(port, dataDir)) {
            assertEquals("127.0.0.1:" + port, second.bootstrapServers());
            ConsumerRecord<String, String> kept = receiveOne(second.bootstrapServers(), topic);
            assertEquals(PATIENT, kept.key());
            assertEquals(OBSERVATION, kept.value());
        }
    }

    @Test
    void namesTheBrokerLogWhenTheBrokerCannotStart() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> KafkaBrokerProcess.start(taken.getLocalPort()));

            String message = failure.getMessage();
            assertTrue(message.contains("exited with code 1 before it was ready"), message);
            Path log = Path.of(message.substring(message.indexOf("its log is ") + "its log is ".length()).split(";")[0]);
            assertTrue(Files.readString(log, StandardCharsets.UTF_8).contains(Integer.toString(taken.getLocalPort())),
                    "the log names the port it could not bind: " + log);
            Files.delete(log);
        }
    }

    @Test
    void withSaslSslAScramClientReadsWhatAPlaintextClientWroteAndTheTlsFilesGoOnClose() throws Exception {
        String topic = "lab.observations.fhir.v1";
        KafkaBrokerProcess broker = KafkaBrokerProcess.startWithSaslSsl();
        SaslSslAccess access;
        try {
            access = broker.saslSsl().orElseThrow();
            assertTrue(access.bootstrapServers().matches("127\\.0\\.0\\.1:\\d+"), access.bootstrapServers());
            assertFalse(access.bootstrapServers().equals(broker.bootstrapServers()));
            assertTrue(Files.isRegularFile(access.truststore()));
            assertFalse(access.toString().contains(access.password()), "no password in descriptions");
            assertEquals(access.password(), access.serviceEnvironment().get("KAFKA_SASL_PASSWORD"));
            broker.createTopics(topic);

            send(broker.bootstrapServers(), new ProducerRecord<>(topic, PATIENT, OBSERVATION));
            Map<String, Object> scram = new HashMap<>(access.clientProperties());
            scram.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
            scram.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(scram, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    return !received.isEmpty();
                });
            }
            assertEquals(OBSERVATION, received.get(0).value());
        } finally {
            broker.close();
        }
        assertEquals(0, broker.exitCode());
        assertFalse(Files.exists(access.truststore()), "the broker's TLS files are removed with it");
    }

    private static TopicDescription describe(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        }
    }

    private static void send(String bootstrap, ProducerRecord<String, String> record) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static ConsumerRecord<String, String> receiveOne(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }
        assertEquals(1, received.size(), "exactly the one record sent");
        return received.get(0);
    }

    private static Header header(String key, String value) {
        return new org.apache.kafka.common.header.internals.RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String headerValue(ConsumerRecord<String, String> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
