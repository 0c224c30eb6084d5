package org.toxwatch.labingest.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toxwatch.contracts.AsyncApiDocument;
import org.toxwatch.contracts.ContractSchemas;
import org.toxwatch.labingest.FhirJson;
import static org.toxwatch.testsupport.kafka.TopicRecorder.header;

import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.postgres.PostgresTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** FHIR Observations through a real Kafka broker and PostgreSQL. Each test uses its own patient ids. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
class FhirObservationFlowTest {

    private static final String IN = "lab.observations.fhir.v1";
    private static final String OUT = "lab.observations.normalized.v1";
    private static final String DLQ = "lab.observations.fhir.v1.dlq";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/")
    URL root;

    @Inject
    Pool database;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    private KafkaTestClient kafka;

    @BeforeEach
    void openKafka() {
        kafka = new KafkaTestClient(bootstrap, OUT, DLQ);
    }

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    @Test
    void labResultIsNormalizedKeyedByPatientAsACloudEventThatMeetsItsContract() throws Exception {
        send("p-flow-1", FhirJson.anc("F-1", "p-flow-1", "800", "/uL"));

        ConsumerRecord<String, String> record = awaitOne(OUT, "p-flow-1");
        JsonNode message = json.readTree(record.value());
        assertThat(message.path("results").path(0).path("value").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(message.path("results").path(0).path("unit").asText()).isEqualTo("10*9/L");
        assertThat(message.path("observationId").asText()).isEqualTo("urn:lab:test|F-1");
        assertThat(header(record, "ce_id")).isNotBlank();
        AsyncApiDocument.Channel channel = AsyncApiDocument.load().channel(OUT).orElseThrow();
        assertThat(header(record, "ce_type")).isEqualTo(channel.cloudEventType().orElseThrow());
        assertThat(header(record, "ce_source")).isEqualTo(channel.cloudEventSource().orElseThrow());
        assertThat(ContractSchemas.load().validate("normalized-observation.v1", record.value())).isEmpty();

        await().atMost(WAIT).untilAsserted(() -> assertThat(count(
                "select count(*) from lab_ingest.received_observation where patient_id = $1", "p-flow-1")).isEqualTo(1));
    }

    @Test
    void aRepeatedObservationIsAbsorbedAndACorrectionReplacesIt() throws Exception {
        String original = FhirJson.observation("F-2", "1", "final", "p-flow-2", "2026-01-26T07:30:00Z", "777-3", "60",
                "10*9/L", "150", "400");
        send("p-flow-2", original);
        send("p-flow-2", original);
        send("p-flow-2", FhirJson.observation("F-2", "2", "corrected", "p-flow-2", "2026-01-26T07:30:00Z", "777-3", "45",
                "10*9/L", "150", "400"));

        // one patient, one partition, processed in order: once the correction is out, the repeat has been handled
        await().atMost(WAIT).until(() -> kafka.records(OUT, "p-flow-2").stream()
                .anyMatch(r -> r.value().contains("\"corrected\"")));
        List<ConsumerRecord<String, String>> records = kafka.records(OUT, "p-flow-2");
        assertThat(records).hasSize(2);
        JsonNode correction = json.readTree(records.get(1).value());
        assertThat(correction.path("version").asText()).isEqualTo("2");
        assertThat(correction.path("results").path(0).path("value").decimalValue()).isEqualByComparingTo("45");
        assertThat(header(records.get(0), "ce_id")).isNotEqualTo(header(records.get(1), "ce_id"));
    }

    @Test
    void badInputLandsOnTheDeadLetterTopicWithItsReasonAndThePipelineKeepsGoing() {
        send("p-flow-3", "{\"resourceType\": \"Observation\", \"status\": ");
        send("p-flow-3", FhirJson.observation("F-3b", "1", "final", "p-flow-3", "2026-01-26T07:30:00Z", "2345-7", "5.4",
                "mmol/L", null, null));
        send("p-flow-3", FhirJson.observation("F-3c", "1", "final", "p-flow-3", "2026-01-26T07:30:00Z", "751-8", "0.8",
                null, null, null));
        send("p-flow-3", FhirJson.anc("F-3d", "p-flow-3", "1.1", "10*9/L"));

        awaitOne(OUT, "p-flow-3");
        await().atMost(WAIT).until(() -> kafka.records(DLQ, "p-flow-3").size() == 3);
        List<String> reasons = kafka.records(DLQ, "p-flow-3").stream()
                .map(r -> header(r, "dead-letter-reason")).toList();
        assertThat(reasons.get(0)).startsWith("MALFORMED_JSON");
        assertThat(reasons.get(1)).startsWith("UNKNOWN_CODE").contains("2345-7");
        assertThat(reasons.get(2)).startsWith("MISSING_UNIT");
        // the original bytes are kept so an operator can fix and replay them
        assertThat(kafka.records(DLQ, "p-flow-3").get(0).value()).isEqualTo("{\"resourceType\": \"Observation\", \"status\": ");

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("toxwatch_dead_letters_total{reason=\"UNKNOWN_CODE\",service=\"lab-ingest\"}"))
                .body(containsString("toxwatch_dead_letters_total{reason=\"MISSING_UNIT\",service=\"lab-ingest\"}"));
    }

