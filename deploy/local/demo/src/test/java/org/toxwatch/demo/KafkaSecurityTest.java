package org.toxwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toxwatch.demo.scenario.FhirObservations;
import org.toxwatch.demo.scenario.LabResultRow;
import org.toxwatch.demo.stack.ProjectLayout;
import org.toxwatch.demo.stack.ServiceProcess;
import org.toxwatch.testsupport.kafka.KafkaBrokerProcess;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.kafka.SaslSslAccess;
import org.toxwatch.testsupport.kafka.TopicRecorder;
import org.toxwatch.testsupport.postgres.ThrowawayDatabase;

/**
 * The packaged lab-ingest against a broker that wants SASL_SSL with SCRAM-SHA-512, configured only through the
 * environment variables of the README's "Kafka security": with the right password a FHIR Observation flows through it
 * (and a malformed one reaches the dead-letter topic, through the dead-letter producer); with a wrong one the broker
 * refuses it and the service never becomes ready.
 *
 * <p>The test's own clients use the broker's PLAINTEXT listener; the service is only given the SASL_SSL address, where a
 * client that does not authenticate over TLS gets nowhere.
 */
class KafkaSecurityTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String FHIR = "lab.observations.fhir.v1";
    private static final String NORMALIZED = "lab.observations.normalized.v1";
    private static final String DEAD_LETTERS = "lab.observations.fhir.v1.dlq";

    private static KafkaBrokerProcess broker;
    private static ThrowawayDatabase database;
    private static ProjectLayout layout;

    @BeforeAll
    static void startBrokerWithScram() {
        layout = ProjectLayout.locate();
        database = ThrowawayDatabase.create();
        broker = KafkaBrokerProcess.startWithSaslSsl();
        broker.createTopics(FHIR, NORMALIZED, DEAD_LETTERS);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void withTheScramPasswordFromTheEnvironmentAnObservationFlowsThroughLabIngest() throws IOException {
        SaslSslAccess scram = broker.saslSsl().orElseThrow();
        try (ServiceProcess labIngest = startLabIngest(scram, "right-password");
                KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers(), NORMALIZED, DEAD_LETTERS)) {
            labIngest.awaitReady();

            kafka.send(FHIR, "p-scram-1", new FhirObservations().render(new LabResultRow("SCRAM-1", "p-scram-1",
                    Instant.parse("2026-02-06T07:30:00Z"), "751-8", "0.8", "10*9/L", "2.0", "7.5")));
            kafka.send(FHIR, "p-scram-1", "{\"resourceType\": \"Observation\", \"status\": \"fin");

            await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.records(NORMALIZED, "p-scram-1"))
                    .singleElement().extracting(ConsumerRecord::value).asString()
                    .contains("urn:toxwatch:demo-lab|SCRAM-1").contains("\"analyte\":\"NEUTROPHILS\""));
            await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.records(DEAD_LETTERS, "p-scram-1"))
                    .singleElement()
                    .satisfies(r -> assertThat(TopicRecorder.header(r, "dead-letter-reason")).startsWith("MALFORMED_JSON")));
            assertThat(log(labIngest)).doesNotContain(scram.password());
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndTheServiceDoesNotBecomeReady() throws IOException {
        SaslSslAccess wrong = broker.saslSsl().orElseThrow().withPassword("not-the-password");
        try (ServiceProcess labIngest = startLabIngest(wrong, "wrong-password")) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(log(labIngest))
                    .contains("Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"));
            // not ready now, and not a moment later either
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30))
                    .until(() -> readinessStatus(labIngest) != 200);
            assertThat(log(labIngest)).doesNotContain("not-the-password");
        }
    }

    private static ServiceProcess startLabIngest(SaslSslAccess access, String run) {
        Map<String, String> environment = new HashMap<>(access.serviceEnvironment());
        environment.putAll(Map.of(
                "DB_HOST", database.host(),
                "DB_PORT", Integer.toString(database.port()),
                "DB_NAME", database.name(),
                "DB_USER", database.user(),
                "DB_PASSWORD", database.password() == null ? "" : database.password()));
        return ServiceProcess.start("lab-ingest", layout.serviceJar("lab-ingest"), environment,
                layout.logDir().resolve("kafka-security-" + run));
    }

    /** The service's /q/health/ready status; 0 while nothing listens. */
    private static int readinessStatus(ServiceProcess service) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.baseUri().resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListening) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String log(ServiceProcess service) throws IOException {
        Path log = service.log();
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
