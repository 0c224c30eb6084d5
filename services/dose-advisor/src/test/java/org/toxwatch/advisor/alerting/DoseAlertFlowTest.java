package org.toxwatch.advisor.alerting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

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
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Graded adverse events in, dose alerts out, through a real broker and PostgreSQL. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class DoseAlertFlowTest {

    private static final String GRADED = "ae.graded.v1";
    private static final String ALERTS = "dose.alerts.v1";
    private static final String DLQ = "ae.graded.v1.dlq";
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
        kafka = new KafkaTestClient(bootstrap, ALERTS, DLQ);
    }

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    @Test
    void gradeThreeHypertensionHoldsLenvatinibAndRecommendsTheNextLowerDoseForItsWeight() throws Exception {
        putCourse("p-a-1", "55", "sintilimab");
        send(event("p-a-1", "Hypertension", 3, "SYSTOLIC_BP", "165", "mm[Hg]", null, null, null, "2026-01-28T08:00:00Z"));

        JsonNode alert = awaitAlert("p-a-1", "lenvatinib");
        assertThat(alert.path("type").asText()).isEqualTo("DOSE_HOLD");
        assertThat(alert.path("action").asText()).isEqualTo("HOLD_AND_REDUCE");
        // under 60 kg lenvatinib starts at 8 mg; one level down is 4 mg
        assertThat(alert.path("currentDoseLevel").path("dose").asText()).contains("8 mg");
        assertThat(alert.path("recommendedDoseLevel").path("dose").asText()).contains("4 mg");
        assertThat(alert.path("rule").path("source").asText()).isNotBlank();
        assertThat(alert.path("trigger").path("term").asText()).isEqualTo("Hypertension");
        assertThat(alert.path("explanation").asText()).isNotBlank();
        ConsumerRecord<String, String> record = alertRecords("p-a-1").get(0);
        assertThat(ContractSchemas.load().validate("dose-alert.v1", record.value())).isEmpty();
        AsyncApiDocument.Channel channel = AsyncApiDocument.load().channel(ALERTS).orElseThrow();
        assertThat(header(record, "ce_type")).isEqualTo(channel.cloudEventType().orElseThrow());
        assertThat(header(record, "ce_source")).isEqualTo(channel.cloudEventSource().orElseThrow());
    }

    @Test
    void astRiseFromAnAbnormalBaselineHoldsThePd1InhibitorByTheHccBaselineBandRule() throws Exception {
        putCourse("p-a-2", "72", "sintilimab");
        // baseline 95 U/L = 2.4 x ULN (the >1-3 x ULN band); 380 U/L = 9.5 x ULN, above 5 x ULN: hold
        send(event("p-a-2", "Aspartate aminotransferase increased", 2, "AST", "380", "U/L", "40", "95", "40",
                "2026-02-06T07:45:00Z"));

        JsonNode alert = awaitAlert("p-a-2", "sintilimab");
        assertThat(alert.path("type").asText()).isEqualTo("DOSE_HOLD");
        assertThat(alert.path("explanation").asText()).contains("95");
    }

    @Test
    void lowNeutrophilsJustBeforeAPlannedHaicCycleDelayIt() throws Exception {
        putCourse("p-a-3", "72", "sintilimab");
        // cycle 2 is planned for 2026-01-26; ANC 1.1 x10^9/L on 2026-01-25 is below the HAIC minimum of 1.2
        send(event("p-a-3", "Neutrophil count decreased", 2, "NEUTROPHILS", "1.1", "10*9/L", "7.7", null, null,
                "2026-01-25T07:30:00Z"));

        JsonNode alert = awaitAlert("p-a-3", "haic-folfox");
        assertThat(alert.path("type").asText()).isEqualTo("DELAY_CYCLE");
        assertThat(alert.path("rule").path("verified").isBoolean()).isTrue();
    }

    @Test
    void aRedeliveredEventRepublishesTheSameAlertOnce() throws Exception {
        putCourse("p-a-4", "72", "sintilimab");
        String event = event("p-a-4", "Platelet count decreased", 3, "PLATELETS", "42", "10*9/L", "400", null, null,
                "2026-02-09T07:30:00Z");
        send(event);
        awaitAlert("p-a-4", "lenvatinib");
        int first = alertRecords("p-a-4").size();
        send(event);

        await().atMost(WAIT).until(() -> alertRecords("p-a-4").size() == 2 * first);
        List<String> ids = alertRecords("p-a-4").stream().map(r -> header(r, "ce_id")).distinct().toList();
        assertThat(ids).hasSize(first);
        assertThat(count("select count(*) from dose_advisor.dose_alert where patient_id = $1", "p-a-4")).isEqualTo(first);
    }

    @Test
    void anEventForAPatientWithoutACourseIsRecordedAsSuchNotDropped() {
        send(event("p-a-5", "Neutrophil count decreased", 4, "NEUTROPHILS", "0.3", "10*9/L", "7.7", null, null,
                "2026-02-09T07:30:00Z").replace("\"courseId\": \"course-p-a-5\"", "\"courseId\": null"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(
                "select count(*) from dose_advisor.assessed_event where patient_id = $1 and outcome = 'NO_COURSE'", "p-a-5"))
                .isEqualTo(1));
    }

    @Test
    void anUnreadableEventIsDeadLetteredWithItsReason() {
        kafka.send(GRADED, "p-a-6", "not json");
        await().atMost(WAIT).until(() -> !kafka.records(DLQ, "p-a-6").isEmpty());
        assertThat(header(kafka.records(DLQ, "p-a-6").get(0), "dead-letter-reason")).startsWith("MALFORMED_EVENT");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("toxwatch_dead_letters_total{reason=\"MALFORMED_EVENT\",service=\"dose-advisor\"}"));
    }

    @Test
    void eventsReadInOneBatchEndAsIfReadOneByOne() throws Exception {
        putCourse("p-a-7", "72", "sintilimab");
        String toxic = event("p-a-7", "Platelet count decreased", 3, "PLATELETS", "42", "10*9/L", "400", null, null,
                "2026-02-09T07:30:00Z");
        String toxicId = eventId(toxic);
        // the correction of the toxic result: its alerts are withdrawn, and grade 1 advises nothing
        String corrected = event("p-a-7", "Platelet count decreased", 1, "PLATELETS", "120", "10*9/L", "400", null, null,
                "2026-02-09T07:30:00Z").replace("\"supersedes\": null", "\"supersedes\": \"" + toxicId + "\"");
        String hypertension = event("p-a-7", "Hypertension", 3, "SYSTOLIC_BP", "170", "mm[Hg]", null, null, null,
                "2026-02-10T08:00:00Z");
        String hypertensionId = eventId(hypertension);
        // a retraction that overtook the result it withdraws: the result, arriving after it, is not judged
        String retraction = event("p-a-7", "Hypertension", 0, "SYSTOLIC_BP", "120", "mm[Hg]", null, null, null,
                "2026-02-10T08:00:00Z").replace("\"status\": \"GRADED\"", "\"status\": \"RETRACTED\"")
                .replace("\"supersedes\": null", "\"supersedes\": null, \"retracts\": \"" + hypertensionId + "\"");
        String ofAnotherPatient = event("p-a-8", "Neutrophil count decreased", 4, "NEUTROPHILS", "0.3", "10*9/L", "7.7",
                null, null, "2026-02-09T07:30:00Z").replace("course-p-a-8", "course-p-a-7");

        double retakenBefore = retakenBatches();
        kafka.sendTogether(GRADED, "p-a-7",
                List.of(toxic, toxic, "not json", corrected, ofAnotherPatient, retraction, hypertension));

        await().atMost(WAIT).until(() -> kafka.records(DLQ, "p-a-7").size() == 2
                && count("select count(*) from dose_advisor.assessed_event where patient_id = $1", "p-a-7") == 4);
        assertThat(kafka.records(DLQ, "p-a-7").stream().map(r -> header(r, "dead-letter-reason").split(":")[0]))
                .as("refused events, in input order").containsExactly("MALFORMED_EVENT", "COURSE_OF_ANOTHER_PATIENT");
        assertThat(retakenBatches()).as("refusals are no failures: the batch was assessed as one")
                .isEqualTo(retakenBefore);
        assertThat(outcome(toxicId)).isEqualTo("ALERTED");
        assertThat(outcome(eventId(retraction))).isEqualTo("RETRACTION");
        assertThat(outcome(hypertensionId)).isEqualTo("SUPERSEDED");
        assertThat(outcome(eventId(corrected))).isNotNull();
        // the toxic result's alerts were opened, then withdrawn by its correction; nothing else alerted
        long alerts = count("select count(*) from dose_advisor.dose_alert where patient_id = $1", "p-a-7");
        assertThat(alerts).isPositive();
        assertThat(count("select count(*) from dose_advisor.dose_alert where patient_id = $1 and state = 'RETRACTED'",
                "p-a-7")).isEqualTo(alerts);
        // the repeat re-published the same alerts under the same ids
        await().atMost(WAIT).until(() -> alertRecords("p-a-7").size() == 2 * alerts);
        assertThat(alertRecords("p-a-7").stream().map(r -> header(r, "ce_id")).distinct()).hasSize((int) alerts);
    }

    @Test
    void aCourseThatCannotBeReadFailsOnlyTheEventsOfThatCourse() throws Exception {
        putCourse("p-a-9", "72", "sintilimab");
        putCourse("p-a-10", "72", "sintilimab");
        // a stored course damaged outside the service: reading it fails, which is no outage and no fault of the
        // other events read with it
        database.preparedQuery("update dose_advisor.treatment_course set course = 'damaged' where course_id = $1")
                .execute(Tuple.of("course-p-a-10")).await().indefinitely();
        String before = event("p-a-9", "Platelet count decreased", 3, "PLATELETS", "41", "10*9/L", "400", null, null,
                "2026-02-09T07:30:00Z");
        String ofDamagedCourse = event("p-a-10", "Platelet count decreased", 3, "PLATELETS", "41", "10*9/L", "400",
                null, null, "2026-02-09T07:30:00Z");
        String after = event("p-a-9", "Hypertension", 3, "SYSTOLIC_BP", "168", "mm[Hg]", null, null, null,
                "2026-02-10T08:00:00Z");

        double retakenBefore = retakenBatches();
        kafka.sendTogether(GRADED, "p-a-9", List.of(before, ofDamagedCourse, after));

        await().atMost(WAIT).until(() -> kafka.records(DLQ, "p-a-9").size() == 1
                && count("select count(*) from dose_advisor.assessed_event where patient_id = $1", "p-a-9") == 2);
        ConsumerRecord<String, String> deadLetter = kafka.records(DLQ, "p-a-9").get(0);
        assertThat(header(deadLetter, "dead-letter-reason")).startsWith("PROCESSING_FAILED");
        assertThat(retakenBatches()).as("the failed batch, counted for ops").isGreaterThan(retakenBefore);
        assertThat(deadLetter.value()).isEqualTo(ofDamagedCourse);
        assertThat(outcome(eventId(before))).isEqualTo("ALERTED");
        assertThat(outcome(eventId(after))).as("the event after the failing one").isNotNull();
        assertThat(count("select count(*) from dose_advisor.assessed_event where patient_id = $1", "p-a-10")).isZero();
        assertThat(count("select count(*) from dose_advisor.graded_event_log where patient_id = $1", "p-a-10")).isZero();
        // each alert of p-a-9 published once: the failed batch stored and published nothing
        await().atMost(WAIT).until(() -> alertRecords("p-a-9").size()
                == count("select count(*) from dose_advisor.dose_alert where patient_id = $1", "p-a-9"));
        assertThat(alertRecords("p-a-9").stream().map(r -> header(r, "ce_id")).distinct())
                .hasSize(alertRecords("p-a-9").size());
    }

    private void putCourse(String patient, String weight, String pd1) {
        given().header("Authorization", TokenIssuer.fromPrivateKeyFile(Path.of(privateKey)).bearer("order-system", "integration"))
                .contentType(ContentType.JSON).body("""
                {"courseId": "course-%s", "patientId": "%s", "regimen": "HAIC-FOLFOX + lenvatinib + %s",
                 "bodyWeightKg": %s, "hccLiverInvolvement": true,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"},
                            {"number": 3, "plannedStart": "2026-02-16"}],
                 "drugs": [{"drug": "haic-folfox", "doseLevel": 0}, {"drug": "lenvatinib", "doseLevel": 0},
                           {"drug": "%s", "doseLevel": 0}]}
                """.formatted(patient, patient, pd1, weight, pd1))
                .put("/treatment-courses/course-" + patient).then().statusCode(200);
    }

    private static String event(String patient, String term, int grade, String analyte, String value, String unit,
            String uln, String baseline, String baselineUln, String effective) {
        return """
                {"eventId": "%s", "observationId": "urn:lab:test|%s-%s", "observationVersion": "1",
                 "patientId": "%s", "courseId": "course-%s", "cycleNumber": 2, "effectiveTime": "%s",
                 "ctcaeVersion": "5.0", "term": "%s", "grade": %d, "status": "GRADED",
                 "analyte": "%s", "value": %s, "unit": "%s", "lowerLimit": null, "upperLimit": %s,
                 "baseline": %s, "band": null,
                 "explanation": "%s grade %d (test)", "supersedes": null}
                """.formatted(UUID.nameUUIDFromBytes((patient + term + value).getBytes(StandardCharsets.UTF_8)), patient,
                analyte, patient, patient, effective, term, grade, analyte, value, unit, uln,
                baseline == null ? "null" : """
                        {"value": %s, "unit": "%s", "upperLimit": %s, "abnormal": %s, "usedForGrading": false}"""
                        .formatted(baseline, unit, baselineUln,
                                new BigDecimal(baseline).compareTo(new BigDecimal(baselineUln)) > 0),
                term, grade);
    }

    private String eventId(String event) throws Exception {
        return json.readTree(event).path("eventId").asText();
    }

    private String outcome(String eventId) {
        return database.preparedQuery("select outcome from dose_advisor.assessed_event where event_id = $1")
                .execute(Tuple.of(UUID.fromString(eventId))).await().indefinitely()
                .stream().map(row -> row.getString(0)).findFirst().orElse(null);
    }

    private void send(String event) {
        String patient = event.substring(event.indexOf("\"patientId\": \"") + 14).split("\"")[0];
        kafka.send(GRADED, patient, event);
    }

    private List<ConsumerRecord<String, String>> alertRecords(String patient) {
        return kafka.records(ALERTS, patient);
    }

    private JsonNode awaitAlert(String patient, String drug) throws Exception {
        await().atMost(WAIT).until(() -> alertRecords(patient).stream()
                .anyMatch(r -> r.value().contains("\"drug\":\"" + drug + "\"")));
        return json.readTree(alertRecords(patient).stream()
                .filter(r -> r.value().contains("\"drug\":\"" + drug + "\"")).findFirst().orElseThrow().value());
    }

    private long count(String sql, String parameter) {
        return database.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    /** Batches this service retook one input at a time since it started (the fallback must not hide a batch bug). */
    private double retakenBatches() {
        Counter counter = registry.find("toxwatch.batches.retaken").tag("service", "dose-advisor").counter();
        return counter == null ? 0 : counter.count();
    }
}