    @Test
    void enteredInErrorAfterAFinalResultIsPublishedAsARetractionAndRepeatsAreAbsorbed() throws Exception {
        send("p-flow-5", FhirJson.observation("F-5", "1", "final", "p-flow-5", "2026-01-26T07:30:00Z", "751-8", "0.4",
                "10*9/L", "1.8", "7.7"));
        // the lab's entered-in-error version, sent twice, then once more as a new version: one retraction goes out
        String retraction = FhirJson.observation("F-5", "2", "entered-in-error", "p-flow-5", "2026-01-27T09:00:00Z",
                "751-8", "0.4", "10*9/L", "1.8", "7.7");
        send("p-flow-5", retraction);
        send("p-flow-5", retraction);
        send("p-flow-5", retraction.replace("\"versionId\": \"2\"", "\"versionId\": \"3\""));
        // one patient, one partition, in order: once this result is out, everything before it has been handled
        send("p-flow-5", FhirJson.anc("F-5-next", "p-flow-5", "1.1", "10*9/L"));

        await().atMost(WAIT).until(() -> kafka.records(OUT, "p-flow-5").stream()
                .anyMatch(r -> r.value().contains("F-5-next")));
        List<ConsumerRecord<String, String>> records = kafka.records(OUT, "p-flow-5");
        assertThat(records).hasSize(3);
        JsonNode published = json.readTree(records.get(1).value());
        assertThat(published.path("status").asText()).isEqualTo("entered-in-error");
        assertThat(published.path("observationId").asText()).isEqualTo("urn:lab:test|F-5");
        assertThat(published.path("version").asText()).isEqualTo("2");
        assertThat(published.path("results").isArray()).isTrue();
        assertThat(published.path("results")).isEmpty();
        // placed at the retracted result's sample time, not at the time the retraction message gives
        assertThat(published.path("effectiveTime").asText()).isEqualTo("2026-01-26T07:30:00Z");
        assertThat(ContractSchemas.load().validate("normalized-observation.v1", records.get(1).value())).isEmpty();
        assertThat(header(records.get(1), "ce_id")).isNotEqualTo(header(records.get(0), "ce_id"));
        assertThat(kafka.records(DLQ, "p-flow-5")).isEmpty();

        assertThat(count("select count(*) from lab_ingest.received_observation where observation_id = $1",
                "urn:lab:test|F-5")).isEqualTo(2);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("toxwatch_retractions_total{service=\"lab-ingest\"} 1.0"));
    }

    @Test
    void aResultItsRepeatAConflictAndItsRetractionsSentTogetherEndAsIfSentOneByOne() throws Exception {
        String result = FhirJson.observation("F-8", "1", "final", "p-flow-8", "2026-01-26T07:30:00Z", "751-8", "0.4",
                "10*9/L", "1.8", "7.7");
        String retraction = FhirJson.observation("F-8", "2", "entered-in-error", "p-flow-8", "2026-01-27T09:00:00Z",
                "751-8", "0.4", "10*9/L", "1.8", "7.7");
        // back to back, so the consumer most likely reads them in one batch: within a batch the same rules hold
        double retakenBefore = retakenBatches();
        kafka.sendTogether(IN, "p-flow-8", List.of(
                result,
                result,
                FhirJson.observation("F-8", "1", "final", "p-flow-8", "2026-01-26T07:30:00Z", "751-8", "0.5", "10*9/L",
                        "1.8", "7.7"),
                retraction,
                retraction.replace("\"versionId\": \"2\"", "\"versionId\": \"3\""),
                FhirJson.anc("F-8-next", "p-flow-8", "1.1", "10*9/L")));

        await().atMost(WAIT).until(() -> kafka.records(OUT, "p-flow-8").stream()
                .anyMatch(r -> r.value().contains("F-8-next")));
        assertThat(retakenBatches()).as("refusals are no failures: the batch was ingested as one").isEqualTo(retakenBefore);
        List<ConsumerRecord<String, String>> records = kafka.records(OUT, "p-flow-8");
        assertThat(records).extracting(r -> json.readTree(r.value()).path("status").asText())
                .containsExactly("final", "entered-in-error", "final");
        JsonNode withdrawn = json.readTree(records.get(1).value());
        assertThat(withdrawn.path("version").asText()).isEqualTo("2");
        // the retracted result was accepted earlier in the same batch: its sample time places the retraction
        assertThat(withdrawn.path("effectiveTime").asText()).isEqualTo("2026-01-26T07:30:00Z");

        await().atMost(WAIT).until(() -> kafka.records(DLQ, "p-flow-8").size() == 1);
        assertThat(header(kafka.records(DLQ, "p-flow-8").get(0), "dead-letter-reason")).startsWith("CONFLICTING_DUPLICATE");
        assertThat(kafka.records(DLQ, "p-flow-8").get(0).value()).contains("0.5");
        // the headers SmallRye's dead-letter strategy writes (contracts/asyncapi.yaml, DeadLetterHeaders), key kept
        ConsumerRecord<String, String> dead = kafka.records(DLQ, "p-flow-8").get(0);
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(IN);
        assertThat(header(dead, "dead-letter-partition")).matches("\\d+");
        assertThat(header(dead, "dead-letter-offset")).matches("\\d+");
        assertThat(header(dead, "dead-letter-exception-class-name")).endsWith("RejectedObservation");
        assertThat(dead.key()).isEqualTo("p-flow-8");
        assertThat(count("select count(*) from lab_ingest.received_observation where observation_id = $1",
                "urn:lab:test|F-8")).isEqualTo(2);
    }

    @Test
    void aBacklogOfSeveralHundredResultsIsPublishedInFull() {
        List<String> backlog = java.util.stream.IntStream.range(0, 600)
                .mapToObj(i -> FhirJson.anc("F-9-" + i, "p-flow-9", "1." + (i % 10), "10*9/L")).toList();
        kafka.sendTogether(IN, "p-flow-9", backlog);

        await().atMost(WAIT).until(() -> kafka.records(OUT, "p-flow-9").size() == 600);
        assertThat(kafka.records(OUT, "p-flow-9")).extracting(r -> json.readTree(r.value()).path("observationId").asText())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 600).mapToObj(i -> "urn:lab:test|F-9-" + i)
                        .toList());
    }

    @Test
    void enteredInErrorForAResultNeverReceivedForThatPatientIsDeadLetteredWithNothingToRetract() {
        send("p-flow-7", FhirJson.anc("F-7", "p-flow-7", "0.9", "10*9/L"));
        awaitOne(OUT, "p-flow-7");

        send("p-flow-6", FhirJson.observation("F-6", "2", "entered-in-error", "p-flow-6", "2026-01-26T07:30:00Z",
                "751-8", "0.4", "10*9/L", null, null));
        // F-7 was received, but for another patient
        send("p-flow-6", FhirJson.observation("F-7", "2", "entered-in-error", "p-flow-6", "2026-01-26T07:30:00Z",
                "751-8", "0.9", "10*9/L", null, null));

        await().atMost(WAIT).until(() -> kafka.records(DLQ, "p-flow-6").size() == 2);
        List<String> reasons = kafka.records(DLQ, "p-flow-6").stream().map(r -> header(r, "dead-letter-reason")).toList();
        assertThat(reasons).allSatisfy(reason -> assertThat(reason).startsWith("RETRACTS_UNKNOWN_OBSERVATION")
                .contains("nothing to retract"));
        assertThat(reasons.get(0)).contains("urn:lab:test|F-6");
        assertThat(reasons.get(1)).contains("urn:lab:test|F-7").contains("p-flow-6");
        assertThat(kafka.records(OUT, "p-flow-6")).isEmpty();
        assertThat(kafka.records(OUT, "p-flow-7")).hasSize(1);
        given().get("/q/metrics").then().statusCode(200).body(containsString(
                "toxwatch_dead_letters_total{reason=\"RETRACTS_UNKNOWN_OBSERVATION\",service=\"lab-ingest\"} 2.0"));
    }

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("\"status\": \"UP\""))
                .body(containsString("SmallRye Reactive Messaging"))
                .body(containsString("PostgreSQL"));
    }

    @Test
    void overHttpOnlyProbesAndMetricsAnswerAndABodyOverTheLimitIs413() throws Exception {
        given().get("/q/metrics").then().statusCode(200);
        // observations come from Kafka only: there is nothing to post them to
        given().contentType("application/fhir+json").body("{}").post("/observations").then().statusCode(404);

        // as clients send large uploads: the server can refuse on Content-Length before the body is sent
        HttpRequest request = HttpRequest.newBuilder(root.toURI().resolve("/observations"))
                .header("Content-Type", "application/fhir+json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(16 * 1024 + 1))).build();
        HttpResponse<String> refused = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
    }

    private void send(String key, String value) {
        kafka.send(IN, key, value);
    }

    private ConsumerRecord<String, String> awaitOne(String topic, String key) {
        await().atMost(WAIT).until(() -> !kafka.records(topic, key).isEmpty());
        return kafka.records(topic, key).get(0);
    }

    private long count(String sql, String parameter) {
        return database.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    /** Batches this service retook one input at a time since it started (the fallback must not hide a batch bug). */
    private double retakenBatches() {
        Counter counter = registry.find("toxwatch.batches.retaken").tag("service", "lab-ingest").counter();
        return counter == null ? 0 : counter.count();
    }
}
