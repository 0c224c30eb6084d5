package org.toxwatch.grader.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toxwatch.contracts.AsyncApiDocument;
import org.toxwatch.contracts.ContractSchemas;
import static org.toxwatch.testsupport.kafka.TopicRecorder.header;

import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Courses and normalized observations in, graded adverse events out, through a real broker and PostgreSQL. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class GradingFlowTest {

    private static final String COURSES = "treatment.courses.v1";
    private static final String OBSERVATIONS = "lab.observations.normalized.v1";
    private static final String GRADED = "ae.graded.v1";
    private static final String DLQ = "lab.observations.normalized.v1.dlq";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @Inject
    Pool database;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

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
    void astIsGradedAgainstTheAbnormalBaselineTakenBeforeCycleOne() throws Exception {
        courseFor("p-g-1");
        // the baseline sample: 95 U/L with ULN 40, before cycle 1 (2026-01-05)
        send("p-g-1", observation("G-1a", "1", "p-g-1", "2026-01-02T08:00:00Z", "1920-8", "AST", "95", "U/L", "0", "40"));
        // 180 U/L is 4.5 x ULN (grade 2 against ULN) but 1.9 x the baseline: grade 1 by the abnormal-baseline rule
        send("p-g-1", observation("G-1b", "1", "p-g-1", "2026-01-16T07:30:00Z", "1920-8", "AST", "180", "U/L", "0", "40"));

        JsonNode event = awaitEvent("p-g-1", "urn:lab:test|G-1b");
        assertThat(event.path("term").asText()).isEqualTo("Aspartate aminotransferase increased");
        assertThat(event.path("grade").asInt()).isEqualTo(1);
        assertThat(event.path("status").asText()).isEqualTo("GRADED");
        assertThat(event.path("baseline").path("value").decimalValue()).isEqualByComparingTo("95");
        assertThat(event.path("baseline").path("abnormal").asBoolean()).isTrue();
        assertThat(event.path("baseline").path("usedForGrading").asBoolean()).isTrue();
        assertThat(event.path("courseId").asText()).isEqualTo("course-p-g-1");
        assertThat(event.path("cycleNumber").asInt()).isEqualTo(1);
        assertThat(event.path("explanation").asText()).contains("95");

        // the baseline sample itself is graded against ULN, not against itself (95 U/L = 2.4 x ULN: grade 1)
        JsonNode baselineSample = awaitEvent("p-g-1", "urn:lab:test|G-1a");
        assertThat(baselineSample.path("grade").asInt()).isEqualTo(1);
        assertThat(baselineSample.path("cycleNumber").isNull()).isTrue();

        AsyncApiDocument.Channel channel = AsyncApiDocument.load().channel(GRADED).orElseThrow();
        for (ConsumerRecord<String, String> record : recordsOf("p-g-1")) {
            assertThat(ContractSchemas.load().validate("graded-adverse-event.v1", record.value())).isEmpty();
            assertThat(header(record, "ce_type")).isEqualTo(channel.cloudEventType().orElseThrow());
            assertThat(header(record, "ce_source")).isEqualTo(channel.cloudEventSource().orElseThrow());
        }
    }

    @Test
    void bloodPressureIsGradedAsHypertensionFromBothComponents() throws Exception {
        courseFor("p-g-2");
        send("p-g-2", """
                {"observationId": "urn:lab:test|G-2", "version": "1", "status": "final", "patientId": "p-g-2",
                 "effectiveTime": "2026-01-26T08:00:00Z",
                 "results": [
                   {"loinc": "8480-6", "analyte": "SYSTOLIC_BP", "value": 150, "unit": "mm[Hg]"},
                   {"loinc": "8462-4", "analyte": "DIASTOLIC_BP", "value": 101, "unit": "mm[Hg]"}]}
                """);

        JsonNode event = awaitEvent("p-g-2", "urn:lab:test|G-2");
        assertThat(event.path("term").asText()).isEqualTo("Hypertension");
        assertThat(event.path("grade").asInt()).isEqualTo(3); // DBP >= 100 decides, though SBP alone is grade 2
        assertThat(event.path("cycleNumber").asInt()).isEqualTo(2);
    }

    @Test
    void aRedeliveredObservationRepublishesTheSameEventInsteadOfGradingAgain() throws Exception {
        courseFor("p-g-3");
        String anc = observation("G-3", "1", "p-g-3", "2026-01-20T07:30:00Z", "751-8", "NEUTROPHILS", "0.8", "10*9/L",
                "1.8", "7.7");
        send("p-g-3", anc);
        awaitEvent("p-g-3", "urn:lab:test|G-3");
        send("p-g-3", anc);

        await().atMost(WAIT).until(() -> recordsOf("p-g-3").size() == 2);
        List<ConsumerRecord<String, String>> records = recordsOf("p-g-3");
        assertThat(header(records.get(0), "ce_id")).isEqualTo(header(records.get(1), "ce_id"));
        assertThat(json.readTree(records.get(0).value()).path("grade").asInt()).isEqualTo(3);
        assertThat(count("select count(*) from toxicity_grader.graded_event where patient_id = $1", "p-g-3")).isEqualTo(1);
    }

    @Test
    void aCorrectedResultIsRegradedAndSupersedesTheEarlierEvent() throws Exception {
        courseFor("p-g-4");
        send("p-g-4", observation("G-4", "1", "p-g-4", "2026-01-20T07:30:00Z", "777-3", "PLATELETS", "45", "10*9/L",
                "150", "400"));
        JsonNode first = awaitEvent("p-g-4", "urn:lab:test|G-4");
        send("p-g-4", observation("G-4", "2", "p-g-4", "2026-01-20T07:30:00Z", "777-3", "PLATELETS", "80", "10*9/L",
                "150", "400").replace("\"final\"", "\"corrected\""));

        await().atMost(WAIT).until(() -> recordsOf("p-g-4").size() == 2);
        JsonNode correction = json.readTree(recordsOf("p-g-4").get(1).value());
        assertThat(first.path("grade").asInt()).isEqualTo(3);
        assertThat(correction.path("grade").asInt()).isEqualTo(1);
        assertThat(correction.path("supersedes").asText()).isEqualTo(first.path("eventId").asText());
    }

    @Test
    void febrileNeutropeniaIsFormedFromASeparateAncAndASustainedFever() throws Exception {
        courseFor("p-g-6");
        send("p-g-6", observation("G-6a", "1", "p-g-6", "2026-02-03T06:00:00Z", "751-8", "NEUTROPHILS", "0.6", "10*9/L",
                "1.8", "7.7"));
        // ward vital signs: 38.1 and 38.2 Cel, 90 minutes apart: a sustained fever without any single reading above 38.3
        send("p-g-6", observation("G-6b", "1", "p-g-6", "2026-02-03T20:00:00Z", "8310-5", "BODY_TEMPERATURE", "38.1", "Cel",
                "null", "null"));
        send("p-g-6", observation("G-6c", "1", "p-g-6", "2026-02-03T21:30:00Z", "8310-5", "BODY_TEMPERATURE", "38.2", "Cel",
                "null", "null"));

        JsonNode single = febrileNeutropenia("p-g-6", "urn:lab:test|G-6b");
        assertThat(single.path("status").asText()).isEqualTo("LOWER_BOUND"); // one reading: duration unknown
        JsonNode sustained = febrileNeutropenia("p-g-6", "urn:lab:test|G-6c");
        assertThat(sustained.path("grade").asInt()).isEqualTo(3);
        assertThat(sustained.path("status").asText()).isEqualTo("GRADED");
        assertThat(sustained.path("explanation").asText()).contains("urn:lab:test|G-6a").contains("1.50 h");
        assertThat(ContractSchemas.load().validate("graded-adverse-event.v1", sustained.toString())).isEmpty();
    }

    @Test
    void febrileNeutropeniaIsPairedWithinOneBatchAsIfReadOneByOne() throws Exception {
        courseFor("p-g-11");
        send("p-g-11", observation("G-11a", "1", "p-g-11", "2026-02-03T06:00:00Z", "751-8", "NEUTROPHILS", "0.6",
                "10*9/L", "1.8", "7.7"));
        await().atMost(WAIT).until(() -> recordsOf("p-g-11").size() == 1);

        // both readings in one batch: the second pairs with the ANC stored before the batch and the reading before it
        double retakenBefore = retakenBatches();
        kafka.sendTogether(OBSERVATIONS, "p-g-11", List.of(
                observation("G-11b", "1", "p-g-11", "2026-02-03T20:00:00Z", "8310-5", "BODY_TEMPERATURE", "38.1", "Cel",
                        "null", "null"),
                observation("G-11c", "1", "p-g-11", "2026-02-03T21:30:00Z", "8310-5", "BODY_TEMPERATURE", "38.2", "Cel",
                        "null", "null")));

        JsonNode single = febrileNeutropenia("p-g-11", "urn:lab:test|G-11b");
        assertThat(single.path("status").asText()).isEqualTo("LOWER_BOUND");
        JsonNode sustained = febrileNeutropenia("p-g-11", "urn:lab:test|G-11c");
        assertThat(retakenBatches()).as("graded as one batch, not retaken one at a time").isEqualTo(retakenBefore);
        assertThat(sustained.path("grade").asInt()).isEqualTo(3);
        assertThat(sustained.path("status").asText()).isEqualTo("GRADED");
        assertThat(sustained.path("explanation").asText()).contains("urn:lab:test|G-11a").contains("1.50 h");
    }

    @Test
    void aCensoredValueAboveTheRangeIsALowerBound() throws Exception {
        courseFor("p-g-7");
        send("p-g-7", """
                {"observationId": "urn:lab:test|G-7", "version": "1", "status": "final", "patientId": "p-g-7",
                 "effectiveTime": "2026-01-20T07:30:00Z",
                 "results": [{"loinc": "1742-6", "analyte": "ALT", "value": 1000, "unit": "U/L", "comparator": ">",
                              "lowerLimit": null, "upperLimit": 40}]}
                """);
        JsonNode event = awaitEvent("p-g-7", "urn:lab:test|G-7");
        assertThat(event.path("status").asText()).isEqualTo("LOWER_BOUND");
        assertThat(event.path("grade").asInt()).isEqualTo(4); // 1000 U/L is 25 x ULN: at least grade 4
    }

    @Test
    void changingTheCoursesCtcaeVersionRegradesFromTheRawValuesAndSupersedesTheOldEvents() throws Exception {
        courseFor("p-g-8");
        send("p-g-8", observation("G-8", "1", "p-g-8", "2026-01-20T07:30:00Z", "751-8", "NEUTROPHILS", "1.2", "10*9/L",
                "1.8", "7.7"));
        JsonNode v5 = awaitEvent("p-g-8", "urn:lab:test|G-8");
        assertThat(v5.path("grade").asInt()).isEqualTo(2); // v5: 1.0 <= ANC < 1.5

        send(COURSES, "p-g-8", course("p-g-8", "6.0"));

        await().atMost(WAIT).until(() -> recordsOf("p-g-8").stream().anyMatch(r -> r.value().contains("\"ctcaeVersion\":\"6.0\"")));
        JsonNode v6 = json.readTree(recordsOf("p-g-8").stream()
                .filter(r -> r.value().contains("\"ctcaeVersion\":\"6.0\"")).findFirst().orElseThrow().value());
        assertThat(v6.path("grade").asInt()).isEqualTo(1); // v6: 1.0 <= ANC < 1.5 is grade 1, re-graded, not mapped
        assertThat(v6.path("supersedes").asText()).isEqualTo(v5.path("eventId").asText());
        assertThat(count("select count(*) from toxicity_grader.graded_event where patient_id = $1 and superseded_by is null",
                "p-g-8")).isEqualTo(1);
    }

    @Test
    void eachPatientsCorrectionsAreGradedInOrderWhileManyPatientsAreInFlight() throws Exception {
        // one patient's versions must be graded in the order they were sent, whatever else is in flight (a guard for
        // concurrent consumption, issue 7): an older version arriving late would be refused as OUTDATED_VERSION
        List<String> patients = IntStream.range(0, 24).mapToObj(i -> "p-order-" + i).toList();
        patients.forEach(this::courseFor);
        int versions = 6;
        for (int version = 1; version <= versions; version++) {
            for (String patient : patients) {
                String platelets = String.valueOf(40 + 10 * version);
                String observation = observation("ORD-" + patient, String.valueOf(version), patient,
                        "2026-01-20T07:30:00Z", "777-3", "PLATELETS", platelets, "10*9/L", "150", "400");
                send(patient, version == 1 ? observation : observation.replace("\"final\"", "\"corrected\""));
            }
        }

        await().atMost(WAIT).until(() -> patients.stream().allMatch(p -> recordsOf(p).size() == versions));
        for (String patient : patients) {
            List<String> graded = new ArrayList<>();
            for (ConsumerRecord<String, String> record : recordsOf(patient)) {
                graded.add(json.readTree(record.value()).path("observationVersion").asText());
            }
            assertThat(graded).as(patient).containsExactly("1", "2", "3", "4", "5", "6");
            assertThat(kafka.records(DLQ, patient)).as(patient).isEmpty();
        }
    }

    @Test
    void observationsReadInOneBatchAreGradedAsIfReadOneByOne() throws Exception {
        courseFor("p-g-9");
        String baseline = observation("G-9a", "1", "p-g-9", "2026-01-02T08:00:00Z", "1920-8", "AST", "95", "U/L", "0",
                "40");
        String first = observation("G-9b", "1", "p-g-9", "2026-01-16T07:30:00Z", "1920-8", "AST", "180", "U/L", "0", "40");
        String corrected = observation("G-9b", "2", "p-g-9", "2026-01-16T07:30:00Z", "1920-8", "AST", "420", "U/L", "0",
                "40").replace("\"final\"", "\"corrected\"");

        // the baseline sample, the result graded against it and the result's correction (no input here fails, so the
        // batch is not retaken one at a time, which would hide a history read too early)
        double retakenBefore = retakenBatches();
        kafka.sendTogether(OBSERVATIONS, "p-g-9", List.of(baseline, first, corrected));

        await().atMost(WAIT).until(() -> recordsOf("p-g-9").size() == 3);
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : recordsOf("p-g-9")) {
            events.add(json.readTree(record.value()));
        }
        assertThat(retakenBatches()).as("graded as one batch, not retaken one at a time").isEqualTo(retakenBefore);
        assertThat(events.get(0).path("observationId").asText()).isEqualTo("urn:lab:test|G-9a");
        // graded against the baseline stored earlier in the same batch: 180 U/L is 1.9 x the baseline of 95, grade 1
        assertThat(events.get(1).path("grade").asInt()).isEqualTo(1);
        assertThat(events.get(1).path("baseline").path("value").decimalValue()).isEqualByComparingTo("95");
        // the correction supersedes the first grade; 420 U/L is 4.4 x the baseline: grade 2
        assertThat(events.get(2).path("supersedes").asText()).isEqualTo(events.get(1).path("eventId").asText());
        assertThat(events.get(2).path("grade").asInt()).isEqualTo(2);
        assertThat(count("select count(*) from toxicity_grader.graded_event where patient_id = $1", "p-g-9"))
                .isEqualTo(3);
        assertThat(count("select count(*) from toxicity_grader.graded_event where patient_id = $1"
                + " and superseded_by is null", "p-g-9")).isEqualTo(2);
        assertThat(count("select count(*) from toxicity_grader.lab_result where patient_id = $1", "p-g-9"))
                .isEqualTo(2);
    }

    @Test
    void aBaselineSampleRetractedEarlierInABatchIsNotGradedAgainstLaterInIt() throws Exception {
        courseFor("p-g-10");
        // two baseline samples before cycle 1, stored before the batch
        send("p-g-10", observation("G-10a", "1", "p-g-10", "2025-12-29T08:00:00Z", "1920-8", "AST", "50", "U/L", "0", "40"));
        send("p-g-10", observation("G-10b", "1", "p-g-10", "2026-01-02T08:00:00Z", "1920-8", "AST", "95", "U/L", "0", "40"));
        await().atMost(WAIT).until(() -> recordsOf("p-g-10").size() == 2);

        // the later sample entered in error, then a result on treatment, read in one batch: the batch read both samples
        // as baseline candidates, and the retraction deletes one behind that read
        double retakenBefore = retakenBatches();
        kafka.sendTogether(OBSERVATIONS, "p-g-10", List.of(
                """
                {"observationId": "urn:lab:test|G-10b", "version": "2", "status": "entered-in-error",
                 "patientId": "p-g-10", "effectiveTime": "2026-01-02T08:00:00Z", "results": []}
                """,
                observation("G-10c", "1", "p-g-10", "2026-01-16T07:30:00Z", "1920-8", "AST", "180", "U/L", "0", "40")));

        await().atMost(WAIT).until(() -> recordsOf("p-g-10").stream().anyMatch(r -> r.value().contains("G-10c")));
        assertThat(retakenBatches()).as("graded as one batch, not retaken one at a time").isEqualTo(retakenBefore);
        JsonNode graded = json.readTree(recordsOf("p-g-10").stream().filter(r -> r.value().contains("G-10c"))
                .findFirst().orElseThrow().value());
        // against the sample that stands, 180 U/L is 3.6 x the baseline of 50: grade 2 (against the retracted 95 it
        // would be 1.9 x, grade 1)
        assertThat(graded.path("baseline").path("value").decimalValue()).isEqualByComparingTo("50");
        assertThat(graded.path("grade").asInt()).isEqualTo(2);
    }

    @Test
    void anUnreadableObservationIsDeadLetteredWithItsReason() {
        send("p-g-5", "{\"observationId\": 42");
        await().atMost(WAIT).until(() -> !kafka.records(DLQ, "p-g-5").isEmpty());
        ConsumerRecord<String, String> record = kafka.records(DLQ, "p-g-5").get(0);
        assertThat(header(record, "dead-letter-reason")).startsWith("MALFORMED_OBSERVATION");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("toxwatch_dead_letters_total{reason=\"MALFORMED_OBSERVATION\",service=\"toxicity-grader\"}"));
    }

    private void courseFor(String patient) {
        send(COURSES, patient, course(patient, "5.0"));
        await().atMost(WAIT).untilAsserted(() -> given()
                .header("Authorization", TokenIssuer.fromPrivateKeyFile(Path.of(privateKey)).bearer("viewer-1", "viewer"))
                .get("/treatment-courses/course-" + patient).then().statusCode(200));
    }

    private static String course(String patient, String ctcaeVersion) {
        return """
                {"courseId": "course-%s", "patientId": "%s", "regimen": "HAIC-FOLFOX + lenvatinib + sintilimab",
                 "ctcaeVersion": "%s", "bodyWeightKg": 58, "hccLiverInvolvement": true,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"}],
                 "drugs": [{"drug": "lenvatinib", "doseLevel": 0}, {"drug": "sintilimab", "doseLevel": 0}],
                 "baselines": []}
                """.formatted(patient, patient, ctcaeVersion);
    }

    private static String observation(String id, String version, String patient, String effective, String loinc,
            String analyte, String value, String unit, String low, String high) {
        return """
                {"observationId": "urn:lab:test|%s", "version": "%s", "status": "final", "patientId": "%s",
                 "effectiveTime": "%s",
                 "results": [{"loinc": "%s", "analyte": "%s", "value": %s, "unit": "%s", "lowerLimit": %s, "upperLimit": %s}]}
                """.formatted(id, version, patient, effective, loinc, analyte, value, unit, low, high);
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

    private JsonNode febrileNeutropenia(String patient, String observationId) throws Exception {
        await().atMost(WAIT).until(() -> recordsOf(patient).stream().anyMatch(r -> r.value().contains(observationId + "\"")
                && r.value().contains("Febrile neutropenia")));
        return json.readTree(recordsOf(patient).stream()
                .filter(r -> r.value().contains(observationId + "\"") && r.value().contains("\"Febrile neutropenia\""))
                .findFirst().orElseThrow().value());
    }

    private JsonNode awaitEvent(String patient, String observationId) throws Exception {
        await().atMost(WAIT).until(() -> recordsOf(patient).stream().anyMatch(r -> r.value().contains(observationId + "\"")));
        ConsumerRecord<String, String> record = recordsOf(patient).stream()
                .filter(r -> r.value().contains(observationId + "\"")).findFirst().orElseThrow();
        return json.readTree(record.value());
    }

    private long count(String sql, String parameter) {
        return database.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    /** Batches this service retook one input at a time since it started (the fallback must not hide a batch bug). */
    private double retakenBatches() {
        Counter counter = registry.find("toxwatch.batches.retaken").tag("service", "toxicity-grader").counter();
        return counter == null ? 0 : counter.count();
    }
}
