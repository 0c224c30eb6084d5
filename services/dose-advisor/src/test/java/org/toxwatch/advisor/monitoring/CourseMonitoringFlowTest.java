package org.toxwatch.advisor.monitoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A course followed over several graded events, through a real broker and PostgreSQL: one page per condition, a worse
 * grade revising the open alert, RESUME_ELIGIBLE after a hold, retraction, pre-cycle labs, Hy's law across events.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class CourseMonitoringFlowTest {

    private static final String GRADED = "ae.graded.v1";
    private static final String ALERTS = "dose.alerts.v1";
    private static final String LIFECYCLE = "dose.alerts.lifecycle.v1";
    private static final String ANC = "Neutrophil count decreased";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @Inject
    Pool database;

    @Inject
    ObjectMapper json;

    private KafkaTestClient kafka;
    private TokenIssuer tokens;

    @BeforeEach
    void openKafka() {
        kafka = new KafkaTestClient(bootstrap, ALERTS, LIFECYCLE);
        tokens = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey));
    }

    private RequestSpecification as(String user, String role) {
        return given().header("Authorization", tokens.bearer(user, role));
    }

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    // rules.csv line 13 (lenvatinib label): grade 3 neutropenia holds lenvatinib until <= grade 2
    @Test
    void aHoldPagesOnceAndIsFollowedByResumeEligible() throws Exception {
        putCourse("p-m-1");
        send(graded("p-m-1", "e1", ANC, 3, "NEUTROPHILS", "0.8", "10*9/L", "7.7", "2026-02-02T07:30:00Z"));
        JsonNode hold = awaitAlert("p-m-1", a -> a.path("drug").asText().equals("lenvatinib"));
        send(graded("p-m-1", "e2", ANC, 3, "NEUTROPHILS", "0.9", "10*9/L", "7.7", "2026-02-03T07:30:00Z"));
        await().atMost(WAIT).until(() -> outcome("e2", "p-m-1").equals("ABSORBED"));
        int pagesForLenvatinib = alertsOf("p-m-1", "lenvatinib").size();
        send(graded("p-m-1", "e3", ANC, 2, "NEUTROPHILS", "1.2", "10*9/L", "7.7", "2026-02-11T07:30:00Z"));
        JsonNode resume = awaitAlert("p-m-1", a -> a.path("type").asText().equals("RESUME_ELIGIBLE")
                && a.path("drug").asText().equals("lenvatinib"));

        assertThat(pagesForLenvatinib).as("the repeat did not page").isEqualTo(1);
        assertThat(resume.path("relatedAlertId").asText()).isEqualTo(hold.path("alertId").asText());
        assertThat(resume.path("action").asText()).isEqualTo("RESUME");
        assertThat(resume.path("explanation").asText()).contains("ELIGIBLE", "grade 2 at 2026-02-11T07:30:00Z");
        assertThat(resume.path("trigger").path("grade").asInt()).isEqualTo(2);
        for (ConsumerRecord<String, String> record : kafka.records(ALERTS, "p-m-1")) {
            assertThat(ContractSchemas.load().validate("dose-alert.v1", record.value())).as(record.value()).isEmpty();
        }
        for (ConsumerRecord<String, String> record : kafka.records(LIFECYCLE, "p-m-1")) {
            assertThat(ContractSchemas.load().validate("alert-lifecycle-event.v1", record.value())).as(record.value()).isEmpty();
        }
        assertThat(count("select count(*) from dose_advisor.graded_event_log where patient_id = $1", "p-m-1")).isEqualTo(3);
    }

    // rules.csv lines 37-38 (lenvatinib label): platelets grade 3 hold, grade 4 worse: the same alert is revised
    @Test
    void aWorseGradeRevisesTheOpenAlertInsteadOfOpeningAnother() throws Exception {
        putCourse("p-m-5");
        send(graded("p-m-5", "w1", "Platelet count decreased", 3, "PLATELETS", "42", "10*9/L", "400", "2026-02-02T07:30:00Z"));
        JsonNode first = awaitAlert("p-m-5", a -> a.path("drug").asText().equals("lenvatinib"));
        send(graded("p-m-5", "w2", "Platelet count decreased", 4, "PLATELETS", "18", "10*9/L", "400", "2026-02-03T07:30:00Z"));

        await().atMost(WAIT).until(() -> transitions("p-m-5").stream()
                .anyMatch(t -> t.path("transition").asText().equals("WORSENED")
                        && t.path("alertId").asText().equals(first.path("alertId").asText())));
        JsonNode revised = awaitAlert("p-m-5", a -> a.path("revision").asInt() == 2 && a.path("drug").asText().equals("lenvatinib"));
        assertThat(revised.path("alertId").asText()).isEqualTo(first.path("alertId").asText());
        assertThat(revised.path("trigger").path("grade").asInt()).isEqualTo(4);
        assertThat(alertsOf("p-m-5", "lenvatinib").stream().map(a -> a.path("alertId").asText()).distinct()).hasSize(1);
    }

    @Test
    void aResultEnteredInErrorRetractsItsAlert() throws Exception {
        putCourse("p-m-2");
        String original = graded("p-m-2", "r1", "Platelet count decreased", 3, "PLATELETS", "42", "10*9/L", "400",
                "2026-02-09T07:30:00Z");
        send(original);
        JsonNode alert = awaitAlert("p-m-2", a -> a.path("drug").asText().equals("lenvatinib"));
        send(retraction("p-m-2", "r1-retracted", id("p-m-2", "r1"), "Platelet count decreased", "2026-02-09T07:30:00Z"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(transitions("p-m-2"))
                .anySatisfy(t -> {
                    assertThat(t.path("transition").asText()).isEqualTo("RETRACTED");
                    assertThat(t.path("alertId").asText()).isEqualTo(alert.path("alertId").asText());
                    assertThat(t.path("reason").asText()).contains("entered in error");
                }));
        assertThat(outcome("r1-retracted", "p-m-2")).isEqualTo("RETRACTION");
    }

    // rules.csv lines 113-114, 130-133: the pre-cycle labs of HAIC-FOLFOX before cycle 2 (planned 2026-01-26)
    @Test
    void missingPreCycleLabsRaiseANoticeThatArrivingLabsResolve() throws Exception {
        putCourse("p-m-3");
        String raised = as("nurse-5b-0042", "nurse").post("/treatment-courses/course-p-m-3/cycles/2/pre-cycle-check")
                .then().statusCode(200).extract().asString();
        JsonNode notice = awaitAlert("p-m-3", a -> a.path("type").asText().equals("LABS_REQUIRED"));
        assertThat(raised).contains(notice.path("alertId").asText());
        assertThat(notice.path("explanation").asText()).contains("Neutrophil count decreased", "Platelet count decreased");
        as("nurse-5b-0042", "nurse").post("/treatment-courses/course-p-m-3/cycles/2/pre-cycle-check").then().statusCode(200)
                .body("raised.size()", org.hamcrest.Matchers.is(0));
        as("nurse-5b-0042", "nurse").post("/treatment-courses/course-p-m-3/cycles/9/pre-cycle-check").then().statusCode(404);
        as("nurse-5b-0042", "nurse").post("/treatment-courses/no-such-course/cycles/2/pre-cycle-check").then().statusCode(404);

        String drawn = "2026-01-24T07:00:00Z";
        send(graded("p-m-3", "l1", ANC, 0, "NEUTROPHILS", "2.1", "10*9/L", "7.7", drawn));
        send(graded("p-m-3", "l2", "Platelet count decreased", 0, "PLATELETS", "150", "10*9/L", "400", drawn));
        send(graded("p-m-3", "l3", "Blood bilirubin increased", 0, "BILIRUBIN_TOTAL", "12", "umol/L", "21", drawn));
        send(graded("p-m-3", "l4", "Hypoalbuminemia", 0, "ALBUMIN", "38", "g/L", "50", drawn));

        await().atMost(WAIT).untilAsserted(() -> assertThat(transitions("p-m-3")).anySatisfy(t -> {
            assertThat(t.path("alertId").asText()).isEqualTo(notice.path("alertId").asText());
            assertThat(t.path("transition").asText()).isEqualTo("RESOLVED");
            assertThat(t.path("actor").asText()).startsWith("system:");
        }));
        for (ConsumerRecord<String, String> record : kafka.records(LIFECYCLE, "p-m-3")) {
            assertThat(ContractSchemas.load().validate("alert-lifecycle-event.v1", record.value())).as(record.value()).isEmpty();
        }
        for (ConsumerRecord<String, String> record : kafka.records(ALERTS, "p-m-3")) {
            assertThat(ContractSchemas.load().validate("dose-alert.v1", record.value())).as(record.value()).isEmpty();
        }
    }

    // rules.csv line 136: ALT > 3 x ULN, then total bilirubin >= 2 x ULN in a separate observation 2 h later
    @Test
    void aBilirubinAfterItsAltStopsBothTheTkiAndThePd1Inhibitor() throws Exception {
        putCourse("p-m-4", false);
        send(graded("p-m-4", "h1", "Alanine aminotransferase increased", 2, "ALT", "150", "U/L", "40", "2026-02-02T07:00:00Z"));
        awaitAlert("p-m-4", a -> a.path("drug").asText().equals("lenvatinib"));
        send(graded("p-m-4", "h2", "Blood bilirubin increased", 2, "BILIRUBIN_TOTAL", "45", "umol/L", "20", "2026-02-02T09:00:00Z"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.records(ALERTS, "p-m-4").stream()
                .map(r -> read(r.value()))
                .filter(a -> a.path("rule").path("id").asText().equals("tki-pd-1-hys-law-discontinue-both"))
                .map(a -> a.path("drug").asText()))
                .containsExactlyInAnyOrder("lenvatinib", "sintilimab"));
    }

    // rules.csv line 52: atezolizumab's HCC hepatitis hold resumes at grade 0-1 AND prednisone <= 10 mg/day; the ward
    // confirms the steroid taper over REST, which completes the criterion
    @Test
    void aClinicianConfirmationCompletesTheResumeCriterion() throws Exception {
        as("order-system", "integration").contentType(ContentType.JSON).body("""
                {"courseId": "course-p-m-6", "patientId": "p-m-6", "regimen": "atezolizumab + bevacizumab",
                 "bodyWeightKg": 70, "hccLiverInvolvement": true,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"}],
                 "drugs": [{"drug": "atezolizumab", "doseLevel": 0}, {"drug": "bevacizumab", "doseLevel": 0}]}
                """).put("/treatment-courses/course-p-m-6").then().statusCode(200);
        send(graded("p-m-6", "q1", "Alanine aminotransferase increased", 3, "ALT", "250", "U/L", "40", "2026-01-12T08:00:00Z")
                .replace("\"baseline\": null", "\"baseline\": {\"value\": 60, \"unit\": \"U/L\", \"upperLimit\": 40, \"abnormal\": true, \"usedForGrading\": true}"));
        JsonNode hold = awaitAlert("p-m-6", a -> a.path("drug").asText().equals("atezolizumab"));
        send(graded("p-m-6", "q2", "Alanine aminotransferase increased", 1, "ALT", "45", "U/L", "40", "2026-01-26T08:00:00Z")
                .replace("\"baseline\": null", "\"baseline\": {\"value\": 60, \"unit\": \"U/L\", \"upperLimit\": 40, \"abnormal\": true, \"usedForGrading\": true}"));
        await().atMost(WAIT).until(() -> !outcome("q2", "p-m-6").isEmpty());
        assertThat(kafka.records(ALERTS, "p-m-6").stream().map(r -> read(r.value())))
                .noneMatch(a -> a.path("type").asText().equals("RESUME_ELIGIBLE"));

        as("nurse-5b-0042", "nurse").contentType(ContentType.JSON).body("{\"qualifier\": \"prednisone-10mg-or-less\"}")
                .post("/treatment-courses/course-p-m-6/qualifiers").then().statusCode(403);
        as("oncologist-07", "oncologist").contentType(ContentType.JSON).body("{\"qualifier\": \"prednisone-10mg-or-less\"}")
                .post("/treatment-courses/course-p-m-6/qualifiers").then().statusCode(200);
        JsonNode resume = awaitAlert("p-m-6", a -> a.path("type").asText().equals("RESUME_ELIGIBLE"));

        assertThat(hold.path("action").asText()).isEqualTo("HOLD");
        assertThat(resume.path("relatedAlertId").asText()).isEqualTo(hold.path("alertId").asText());
        assertThat(resume.path("explanation").asText()).contains("prednisone");
        // the notice rests on the stored ALT result: its explanation comes back from the event log, as the watch
        // stores graded findings without theirs
        assertThat(resume.path("trigger").path("eventId").asText()).isEqualTo(id("p-m-6", "q2").toString());
        assertThat(resume.path("trigger").path("explanation").asText())
                .isEqualTo("Alanine aminotransferase increased grade 1 (test)");
        assertThat(count("select count(*) from dose_advisor.course_watch where course_id = $1 and watch like '%grade 1 (test)%'",
                "course-p-m-6")).isZero();
        assertThat(ContractSchemas.load().validate("dose-alert.v1", json.writeValueAsString(resume))).isEmpty();
        as("oncologist-07", "oncologist").contentType(ContentType.JSON).body("{\"qualifier\": \"Not A Qualifier!\"}")
                .post("/treatment-courses/course-p-m-6/qualifiers").then().statusCode(400);
        as("pharmacist-02", "pharmacist").contentType(ContentType.JSON).body("{\"qualifier\": \"prednisone-10mg-or-less\"}")
                .post("/treatment-courses/no-such-course/qualifiers").then().statusCode(404);
    }

    private void putCourse(String patient) {
        putCourse(patient, true);
    }

    private void putCourse(String patient, boolean liverInvolvement) {
        as("order-system", "integration").contentType(ContentType.JSON).body("""
                {"courseId": "course-%s", "patientId": "%s", "regimen": "HAIC-FOLFOX + lenvatinib + sintilimab",
                 "bodyWeightKg": 72, "hccLiverInvolvement": %s,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"},
                            {"number": 3, "plannedStart": "2026-02-16"}],
                 "drugs": [{"drug": "haic-folfox", "doseLevel": 0}, {"drug": "lenvatinib", "doseLevel": 0},
                           {"drug": "sintilimab", "doseLevel": 0}]}
                """.formatted(patient, patient, liverInvolvement))
                .put("/treatment-courses/course-" + patient).then().statusCode(200);
    }

    private static UUID id(String patient, String name) {
        return UUID.nameUUIDFromBytes((patient + "|" + name).getBytes(StandardCharsets.UTF_8));
    }

    private static String graded(String patient, String name, String term, int grade, String analyte, String value,
            String unit, String uln, String effective) {
        return """
                {"eventId": "%s", "observationId": "urn:lab:test|%s-%s", "observationVersion": "1",
                 "patientId": "%s", "courseId": "course-%s", "cycleNumber": 2, "effectiveTime": "%s",
                 "ctcaeVersion": "5.0", "term": "%s", "grade": %d, "status": "GRADED",
                 "analyte": "%s", "value": %s, "unit": "%s", "lowerLimit": null, "upperLimit": %s,
                 "baseline": null, "band": null, "explanation": "%s grade %d (test)", "supersedes": null}
                """.formatted(id(patient, name), patient, name, patient, patient, effective, term, grade, analyte, value,
                unit, uln, term, grade);
    }

    private static String retraction(String patient, String name, UUID retracts, String term, String effective) {
        return """
                {"eventId": "%s", "observationId": "urn:lab:test|%s-%s", "observationVersion": "2",
                 "patientId": "%s", "courseId": "course-%s", "cycleNumber": 2, "effectiveTime": "%s",
                 "ctcaeVersion": "5.0", "term": "%s", "grade": null, "status": "RETRACTED",
                 "analyte": null, "value": null, "unit": null, "lowerLimit": null, "upperLimit": null,
                 "baseline": null, "band": null, "explanation": "lab result entered in error (test)",
                 "supersedes": "%s", "retracts": "%s"}
                """.formatted(id(patient, name), patient, name, patient, patient, effective, term, retracts, retracts);
    }

    private void send(String event) {
        String patient = event.substring(event.indexOf("\"patientId\": \"") + 14).split("\"")[0];
        kafka.send(GRADED, patient, event);
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> alertsOf(String patient, String drug) {
        return kafka.records(ALERTS, patient).stream().map(r -> read(r.value()))
                .filter(a -> a.path("drug").asText().equals(drug)).toList();
    }

    private List<JsonNode> transitions(String patient) {
        return kafka.records(LIFECYCLE, patient).stream().map(r -> read(r.value())).toList();
    }

    private JsonNode awaitAlert(String patient, java.util.function.Predicate<JsonNode> which) {
        await().atMost(WAIT).until(() -> kafka.records(ALERTS, patient).stream().map(r -> read(r.value())).anyMatch(which));
        return kafka.records(ALERTS, patient).stream().map(r -> read(r.value())).filter(which).findFirst().orElseThrow();
    }

    private String outcome(String name, String patient) {
        var rows = database.preparedQuery("select outcome from dose_advisor.assessed_event where event_id = $1")
                .execute(Tuple.of(id(patient, name))).await().indefinitely();
        return rows.size() == 0 ? "" : rows.iterator().next().getString(0);
    }

    private long count(String sql, String parameter) {
        return database.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely()
                .iterator().next().getLong(0);
    }
}
