package org.toxwatch.grader.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.toxwatch.testsupport.kafka.TopicRecorder.header;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toxwatch.contracts.ContractSchemas;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Lab results entered in error, through a real broker and PostgreSQL: what was graded from them is withdrawn by
 * RETRACTED events on ae.graded.v1, and febrile neutropenia formed with them is formed again or withdrawn.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class RetractionFlowTest {

    private static final String COURSES = "treatment.courses.v1";
    private static final String OBSERVATIONS = "lab.observations.normalized.v1";
    private static final String GRADED = "ae.graded.v1";
    private static final String DLQ = "lab.observations.normalized.v1.dlq";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FEBRILE_NEUTROPENIA = "Febrile neutropenia";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @Inject
    Pool database;

    @Inject
    ObjectMapper json;

    private KafkaTestClient kafka;

    @BeforeEach
    void openKafka() {
        kafka = new KafkaTestClient(bootstrap, GRADED, DLQ);
    }

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    @Test
    void aResultEnteredInErrorRetractsItsGradedEventOnceAndARedeliveryRepublishesTheSameRetraction() throws Exception {
        courseFor("p-r-1");
        send("p-r-1", observation("R-1", "1", "final", "p-r-1", "2026-01-20T07:30:00Z", "751-8", "NEUTROPHILS", "0.4",
                "10*9/L", "1.8", "7.7"));
        JsonNode graded = awaitOne("p-r-1", e -> e.path("observationId").asText().equals("urn:lab:test|R-1"));
        assertThat(graded.path("grade").asInt()).isEqualTo(4);

        String retraction = retraction("R-1", "2", "p-r-1", "2026-01-20T07:30:00Z", "2026-01-21T09:00:00Z");
        send("p-r-1", retraction);

        ConsumerRecord<String, String> record = awaitRecord("p-r-1", e -> "RETRACTED".equals(e.path("status").asText()));
        JsonNode retracted = json.readTree(record.value());
        assertThat(retracted.path("retracts").asText()).isEqualTo(graded.path("eventId").asText());
        assertThat(retracted.path("supersedes").asText()).isEqualTo(graded.path("eventId").asText());
        assertThat(retracted.path("eventId").asText()).isNotEqualTo(graded.path("eventId").asText());
        assertThat(retracted.path("grade").isNull()).isTrue();
        assertThat(retracted.path("value").isNull()).isTrue();
        assertThat(retracted.path("band").isNull()).isTrue();
        assertThat(retracted.path("term").asText()).isEqualTo("Neutrophil count decreased");
        assertThat(retracted.path("observationId").asText()).isEqualTo("urn:lab:test|R-1");
        assertThat(retracted.path("observationVersion").asText()).isEqualTo("2");
        assertThat(retracted.path("effectiveTime").asText()).isEqualTo("2026-01-20T07:30:00Z");
        assertThat(retracted.path("courseId").asText()).isEqualTo("course-p-r-1");
        assertThat(retracted.path("cycleNumber").asInt()).isEqualTo(1);
        assertThat(retracted.path("explanation").asText())
                .contains("entered in error").contains("2026-01-21T09:00:00Z")
                .contains("grade 4").contains(graded.path("eventId").asText()).contains("0.4");
        assertThat(header(record, "ce_id")).isEqualTo(retracted.path("eventId").asText());
        assertThat(ContractSchemas.load().validate("graded-adverse-event.v1", record.value())).isEmpty();
        // an event that does not say it retracts anything carries no retracts field at all
        assertThat(graded.has("retracts")).isFalse();

        assertThat(count("select count(*) from toxicity_grader.graded_event where patient_id = $1 and superseded_by is null",
                "p-r-1")).isEqualTo(1);
        assertThat(count("select count(*) from toxicity_grader.lab_result where patient_id = $1", "p-r-1")).isZero();

        // a redelivered retraction publishes the same retraction again and records nothing new
        send("p-r-1", retraction);
        await().atMost(WAIT).until(() -> recordsOf("p-r-1").size() == 3);
        assertThat(header(recordsOf("p-r-1").get(2), "ce_id")).isEqualTo(header(record, "ce_id"));
        assertThat(count("select count(*) from toxicity_grader.graded_event where patient_id = $1", "p-r-1")).isEqualTo(2);

        // counted apart from gradings (other tests of this class retract results too, so the count is not asserted)
        given().get("/q/metrics").then().statusCode(200).body(containsString(
                "toxwatch_retractions_total{service=\"toxicity-grader\",term=\"Neutrophil count decreased\"}"))
                .body(not(containsString("status=\"RETRACTED\"")));
    }

    @Test
    void aCorrectionSupersedesTheFirstGradeAndALaterRetractionWithdrawsOnlyTheCorrectedOne() throws Exception {
        courseFor("p-r-2");
        send("p-r-2", observation("R-2", "1", "final", "p-r-2", "2026-01-20T07:30:00Z", "777-3", "PLATELETS", "45",
                "10*9/L", "150", "400"));
        send("p-r-2", observation("R-2", "2", "corrected", "p-r-2", "2026-01-20T07:30:00Z", "777-3", "PLATELETS", "80",
                "10*9/L", "150", "400"));
        send("p-r-2", retraction("R-2", "3", "p-r-2", "2026-01-20T07:30:00Z", null));

        await().atMost(WAIT).until(() -> recordsOf("p-r-2").size() == 3);
        List<JsonNode> events = events("p-r-2");
        JsonNode first = events.get(0);
        JsonNode corrected = events.get(1);
        JsonNode retracted = events.get(2);
        assertThat(first.path("grade").asInt()).isEqualTo(3);
        assertThat(corrected.path("grade").asInt()).isEqualTo(1);
        assertThat(corrected.path("supersedes").asText()).isEqualTo(first.path("eventId").asText());
        assertThat(retracted.path("status").asText()).isEqualTo("RETRACTED");
        assertThat(retracted.path("retracts").asText()).isEqualTo(corrected.path("eventId").asText());
        assertThat(retracted.path("explanation").asText()).contains("version 3").contains("from version 2");
        for (ConsumerRecord<String, String> record : recordsOf("p-r-2")) {
            assertThat(ContractSchemas.load().validate("graded-adverse-event.v1", record.value())).isEmpty();
        }
    }

    @Test
    void aRetractedBaselineSampleNoLongerServesAsTheBaseline() throws Exception {
        courseFor("p-r-5");
        // the baseline sample, 95 U/L with ULN 40, before cycle 1; then the lab withdraws it
        send("p-r-5", observation("R-5a", "1", "final", "p-r-5", "2026-01-02T08:00:00Z", "1920-8", "AST", "95", "U/L",
                "0", "40"));
        send("p-r-5", retraction("R-5a", "2", "p-r-5", "2026-01-02T08:00:00Z", null));
        send("p-r-5", observation("R-5b", "1", "final", "p-r-5", "2026-01-16T07:30:00Z", "1920-8", "AST", "180", "U/L",
                "0", "40"));

        JsonNode later = awaitOne("p-r-5", e -> e.path("observationId").asText().equals("urn:lab:test|R-5b"));
        // 180 U/L = 4.5 x ULN: grade 2 against ULN; against the withdrawn baseline it would have been grade 1
        assertThat(later.path("grade").asInt()).isEqualTo(2);
        assertThat(later.path("baseline").isNull()).isTrue();
    }

    @Test
    void febrileNeutropeniaIsLeftAloneThenFormedAgainThenWithdrawnAsTheAncsItCouldUseAreEnteredInError()
            throws Exception {
        courseFor("p-r-3");
        send("p-r-3", anc("R-3a", "p-r-3", "2026-02-02T23:00:00Z", "0.9"));
        send("p-r-3", anc("R-3b", "p-r-3", "2026-02-03T06:00:00Z", "0.6"));
        send("p-r-3", anc("R-3c", "p-r-3", "2026-02-03T18:00:00Z", "0.4"));
        send("p-r-3", observation("R-3t", "1", "final", "p-r-3", "2026-02-03T20:00:00Z", "8310-5", "BODY_TEMPERATURE",
                "38.5", "Cel", "null", "null"));
        JsonNode formed = awaitOne("p-r-3", e -> FEBRILE_NEUTROPENIA.equals(e.path("term").asText()));
        assertThat(formed.path("observationId").asText()).isEqualTo("urn:lab:test|R-3t");
        assertThat(formed.path("grade").asInt()).isEqualTo(3);
        assertThat(formed.path("explanation").asText()).contains("urn:lab:test|R-3c"); // the nearest ANC

        // R-3a was not the ANC the pairing used: only its own event is withdrawn
        send("p-r-3", retraction("R-3a", "2", "p-r-3", "2026-02-02T23:00:00Z", null));
        // R-3c was: febrile neutropenia is formed again from R-3b, the nearest ANC left
        send("p-r-3", retraction("R-3c", "2", "p-r-3", "2026-02-03T18:00:00Z", null));
        // R-3b was the last ANC in the window: febrile neutropenia can no longer be formed and is withdrawn
        send("p-r-3", retraction("R-3b", "2", "p-r-3", "2026-02-03T06:00:00Z", "2026-02-04T08:00:00Z"));

        await().atMost(WAIT).until(() -> events("p-r-3").stream()
                .anyMatch(e -> "RETRACTED".equals(e.path("status").asText())
                        && FEBRILE_NEUTROPENIA.equals(e.path("term").asText())));
        List<JsonNode> events = events("p-r-3");
        List<JsonNode> afterFormed = events.subList(indexOf(events, formed) + 1, events.size());
        assertThat(afterFormed).extracting(e -> e.path("observationId").asText() + " " + e.path("term").asText() + " "
                + e.path("status").asText())
                .containsExactly(
                        "urn:lab:test|R-3a Neutrophil count decreased RETRACTED",
                        "urn:lab:test|R-3c Neutrophil count decreased RETRACTED",
                        "urn:lab:test|R-3t Febrile neutropenia GRADED",
                        "urn:lab:test|R-3b Neutrophil count decreased RETRACTED",
                        "urn:lab:test|R-3t Febrile neutropenia RETRACTED");
        JsonNode rePaired = afterFormed.get(2);
        assertThat(rePaired.path("supersedes").asText()).isEqualTo(formed.path("eventId").asText());
        assertThat(rePaired.path("grade").asInt()).isEqualTo(3);
        assertThat(rePaired.path("explanation").asText()).contains("urn:lab:test|R-3b")
                .contains("Paired again without urn:lab:test|R-3c");
        JsonNode withdrawn = afterFormed.get(4);
        assertThat(withdrawn.path("retracts").asText()).isEqualTo(rePaired.path("eventId").asText());
        assertThat(withdrawn.path("explanation").asText()).contains("urn:lab:test|R-3b").contains("no ANC");
        for (ConsumerRecord<String, String> record : recordsOf("p-r-3")) {
            assertThat(ContractSchemas.load().validate("graded-adverse-event.v1", record.value())).isEmpty();
        }
        // nothing of the patient's febrile neutropenia stands any more, and the temperature's own grade is untouched
        assertThat(count("select count(*) from toxicity_grader.graded_event where patient_id = $1 and superseded_by is null"
                + " and term = 'Febrile neutropenia' and status <> 'RETRACTED'", "p-r-3")).isZero();
    }

    @Test
    void aRetractionOfAnObservationNeverGradedIsDeadLetteredWithItsReason() {
        send("p-r-4", retraction("R-4", "2", "p-r-4", "2026-01-20T07:30:00Z", null));

        await().atMost(WAIT).until(() -> !kafka.records(DLQ, "p-r-4").isEmpty());
        assertThat(header(kafka.records(DLQ, "p-r-4").get(0), "dead-letter-reason"))
                .startsWith("RETRACTS_UNKNOWN_OBSERVATION").contains("urn:lab:test|R-4");
        assertThat(recordsOf("p-r-4")).isEmpty();
        given().get("/q/metrics").then().statusCode(200).body(containsString(
                "toxwatch_dead_letters_total{reason=\"RETRACTS_UNKNOWN_OBSERVATION\",service=\"toxicity-grader\"}"));
    }

    private static int indexOf(List<JsonNode> events, JsonNode event) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).path("eventId").equals(event.path("eventId"))) {
                return i;
            }
        }
        throw new AssertionError("event " + event.path("eventId") + " not published");
    }

    private void courseFor(String patient) {
        send(COURSES, patient, """
                {"courseId": "course-%s", "patientId": "%s", "regimen": "HAIC-FOLFOX + lenvatinib + sintilimab",
                 "ctcaeVersion": "5.0", "bodyWeightKg": 58, "hccLiverInvolvement": true,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"}],
                 "drugs": [{"drug": "lenvatinib", "doseLevel": 0}, {"drug": "sintilimab", "doseLevel": 0}],
                 "baselines": []}
                """.formatted(patient, patient));
        await().atMost(WAIT).untilAsserted(() -> given()
                .header("Authorization", TokenIssuer.fromPrivateKeyFile(Path.of(privateKey)).bearer("viewer-1", "viewer"))
                .get("/treatment-courses/course-" + patient).then().statusCode(200));
    }

    private static String anc(String id, String patient, String effective, String value) {
        return observation(id, "1", "final", patient, effective, "751-8", "NEUTROPHILS", value, "10*9/L", "1.8", "7.7");
    }

    private static String observation(String id, String version, String status, String patient, String effective,
            String loinc, String analyte, String value, String unit, String low, String high) {
        return """
                {"observationId": "urn:lab:test|%s", "version": "%s", "status": "%s", "patientId": "%s",
                 "effectiveTime": "%s",
                 "results": [{"loinc": "%s", "analyte": "%s", "value": %s, "unit": "%s", "lowerLimit": %s, "upperLimit": %s}]}
                """.formatted(id, version, status, patient, effective, loinc, analyte, value, unit, low, high);
    }

    /** What lab-ingest publishes for an entered-in-error Observation: no results, the retracted result's time. */
    private static String retraction(String id, String version, String patient, String effective, String issued) {
        return """
                {"observationId": "urn:lab:test|%s", "version": "%s", "status": "entered-in-error", "patientId": "%s",
                 "effectiveTime": "%s", "results": []%s}
                """.formatted(id, version, patient, effective, issued == null ? "" : ", \"issued\": \"" + issued + "\"");
    }

    private void send(String key, String value) {
        send(OBSERVATIONS, key, value);
    }

    private void send(String topic, String key, String value) {
        kafka.send(topic, key, value);
    }

    private List<ConsumerRecord<String, String>> recordsOf(String patient) {
        return kafka.records(GRADED, patient);
    }

    private List<JsonNode> events(String patient) {
        return recordsOf(patient).stream().map(r -> {
            try {
                return json.readTree(r.value());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + r.value(), e);
            }
        }).toList();
    }

    private ConsumerRecord<String, String> awaitRecord(String patient, Predicate<JsonNode> which) {
        await().atMost(WAIT).until(() -> recordsOf(patient).stream().anyMatch(r -> matches(r, which)));
        return recordsOf(patient).stream().filter(r -> matches(r, which)).findFirst().orElseThrow();
    }

    private JsonNode awaitOne(String patient, Predicate<JsonNode> which) throws Exception {
        return json.readTree(awaitRecord(patient, which).value());
    }

    private boolean matches(ConsumerRecord<String, String> record, Predicate<JsonNode> which) {
        try {
            return which.test(json.readTree(record.value()));
        } catch (Exception e) {
            return false;
        }
    }

    private long count(String sql, String parameter) {
        return database.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely()
                .iterator().next().getLong(0);
    }
}
