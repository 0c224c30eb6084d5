package org.toxwatch.grader.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call the grader: no token or a token of another key, issuer or time is 401; a role not named for the
 * endpoint 403; a symptom report must be the token's own (a nurse reports as a nurse, a patient only for themselves, a
 * patient app relays patients' answers) or it is 403 and nothing is published. Real broker and PostgreSQL.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class GraderAccessTest {

    private static final String REPORTS = "symptom.reports.v1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @TestHTTPResource("/symptom-reports")
    URL reports;

    private TokenIssuer tokens;
    private KafkaTestClient kafka;

    @BeforeEach
    void open() {
        tokens = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey));
        kafka = new KafkaTestClient(bootstrap, REPORTS);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void withoutAValidTokenNothingButTheProbesAndMetricsAnswers() {
        TokenIssuer stranger = TokenIssuer.generate();
        List<String> invalid = List.of("",
                stranger.bearer("nurse-1", "nurse", "viewer"),
                tokens.withIssuer("https://elsewhere.example/issuer").bearer("nurse-1", "nurse", "viewer"),
                "Bearer " + tokens.expiredToken(Duration.ofMinutes(10), "nurse-1", "nurse", "viewer"),
                "Bearer not-a-jwt");
        for (String authorization : invalid) {
            caller(authorization).contentType(ContentType.JSON).body(grade("acc-0", "p-acc-0", "nurse"))
                    .post("/symptom-reports").then().statusCode(401);
            caller(authorization).get("/treatment-courses/course-p-acc-0").then().statusCode(401);
        }
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        assertThat(kafka.records(REPORTS, "p-acc-0")).isEmpty();
    }

    @Test
    void wardStaffReportInTheirOwnRoleAndNobodyElses() {
        as("nurse-5b-0042", "nurse").contentType(ContentType.JSON).body(grade("acc-1", "p-acc-1", "nurse"))
                .post("/symptom-reports").then().statusCode(202);
        as("onc-07", "oncologist").contentType(ContentType.JSON).body(grade("acc-2", "p-acc-1", "oncologist"))
                .post("/symptom-reports").then().statusCode(202);
        as("pharm-02", "pharmacist").contentType(ContentType.JSON).body(grade("acc-3", "p-acc-1", "pharmacist"))
                .post("/symptom-reports").then().statusCode(202);

        as("nurse-5b-0042", "nurse").contentType(ContentType.JSON).body(grade("acc-4", "p-acc-1", "oncologist"))
                .post("/symptom-reports").then().statusCode(403)
                .body("problems", hasItem(containsString("reporterRole oncologist is not a role of the token")));
        as("nurse-5b-0042", "nurse").contentType(ContentType.JSON).body(grade("acc-5", "p-acc-1", "patient"))
                .post("/symptom-reports").then().statusCode(403);
        as("viewer-1", "viewer").contentType(ContentType.JSON).body(grade("acc-6", "p-acc-1", "nurse"))
                .post("/symptom-reports").then().statusCode(403);
        as("porter-1", "porter").contentType(ContentType.JSON).body(grade("acc-7", "p-acc-1", "nurse"))
                .post("/symptom-reports").then().statusCode(403);

        await().atMost(WAIT).until(() -> kafka.records(REPORTS, "p-acc-1").size() >= 3);
        assertThat(kafka.records(REPORTS, "p-acc-1")).extracting(r -> r.value())
                .hasSize(3).allMatch(v -> v.contains("\"acc-1\"") || v.contains("\"acc-2\"") || v.contains("\"acc-3\""));
    }

    @Test
    void aPatientReportsOnlyForThemselvesAndAPatientAppRelaysTheirAnswers() {
        as("p-acc-2", "patient").contentType(ContentType.JSON).body(pro("acc-10", "p-acc-2"))
                .post("/symptom-reports").then().statusCode(202);
        as("p-acc-2", "patient").contentType(ContentType.JSON).body(grade("acc-11", "p-acc-2", "patient"))
                .post("/symptom-reports").then().statusCode(202);
        as("patient-app", "integration").contentType(ContentType.JSON).body(pro("acc-12", "p-acc-2"))
                .post("/symptom-reports").then().statusCode(202);

        as("p-acc-3", "patient").contentType(ContentType.JSON).body(pro("acc-13", "p-acc-2"))
                .post("/symptom-reports").then().statusCode(403)
                .body("problems", hasItem(containsString("only report their own symptoms")));
        as("p-acc-2", "patient").contentType(ContentType.JSON).body(grade("acc-14", "p-acc-2", "nurse"))
                .post("/symptom-reports").then().statusCode(403);
        as("patient-app", "integration").contentType(ContentType.JSON).body(grade("acc-15", "p-acc-2", "nurse"))
                .post("/symptom-reports").then().statusCode(403);
        // an invalid body is still 400 first, whoever sends it
        as("p-acc-3", "patient").contentType(ContentType.JSON).body("{\"patientId\": \"p-acc-2\"}")
                .post("/symptom-reports").then().statusCode(400);

        await().atMost(WAIT).until(() -> kafka.records(REPORTS, "p-acc-2").size() >= 3);
        assertThat(kafka.records(REPORTS, "p-acc-2")).extracting(r -> r.value()).hasSize(3)
                .allMatch(v -> v.contains("\"acc-10\"") || v.contains("\"acc-11\"") || v.contains("\"acc-12\""));
    }

    @Test
    void theKnownCourseIsForStaffAndTheOrderSystemNotPatients() {
        for (String role : List.of("viewer", "nurse", "oncologist", "pharmacist", "integration")) {
            as(role + "-1", role).get("/treatment-courses/course-p-acc-unknown").then().statusCode(404);
        }
        as("p-acc-4", "patient").get("/treatment-courses/course-p-acc-4").then().statusCode(403);
        as("porter-1", "porter").get("/treatment-courses/course-p-acc-4").then().statusCode(403);
    }

    @Test
    void aNulInAPathParameterIsRefusedBeforeTheDatabaseSeesIt() {
        // NulFreeText, a filter of the resilience library: PostgreSQL takes no NUL, a 500 before it was refused here
        as("viewer-1", "viewer").get("/treatment-courses/{courseId}", "course-p-acc\u00004").then().statusCode(400);
        as("viewer-1", "viewer").get("/treatment-courses/{courseId}", "course-p-acc-unknown").then().statusCode(404);
    }

    @Test
    void anEndpointThatNamesNoRolesIsRefusedToEveryone() {
        given().get("/test-only/unannotated").then().statusCode(401);
        for (String role : List.of("viewer", "nurse", "oncologist", "pharmacist", "patient", "integration")) {
            as(role + "-1", role).get("/test-only/unannotated").then().statusCode(403);
        }
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String oversized = grade("acc-20", "p-acc-5", "nurse").replace("\"term\"", "\"padding\": \""
                + "x".repeat(64 * 1024) + "\", \"term\"");
        // as clients send large uploads: the server can refuse on Content-Length before the body is sent
        HttpRequest request = HttpRequest.newBuilder(reports.toURI())
                .header("Authorization", tokens.bearer("nurse-5b-0042", "nurse"))
                .header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(oversized)).build();
        HttpResponse<String> refused = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(kafka.records(REPORTS, "p-acc-5")).isEmpty();
    }

    private static RequestSpecification caller(String authorization) {
        return authorization.isEmpty() ? given() : given().header("Authorization", authorization);
    }

    private RequestSpecification as(String user, String... roles) {
        return given().header("Authorization", tokens.bearer(user, roles));
    }

    private static String grade(String reportId, String patient, String reporterRole) {
        return """
                {"reportId": "%s", "patientId": "%s", "assessedAt": "2026-02-04T10:15:00Z",
                 "term": "Vomiting", "grade": 2, "reporterRole": "%s"}
                """.formatted(reportId, patient, reporterRole);
    }

    private static String pro(String reportId, String patient) {
        return """
                {"reportId": "%s", "patientId": "%s", "assessedAt": "2026-02-04T10:15:00Z", "reporterRole": "patient",
                 "proCtcae": {"item": "nausea", "answers": {"frequency": 3, "severity": 2}}}
                """.formatted(reportId, patient);
    }
}
