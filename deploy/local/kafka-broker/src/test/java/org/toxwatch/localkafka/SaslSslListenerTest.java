package org.toxwatch.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broker (in this JVM) with the SASL_SSL listener: a client with the SCRAM password and the generated
 * truststore produces and consumes over TLS, a wrong password is refused, and the PEM copy of the certificate serves
 * as a truststore too (as Strimzi's ca.crt does).
 */
class SaslSslListenerTest {

    private static final String USER = "lab-ingest";
    private static final String PASSWORD = "scram-" + Long.toHexString(System.nanoTime());
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private static SingleNodeKafka kafka;
    private static SaslSslListener listener;

    @BeforeAll
    static void startBroker() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        listener = new SaslSslListener(0, USER, PASSWORD, dataDir.resolve("tls"), "store-" + Long.toHexString(System.nanoTime()));
        kafka = SingleNodeKafka.prepare(BrokerSettings.forPort(0, dataDir.resolve("data"), 1, listener), false);
        kafka.start(Duration.ofSeconds(90));
        listener = kafka.settings().saslSsl();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void aClientWithTheScramPasswordProducesAndConsumesOverTls() {
        String topic = "scram-round-trip";
        Map<String, Object> client = listener.clientSettings(PASSWORD);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "p-001", "over TLS")).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("producing over SASL_SSL failed", e);
        }

        assertEquals(List.of("over TLS"), consume(client, topic, 1));
    }

    @Test
    void theCertificateAsPemIsATruststoreToo() throws Exception {
        Map<String, Object> client = listener.clientSettings(PASSWORD);
        client.put("ssl.truststore.type", "PEM");
        client.put("ssl.truststore.location", listener.caCertificate().toString());
        client.remove("ssl.truststore.password");
        assertTrue(Files.readString(listener.caCertificate(), StandardCharsets.US_ASCII).startsWith("-----BEGIN CERTIFICATE-----"));

        try (Admin admin = Admin.create(client)) {
            assertEquals(1, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> client = listener.clientSettings(PASSWORD + "-wrong");
        client.put("request.timeout.ms", 10_000);
        client.put("default.api.timeout.ms", 10_000);
        try (Admin admin = Admin.create(client)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        }
    }

    @Test
    void theListenerIsAdvertisedNextToPlaintextAndTheInterBrokerListenerStaysPlaintext() {
        BrokerSettings settings = kafka.settings();
        assertEquals("PLAINTEXT://" + settings.bootstrapServers() + ",SASL_SSL://" + settings.saslSslBootstrapServers(),
                settings.serverProperties().getProperty("advertised.listeners"));
        assertEquals("PLAINTEXT", settings.serverProperties().getProperty("inter.broker.listener.name"));
    }

    private static List<String> consume(Map<String, Object> client, String topic, int expected) {
        Map<String, Object> config = new HashMap<>(client);
        config.put("group.id", "scram-test-" + System.nanoTime());
        config.put("auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
