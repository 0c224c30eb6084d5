package org.toxwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toxwatch.contracts.ContractSchemas;
import org.toxwatch.demo.scenario.DemoCohort;
import org.toxwatch.demo.scenario.LabResultRow;
import org.toxwatch.demo.stack.CohortReplay;
import org.toxwatch.demo.stack.LocalStack;
import org.toxwatch.demo.stack.ProjectLayout;
import org.toxwatch.testsupport.kafka.TopicRecorder;
import org.toxwatch.testsupport.security.TokenIssuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The whole pipeline as it runs in production: a real Kafka broker, PostgreSQL, and the three packaged services as
 * separate processes. FHIR Observations go in on Kafka; graded events and dose alerts come out on Kafka and are in the
 * database; bad input is dead-lettered with its reason while the pipeline keeps going.
 */
class EndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static CohortReplay replay;
    private static TopicRecorder tap;
    private static String database;

    @BeforeAll
    static void startStack() {
        database = "toxwatch_e2e_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        stack = LocalStack.start(ProjectLayout.locate(), database);
        replay = new CohortReplay(stack);
        tap = new TopicRecorder(stack.bootstrapServers(),
                List.of("ae.graded.v1", "dose.alerts.v1", "lab.observations.fhir.v1.dlq"), record -> { });
    }

    @AfterAll
    static void stopStack() {
        if (tap != null) {
            tap.close();
        }
        if (replay != null) {
            replay.close();
        }
        if (stack != null) {
            stack.dropDatabaseOnClose();
            stack.close();
        }
    }

    @Test
    void fhirLabResultsBecomeGradedEventsAndDoseAlertsOnKafkaAndInPostgres() throws Exception {
        DemoCohort.Course course = new DemoCohort.Course("course-e2e-1", "p-e2e-1", """
                {"courseId": "course-e2e-1", "patientId": "p-e2e-1", "regimen": "HAIC-FOLFOX + lenvatinib + sintilimab",
                 "ctcaeVersion": "5.0", "bodyWeightKg": 55, "hccLiverInvolvement": true,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"}],
                 "drugs": [{"drug": "haic-folfox", "doseLevel": 0}, {"drug": "lenvatinib", "doseLevel": 0},
                           {"drug": "sintilimab", "doseLevel": 0}]}
                """);
        assertThat(replay.putCourse(course).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> replay.graderKnows(course));

        // baseline AST 95 U/L (ULN 40) before cycle 1, then a blood pressure of 165/95 and AST 380 U/L in cycle 2
        replay.publish(lab("E2E-1", "2026-01-02T08:00:00Z", "1920-8", "95", "U/L", "0", "40"));
        replay.publish(lab("E2E-2", "2026-02-06T07:45:00Z", "1920-8", "380", "U/L", "0", "40"));
        Instant published = replay.publish(lab("E2E-3", "2026-02-06T07:50:00Z", "85354-9", "165/95", "mm[Hg]", "", ""));

        JsonNode hold = awaitAlert("lenvatinib");
        assertThat(hold.path("type").asText()).isEqualTo("DOSE_HOLD");
        assertThat(hold.path("trigger").path("term").asText()).isEqualTo("Hypertension");
        assertThat(hold.path("recommendedDoseLevel").path("dose").asText()).contains("4 mg");
        JsonNode pd1 = awaitAlert("sintilimab");
        assertThat(pd1.path("type").asText()).isEqualTo("DOSE_HOLD");
        System.out.printf("end-to-end: hypertension alert %d ms after its lab result was published%n",
                Duration.between(published, Instant.now()).toMillis());

        JsonNode ast = gradedEvent("urn:toxwatch:demo-lab|E2E-2");
        assertThat(ast.path("grade").asInt()).isEqualTo(2); // 4.0 x the abnormal baseline, not grade 3 against ULN
        assertThat(ast.path("baseline").path("value").decimalValue()).isEqualByComparingTo("95");

        ContractSchemas contracts = ContractSchemas.load();
        for (ConsumerRecord<String, String> record : tap.records("dose.alerts.v1")) {
            assertThat(contracts.validate("dose-alert.v1", record.value())).isEmpty();
            assertThat(record.key()).isEqualTo("p-e2e-1");
        }
        for (ConsumerRecord<String, String> record : tap.records("ae.graded.v1")) {
            assertThat(contracts.validate("graded-adverse-event.v1", record.value())).isEmpty();
        }

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("select count(*) from lab_ingest.received_observation where patient_id = 'p-e2e-1'")).isEqualTo(3);
            assertThat(count("select count(*) from toxicity_grader.graded_event where patient_id = 'p-e2e-1'")).isEqualTo(3);
            assertThat(count("select count(*) from dose_advisor.dose_alert where patient_id = 'p-e2e-1'"))
                    .isEqualTo(tap.records("dose.alerts.v1").size());
        });
    }

    @Test
    void malformedJsonUnknownCodesAndMissingUnitsAreDeadLetteredWhileThePipelineKeepsGoing() throws Exception {
        replay.publishRaw("p-e2e-2", "{\"resourceType\": \"Observation\", \"status\": \"fin");
        replay.publish(lab2("E2E-11", "2345-7", "5.4", "mmol/L"));
        replay.publish(lab2("E2E-12", "751-8", "0.4", ""));
        replay.publish(lab2("E2E-13", "751-8", "0.4", "10*9/L"));

        await().atMost(WAIT).until(() -> tap.records("ae.graded.v1").stream()
                .anyMatch(r -> r.value().contains("urn:toxwatch:demo-lab|E2E-13")));
        await().atMost(WAIT).until(() -> deadLetters("p-e2e-2").size() == 3);
        List<String> reasons = deadLetters("p-e2e-2").stream().map(r -> TopicRecorder.header(r, "dead-letter-reason")).toList();
        assertThat(reasons).satisfiesExactly(
                reason -> assertThat(reason).startsWith("MALFORMED_JSON"),
                reason -> assertThat(reason).startsWith("UNKNOWN_CODE").contains("2345-7"),
                reason -> assertThat(reason).startsWith("MISSING_UNIT"));
        // grade 4 neutropenia without a course: graded, published, and recorded by the advisor as having no course
        assertThat(gradedEvent("urn:toxwatch:demo-lab|E2E-13").path("grade").asInt()).isEqualTo(4);
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(
                "select count(*) from dose_advisor.assessed_event where patient_id = 'p-e2e-2' and outcome = 'NO_COURSE'"))
                .isEqualTo(1));
    }

    @Test
    void everyServiceWantsATokenOfThisRunsKeyAndTheDashboardForwardsTheUsersOwn() throws Exception {
        URI advisor = stack.service("dose-advisor").baseUri();
        URI grader = stack.service("toxicity-grader").baseUri();
        URI dashboard = stack.service("ward-dashboard").baseUri();
        String stranger = "Bearer " + TokenIssuer.generate().token("onc-1", "oncologist", "viewer");
        String viewer = stack.wardKeys().bearer("viewer-e2e", "viewer");

        assertThat(status("GET", advisor.resolve("/alerts"), null, null)).isEqualTo(401);
        assertThat(status("GET", advisor.resolve("/alerts"), stranger, null)).isEqualTo(401);
        assertThat(status("GET", advisor.resolve("/alerts"), viewer, null)).isEqualTo(200);
        assertThat(status("PUT", advisor.resolve("/treatment-courses/course-e2e-9"),
                stack.wardKeys().bearer("nurse-e2e", "nurse"), "{}")).as("courses come from the order system").isEqualTo(403);
        assertThat(status("POST", grader.resolve("/symptom-reports"), null, "{}")).isEqualTo(401);
        assertThat(status("POST", grader.resolve("/symptom-reports"), viewer, "{\"reportId\": \"e2e-9\", "
                + "\"patientId\": \"p-e2e-9\", \"assessedAt\": \"2026-02-04T10:15:00Z\", \"term\": \"Vomiting\", "
                + "\"grade\": 2, \"reporterRole\": \"nurse\"}")).isEqualTo(403);
        assertThat(status("GET", grader.resolve("/treatment-courses/course-e2e-9"),
                stack.wardKeys().bearer("p-e2e-9", "patient"), null)).isEqualTo(403);
        assertThat(status("GET", dashboard.resolve("/api/alerts"), stranger, null)).isEqualTo(401);

        // an unknown alert: the advisor answers 404 to the nurse's own token (it would answer 401 to none)
        String unknown = UUID.randomUUID().toString();
        assertThat(status("POST", dashboard.resolve("/api/alerts/" + unknown + "/acknowledge"),
                stack.wardKeys().bearer("nurse-e2e", "nurse"), "{}")).isEqualTo(404);
        assertThat(status("POST", dashboard.resolve("/api/alerts/" + unknown + "/acknowledge"), viewer, "{}"))
                .isEqualTo(403);

        for (String service : List.of("lab-ingest", "toxicity-grader", "dose-advisor", "ward-dashboard")) {
            URI base = stack.service(service).baseUri();
            assertThat(status("GET", base.resolve("/q/health/ready"), null, null)).as(service).isEqualTo(200);
            assertThat(status("GET", base.resolve("/q/metrics"), null, null)).as(service).isEqualTo(200);
        }
    }

    private static int status(String method, URI uri, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static LabResultRow lab(String id, String effective, String loinc, String value, String unit, String low,
            String high) {
        return new LabResultRow(id, "p-e2e-1", Instant.parse(effective), loinc, value, unit, low, high);
    }

    private static LabResultRow lab2(String id, String loinc, String value, String unit) {
        return new LabResultRow(id, "p-e2e-2", Instant.parse("2026-02-06T07:30:00Z"), loinc, value, unit, "", "");
    }

    private static JsonNode awaitAlert(String drug) throws Exception {
        await().atMost(WAIT).until(() -> tap.records("dose.alerts.v1").stream()
                .anyMatch(r -> r.value().contains("\"drug\":\"" + drug + "\"")));
        return JSON.readTree(tap.records("dose.alerts.v1").stream()
                .filter(r -> r.value().contains("\"drug\":\"" + drug + "\"")).findFirst().orElseThrow().value());
    }

    private static JsonNode gradedEvent(String observationId) throws Exception {
        await().atMost(WAIT).until(() -> tap.records("ae.graded.v1").stream()
                .anyMatch(r -> r.value().contains(observationId + "\"")));
        return JSON.readTree(tap.records("ae.graded.v1").stream()
                .filter(r -> r.value().contains(observationId + "\"")).findFirst().orElseThrow().value());
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String patient) {
        return tap.records("lab.observations.fhir.v1.dlq", patient);
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = stack.connectDatabase(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
