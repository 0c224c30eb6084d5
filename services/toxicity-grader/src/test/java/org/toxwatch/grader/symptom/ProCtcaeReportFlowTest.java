package org.toxwatch.grader.symptom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.toxwatch.testsupport.kafka.TopicRecorder.header;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import io.restassured.specification.RequestSpecification;

/**
 * A patient's PRO-CTCAE answers, over REST and over Kafka, into a suggested CTCAE grade on ae.graded.v1. Expected
 * composite grades: Basch et al., Clin Trials 2021, as encoded in the Alliance PROCTCAE_scores macro v1.0.0 (nausea
 * frequency 3 + severity 2 -> 2; fatigue severity 3 + interference 3 -> 3; abdominal pain frequency 0 -> 0), unverified.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class ProCtcaeReportFlowTest {

    private static final String REPORTS = "symptom.reports.v1";
    private static final String GRADED = "ae.graded.v1";
    private static final String DLQ = "symptom.reports.v1.dlq";
    private static final String COURSES = "treatment.courses.v1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @Inject
    ObjectMapper json;

    private KafkaTestClient kafka;
    private TokenIssuer tokens;

    @BeforeEach
    void openKafka() {
        kafka = new KafkaTestClient(bootstrap, REPORTS, GRADED, DLQ, COURSES);
        tokens = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey));
    }

    /** The patient's own app: the token names the patient. */
    private RequestSpecification asPatient(String patient) {
        return given().header("Authorization", tokens.bearer(patient, "patient"));
    }

    /** A patient app relaying its patients' answers. */
    private RequestSpecification asPatientApp() {
        return given().header("Authorization", tokens.bearer("patient-app", "integration"));
    }

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    @Test
    void answersOverRestArePublishedAsTheyCameAndBecomeASuggestedGrade() throws Exception {
        asPatient("p-pro-1").contentType(ContentType.JSON).body(pro("app-1", "p-pro-1", "nausea", "\"frequency\": 3, \"severity\": 2"))
                .post("/symptom-reports").then().statusCode(202)
                .body("term", equalTo("Nausea")).body("grade", equalTo(2)).body("suggestedFrom", equalTo("PRO-CTCAE"));

        await().atMost(WAIT).until(() -> !kafka.records(REPORTS, "p-pro-1").isEmpty());
        ConsumerRecord<String, String> published = kafka.records(REPORTS, "p-pro-1").get(0);
        assertThat(ContractSchemas.load().validate("symptom-report.v1", published.value())).isEmpty();
        JsonNode message = json.readTree(published.value());
        assertThat(message.has("term")).isFalse();
        assertThat(message.path("proCtcae").path("answers").path("frequency").asInt()).isEqualTo(3);

        JsonNode event = gradedEvent("p-pro-1");
        assertThat(event.path("term").asText()).isEqualTo("Nausea");
        assertThat(event.path("grade").asInt()).isEqualTo(2);
        assertThat(event.path("status").asText()).isEqualTo("GRADED");
        assertThat(event.path("band").path("basis").asText()).isEqualTo("PRO_CTCAE_COMPOSITE");
        assertThat(event.path("observationId").asText()).isEqualTo("urn:toxwatch:symptom-report|app-1");
        assertThat(event.path("explanation").asText())
                .contains("suggested from the patient's PRO-CTCAE answers")
                .contains("table FS, row frequency 3 + severity 2")
                .contains("Basch E, et al.")
                .contains("UNVERIFIED")
                .contains("Reported by: patient");
        assertThat(ContractSchemas.load().validate("graded-adverse-event.v1", event.toString())).isEmpty();
    }

    @Test
    void theSuggestionIsGradedUnderThePatientsCtcaeVersion() throws Exception {
        kafka.send(COURSES, "p-pro-2", course("p-pro-2", "6.0"));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", tokens.bearer("viewer-1", "viewer"))
                .get("/treatment-courses/course-p-pro-2").then().statusCode(200));

        asPatient("p-pro-2").contentType(ContentType.JSON).body(pro("app-2", "p-pro-2", "fatigue", "\"severity\": 3, \"interference\": 3"))
                .post("/symptom-reports").then().statusCode(202).body("ctcaeVersion", equalTo("6.0"));

        JsonNode event = gradedEvent("p-pro-2");
        assertThat(event.path("ctcaeVersion").asText()).isEqualTo("6.0");
        assertThat(event.path("courseId").asText()).isEqualTo("course-p-pro-2");
        assertThat(event.path("cycleNumber").asInt()).isEqualTo(2);
        assertThat(event.path("term").asText()).isEqualTo("Fatigue");
        assertThat(event.path("grade").asInt()).isEqualTo(3);
        assertThat(ContractSchemas.load().validate("graded-adverse-event.v1", event.toString())).isEmpty();
    }

    @Test
    void answersThatCannotGiveAGradeAreRefusedAtTheDoorAndCounted() {
        refused(pro("app-3", "p-pro-3", "grumpiness", "\"severity\": 2"), "UNKNOWN_PRO_CTCAE_ITEM");
        refused(pro("app-4", "p-pro-3", "nausea", "\"frequency\": 2, \"interference\": 2"), "asks no interference question");
        refused(pro("app-5", "p-pro-3", "diarrhea", "\"frequency\": 7"), "scored 0 to 4, not 7");
        refused(pro("app-6", "p-pro-3", "mouth-or-throat-sores", "\"severity\": 2, \"interference\": 1"), "NO_CTCAE_TERM");
        // a missing answer is never read as 0
        refused(pro("app-7", "p-pro-3", "nausea", "\"frequency\": 3"), "severity was not answered");
        // both forms at once, and answers entered by someone other than the patient
        asPatientApp().contentType(ContentType.JSON).body("""
                {"reportId": "app-8", "patientId": "p-pro-3", "assessedAt": "2026-02-04T10:15:00Z", "reporterRole": "patient",
                 "term": "Nausea", "grade": 2, "proCtcae": {"item": "nausea", "answers": {"frequency": 3, "severity": 2}}}
                """).post("/symptom-reports").then().statusCode(400);
        asPatientApp().contentType(ContentType.JSON).body(pro("app-9", "p-pro-3", "nausea", "\"frequency\": 3, \"severity\": 2")
                .replace("\"patient\"", "\"nurse\"")).post("/symptom-reports").then().statusCode(400);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("toxwatch_symptom_reports_refused_total{reason=\"INVALID_PRO_CTCAE_ANSWERS\","
                        + "service=\"toxicity-grader\"} 2.0"))
                .body(containsString("toxwatch_symptom_reports_refused_total{reason=\"NO_CTCAE_TERM\""))
                .body(containsString("toxwatch_symptom_reports_refused_total{reason=\"NOT_GRADABLE\""));
        assertThat(kafka.records(REPORTS, "p-pro-3")).isEmpty();
    }

    @Test
    void answersOnTheTopicAreGradedOrDeadLetteredWithTheirReason() throws Exception {
        String never = Examples.valid("symptom-report.v1", "pro-ctcae-abdominal-pain-never.json").text()
                .replace("p-002", "p-pro-4");
        kafka.send(REPORTS, "p-pro-4", never);
        kafka.send(REPORTS, "p-pro-4", pro("app-10", "p-pro-4", "vomiting", "\"frequency\": 2"));
        kafka.send(REPORTS, "p-pro-4", pro("app-11", "p-pro-4", "diarrhea", "\"frequency\": 2, \"severity\": 1"));
        kafka.send(REPORTS, "p-pro-4", pro("app-12", "p-pro-4", "mouth-or-throat-sores", "\"severity\": 1"));

        await().atMost(WAIT).until(() -> kafka.records(GRADED, "p-pro-4").size() == 2
                && kafka.records(DLQ, "p-pro-4").size() == 2);
        JsonNode absent = json.readTree(kafka.records(GRADED, "p-pro-4").get(0).value());
        assertThat(absent.path("term").asText()).isEqualTo("Abdominal pain");
        assertThat(absent.path("grade").asInt()).isEqualTo(0);
        assertThat(absent.path("explanation").asText()).contains("not asked after an earlier answer of 0");
        JsonNode missing = json.readTree(kafka.records(GRADED, "p-pro-4").get(1).value());
        assertThat(missing.path("term").asText()).isEqualTo("Vomiting");
        assertThat(missing.path("status").asText()).isEqualTo("NOT_GRADABLE");
        assertThat(missing.path("grade").isNull()).isTrue();
        assertThat(missing.path("explanation").asText()).contains("severity was not answered");
        for (int i = 0; i < 2; i++) {
            assertThat(ContractSchemas.load().validate("graded-adverse-event.v1",
                    kafka.records(GRADED, "p-pro-4").get(i).value())).isEmpty();
        }
        assertThat(kafka.records(DLQ, "p-pro-4")).extracting(r -> header(r, "dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).startsWith("INVALID_PRO_CTCAE_ANSWERS: "))
                .anySatisfy(reason -> assertThat(reason).startsWith("NO_CTCAE_TERM: "));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("toxwatch_dead_letters_total{reason=\"INVALID_PRO_CTCAE_ANSWERS\",service=\"toxicity-grader\"}"))
                .body(containsString("toxwatch_dead_letters_total{reason=\"NO_CTCAE_TERM\",service=\"toxicity-grader\"}"));
    }

    private JsonNode gradedEvent(String patient) throws Exception {
        await().atMost(WAIT).until(() -> !kafka.records(GRADED, patient).isEmpty());
        return json.readTree(kafka.records(GRADED, patient).get(0).value());
    }

    private void refused(String body, String problem) {
        asPatientApp().contentType(ContentType.JSON).body(body).post("/symptom-reports").then().statusCode(400)
                .body("problems", hasItem(containsString(problem)));
    }

    private static String pro(String reportId, String patient, String item, String answers) {
        return """
                {"reportId": "%s", "patientId": "%s", "assessedAt": "2026-02-04T10:15:00Z", "reporterRole": "patient",
                 "proCtcae": {"item": "%s", "answers": {%s}}}
                """.formatted(reportId, patient, item, answers);
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
}
