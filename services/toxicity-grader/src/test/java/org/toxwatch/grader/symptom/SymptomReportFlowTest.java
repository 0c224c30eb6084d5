package org.toxwatch.grader.symptom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.toxwatch.testsupport.kafka.TopicRecorder.header;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toxwatch.contracts.ContractSchemas;
import org.toxwatch.contracts.Examples;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Symptom grades from the ward, over REST and over Kafka, into graded adverse events. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class SymptomReportFlowTest {

    private static final String REPORTS = "symptom.reports.v1";
    private static final String GRADED = "ae.graded.v1";
    private static final String DLQ = "symptom.reports.v1.dlq";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @Inject
    ObjectMapper json;

    private KafkaTestClient kafka;
    private String nurse;

    @BeforeEach
    void openKafka() {
        kafka = new KafkaTestClient(bootstrap, REPORTS, GRADED, DLQ);
        nurse = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey)).bearer("nurse-5b-0042", "nurse");
    }

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    @Test
    void aNurseReportOverRestIsPublishedAsACloudEventAndGraded() throws Exception {
        given().header("Authorization", nurse).contentType(ContentType.JSON).body("""
                {"reportId": "ward5b-1", "patientId": "p-s-1", "assessedAt": "2026-02-04T10:15:00Z",
                 "term": "vomiting", "grade": 3, "reporterRole": "nurse"}
                """).post("/symptom-reports").then().statusCode(202).body(containsString("\"term\":\"Vomiting\""));

        await().atMost(WAIT).until(() -> !kafka.records(REPORTS, "p-s-1").isEmpty());
        var published = kafka.records(REPORTS, "p-s-1").get(0);
        assertThat(ContractSchemas.load().validate("symptom-report.v1", published.value())).isEmpty();
        assertThat(header(published, "ce_type")).isEqualTo("org.toxwatch.symptom.SymptomReported.v1");

        await().atMost(WAIT).until(() -> !kafka.records(GRADED, "p-s-1").isEmpty());
        JsonNode event = json.readTree(kafka.records(GRADED, "p-s-1").get(0).value());
        assertThat(event.path("term").asText()).isEqualTo("Vomiting");
        assertThat(event.path("grade").asInt()).isEqualTo(3);
        assertThat(event.path("observationId").asText()).isEqualTo("urn:toxwatch:symptom-report|ward5b-1");
        assertThat(ContractSchemas.load().validate("graded-adverse-event.v1", event.toString())).isEmpty();
    }

    @Test
    void aGradeNciDoesNotDefineIsRefusedAtTheBedside() {
        given().header("Authorization", nurse).contentType(ContentType.JSON).body("""
                {"reportId": "ward5b-2", "patientId": "p-s-2", "assessedAt": "2026-02-04T10:15:00Z",
                 "term": "Fatigue", "grade": 4, "reporterRole": "nurse"}
                """).post("/symptom-reports").then().statusCode(400)
                .body("problems", hasItem(containsString("no grade 4")));
        given().header("Authorization", nurse).contentType(ContentType.JSON).body("""
                {"reportId": "ward5b-3", "patientId": "p-s-2", "assessedAt": "2026-02-04T10:15:00Z",
                 "term": "Grumpiness", "grade": 2, "reporterRole": "nurse"}
                """).post("/symptom-reports").then().statusCode(400);
    }

    @Test
    void reportsOnTheTopicAreGradedOnceAndBadOnesAreDeadLettered() throws Exception {
        String example = Examples.valid("symptom-report.v1", "fatigue-grade-2-patient.json").text();
        kafka.send(REPORTS, "p-002", example);
        kafka.send(REPORTS, "p-002", example); // re-sent: absorbed, the same event published again
        kafka.send(REPORTS, "p-002", example.replace("\"fatigue\"", "\"Grumpiness\"").replace("77812", "77813"));

        await().atMost(WAIT).until(() -> kafka.records(GRADED, "p-002").size() == 2 && !kafka.records(DLQ, "p-002").isEmpty());
        assertThat(kafka.records(GRADED, "p-002")).extracting(r -> header(r, "ce_id")).containsOnly(
                header(kafka.records(GRADED, "p-002").get(0), "ce_id"));
        assertThat(header(kafka.records(DLQ, "p-002").get(0), "dead-letter-reason")).startsWith("UNKNOWN_TERM");
    }
}
