package org.toxwatch.advisor.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call what on the dose-advisor: no token or a token of another key, issuer or time is 401, a role not named
 * for the endpoint 403, the right role gets through; alert actions follow the ward dashboard's rules exactly, and the
 * transition records the token's upn and role whatever the body says. Real broker and PostgreSQL.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class AdvisorAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String LIFECYCLE = "dose.alerts.lifecycle.v1";
    private static final List<String> ROLES = List.of("viewer", "nurse", "oncologist", "pharmacist", "integration",
            "patient", "porter");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @TestHTTPResource("/")
    URL root;

    private TokenIssuer tokens;
    private KafkaTestClient kafka;

    @BeforeEach
    void open() {
        tokens = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey));
        kafka = new KafkaTestClient(bootstrap, LIFECYCLE);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    /** One call per endpoint, on ids that exist nowhere: what comes back says only whether the caller got in. */
    private static final Map<String, Function<RequestSpecification, Response>> ENDPOINTS = Map.of(
            "GET /alerts", r -> r.get("/alerts"),
            "GET /alerts/{id}", r -> r.get("/alerts/" + UUID.randomUUID()),
            "POST acknowledge", r -> r.contentType(ContentType.JSON).body("{}").post("/alerts/" + UUID.randomUUID() + "/acknowledge"),
            "POST resolve", r -> r.contentType(ContentType.JSON).body("{}").post("/alerts/" + UUID.randomUUID() + "/resolve"),
            "POST override", r -> r.contentType(ContentType.JSON).body("{\"reason\": \"r\"}")
                    .post("/alerts/" + UUID.randomUUID() + "/override"),
            "PUT course", r -> r.contentType(ContentType.JSON).body(course("course-acl-none", "p-acl-none"))
                    .put("/treatment-courses/course-acl-other"),
            "GET course", r -> r.get("/treatment-courses/no-such-course"),
            "POST pre-cycle-check", r -> r.post("/treatment-courses/no-such-course/cycles/2/pre-cycle-check"),
            "POST qualifiers", r -> r.contentType(ContentType.JSON).body("{\"qualifier\": \"prednisone-10mg-or-less\"}")
                    .post("/treatment-courses/no-such-course/qualifiers"));

    /** The role table of the README (Security), written out independently of the annotations. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "GET /alerts", Set.of("viewer", "nurse", "oncologist", "pharmacist"),
            "GET /alerts/{id}", Set.of("viewer", "nurse", "oncologist", "pharmacist"),
            "POST acknowledge", Set.of("nurse", "oncologist", "pharmacist"),
            "POST resolve", Set.of("nurse", "oncologist", "pharmacist"),
            "POST override", Set.of("oncologist", "pharmacist"),
            "PUT course", Set.of("integration"),
            "GET course", Set.of("integration", "viewer", "nurse", "oncologist", "pharmacist"),
            "POST pre-cycle-check", Set.of("nurse", "oncologist", "pharmacist"),
            "POST qualifiers", Set.of("oncologist", "pharmacist"));

    @Test
    void withoutAValidTokenEveryEndpointIs401() {
        TokenIssuer stranger = TokenIssuer.generate();
        for (var endpoint : ENDPOINTS.entrySet()) {
            assertThat(endpoint.getValue().apply(given()).statusCode()).as("%s without a token", endpoint.getKey())
                    .isEqualTo(401);
            assertThat(endpoint.getValue().apply(given().header("Authorization", stranger.bearer("onc-1", "oncologist",
                    "integration"))).statusCode()).as("%s with another key's token", endpoint.getKey()).isEqualTo(401);
            assertThat(endpoint.getValue().apply(given().header("Authorization", tokens
                    .withIssuer("https://elsewhere.example/issuer").bearer("onc-1", "oncologist", "integration")))
                    .statusCode()).as("%s with another issuer's token", endpoint.getKey()).isEqualTo(401);
            assertThat(endpoint.getValue().apply(given().header("Authorization", "Bearer " + tokens
                    .expiredToken(Duration.ofMinutes(10), "onc-1", "oncologist", "integration"))).statusCode())
                    .as("%s with an expired token", endpoint.getKey()).isEqualTo(401);
            assertThat(endpoint.getValue().apply(given().header("Authorization", "Bearer not-a-jwt")).statusCode())
                    .as("%s with garbage", endpoint.getKey()).isEqualTo(401);
        }
    }

    @Test
    void eachRoleGetsExactlyTheEndpointsOfTheRoleTable() {
        for (var endpoint : ENDPOINTS.entrySet()) {
            for (String role : ROLES) {
                int status = endpoint.getValue().apply(given().header("Authorization", tokens.bearer(role + "-1", role)))
                        .statusCode();
                if (ALLOWED.get(endpoint.getKey()).contains(role)) {
                    assertThat(status).as("%s as %s", endpoint.getKey(), role).isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(status).as("%s as %s", endpoint.getKey(), role).isEqualTo(403);
                }
            }
        }
    }

    @Test
    void theRightRolesSucceed() {
        putCourse("p-acl-0");
        as("viewer-1", "viewer").get("/treatment-courses/course-p-acl-0").then().statusCode(200);
        as("nurse-5b-0042", "nurse").post("/treatment-courses/course-p-acl-0/cycles/1/pre-cycle-check")
                .then().statusCode(200);
        as("pharm-02", "pharmacist").contentType(ContentType.JSON)
                .body("{\"qualifier\": \"despite-optimal-antihypertensive-therapy\", \"actor\": \"someone-else\"}")
                .post("/treatment-courses/course-p-acl-0/qualifiers").then().statusCode(200);
        as("viewer-1", "viewer").queryParam("patientId", "p-acl-0").get("/alerts").then().statusCode(200);
    }

    @Test
    void aNulInAPathOrQueryParameterIsRefusedBeforeTheDatabaseSeesIt() {
        // NulFreeText, a filter of the resilience library: PostgreSQL takes no NUL, a 500 before it was refused here
        as("viewer-1", "viewer").get("/treatment-courses/{courseId}", "course-p-acl\u00000").then().statusCode(400);
        as("viewer-1", "viewer").queryParam("patientId", "p-acl\u00000").get("/alerts").then().statusCode(400);
        as("viewer-1", "viewer").queryParam("patientId", "p-acl-nobody").get("/alerts").then().statusCode(200);
    }

    @Test
    void theTransitionNamesTheTokensPersonAndRoleNotTheBodys() {
        List<String> patients = List.of("p-acl-1", "p-acl-2", "p-acl-3");
        List<UUID> raised = patients.stream().map(this::raiseLenvatinibHold).toList();

        // a nurse who is also a viewer acknowledges as a nurse; the body's actor is not who acted
        JsonNode acknowledged = read(as("nurse-5b-0042", "viewer", "nurse").contentType(ContentType.JSON)
                .body("{\"actor\": \"oncologist-chief\"}").post("/alerts/" + raised.get(0) + "/acknowledge")
                .then().statusCode(200).extract().asString());
        assertThat(acknowledged.path("transitions").get(1).path("actor").asText()).isEqualTo("nurse-5b-0042 (nurse)");

        // the dashboard's choice when a token carries several roles that may: oncologist before pharmacist before nurse
        JsonNode overridden = read(as("dr-07", "nurse", "pharmacist", "oncologist").contentType(ContentType.JSON)
                .body("{\"reason\": \"BP measured during a pain crisis\"}").post("/alerts/" + raised.get(1) + "/override")
                .then().statusCode(200).extract().asString());
        assertThat(overridden.path("transitions").get(1).path("actor").asText()).isEqualTo("dr-07 (oncologist)");

        JsonNode resolved = read(as("pharm-02", "pharmacist").contentType(ContentType.JSON).body("{}")
                .post("/alerts/" + raised.get(2) + "/resolve").then().statusCode(200).extract().asString());
        assertThat(resolved.path("transitions").get(1).path("actor").asText()).isEqualTo("pharm-02 (pharmacist)");

        // a nurse may not override, whatever role the body claims; nothing is recorded
        as("nurse-5b-0042", "nurse").contentType(ContentType.JSON)
                .body("{\"reason\": \"r\", \"actor\": \"dr-07 (oncologist)\"}").post("/alerts/" + raised.get(0) + "/override")
                .then().statusCode(403);
        assertThat(read(as("viewer-1", "viewer").get("/alerts/" + raised.get(0)).then().statusCode(200).extract()
                .asString()).path("state").asText()).isEqualTo("ACKNOWLEDGED");

        // the lifecycle events on Kafka carry the same actors
        await().atMost(WAIT).untilAsserted(() -> assertThat(patients.stream()
                .flatMap(patient -> kafka.records(LIFECYCLE, patient).stream()).map(r -> read(r.value()))
                .filter(e -> raised.contains(UUID.fromString(e.path("alertId").asText())))
                .filter(e -> !e.path("transition").asText().equals("OPENED"))
                .map(e -> e.path("transition").asText() + " " + e.path("actor").asText()).toList())
                .containsExactlyInAnyOrder("ACKNOWLEDGED nurse-5b-0042 (nurse)", "OVERRIDDEN dr-07 (oncologist)",
                        "RESOLVED pharm-02 (pharmacist)"));
    }

    @Test
    void anEndpointThatNamesNoRolesIsRefusedToEveryone() {
        given().get("/test-only/unannotated").then().statusCode(401);
        for (String role : ROLES) {
            as(role + "-1", role).get("/test-only/unannotated").then().statusCode(403);
        }
    }

    @Test
    void probesMetricsAndTheApiDescriptionStayOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        assertThat(given().get("/q/openapi").then().statusCode(200).extract().asString())
                .contains("bearerFormat: JWT", "/alerts/{alertId}/override");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String oversized = course("course-acl-big", "p-acl-big").replace("\"regimen\": \"",
                "\"regimen\": \"" + "x".repeat(64 * 1024));
        // as clients send large uploads: the server can refuse on Content-Length before the body is sent
        HttpRequest request = HttpRequest.newBuilder(root.toURI().resolve("/treatment-courses/course-acl-big"))
                .header("Authorization", tokens.bearer("order-system", "integration"))
                .header("Content-Type", "application/json").expectContinue(true)
                .PUT(HttpRequest.BodyPublishers.ofString(oversized)).build();
        HttpResponse<String> refused = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        as("order-system", "integration").get("/treatment-courses/course-acl-big").then().statusCode(404);
        // just under the limit is read (and refused for what it says, not for its size)
        String large = course("course-acl-big", "p-acl-big").replace("\"regimen\": \"",
                "\"regimen\": \"" + "x".repeat(60 * 1024));
        as("order-system", "integration").contentType(ContentType.JSON).body(large)
                .put("/treatment-courses/course-acl-big").then().statusCode(org.hamcrest.Matchers.not(413));
    }

    private RequestSpecification as(String user, String... roles) {
        return given().header("Authorization", tokens.bearer(user, roles));
    }

    private void putCourse(String patient) {
        as("order-system", "integration").contentType(ContentType.JSON).body(course("course-" + patient, patient))
                .put("/treatment-courses/course-" + patient).then().statusCode(200);
    }

    /** A course, then grade 3 hypertension on Kafka: the lenvatinib hold it raises (one event, nothing to race). */
    private UUID raiseLenvatinibHold(String patient) {
        putCourse(patient);
        kafka.send("ae.graded.v1", patient, hypertension(patient));
        await().atMost(WAIT).until(() -> lenvatinibAlert(patient) != null);
        return lenvatinibAlert(patient);
    }

    private UUID lenvatinibAlert(String patient) {
        JsonNode listed = read(as("viewer-1", "viewer").queryParam("patientId", patient).get("/alerts").then()
                .statusCode(200).extract().asString());
        for (JsonNode alert : listed) {
            if (alert.path("drug").asText().equals("lenvatinib")) {
                return UUID.fromString(alert.path("alertId").asText());
            }
        }
        return null;
    }

    private static String course(String courseId, String patient) {
        return """
                {"courseId": "%s", "patientId": "%s", "regimen": "HAIC-FOLFOX + lenvatinib + sintilimab",
                 "bodyWeightKg": 55, "hccLiverInvolvement": true,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"}],
                 "drugs": [{"drug": "haic-folfox", "doseLevel": 0}, {"drug": "lenvatinib", "doseLevel": 0},
                           {"drug": "sintilimab", "doseLevel": 0}]}
                """.formatted(courseId, patient);
    }

    private static String hypertension(String patient) {
        return """
                {"eventId": "%s", "observationId": "urn:lab:test|%s-SBP", "observationVersion": "1",
                 "patientId": "%s", "courseId": "course-%s", "cycleNumber": 2, "effectiveTime": "2026-01-28T08:00:00Z",
                 "ctcaeVersion": "5.0", "term": "Hypertension", "grade": 3, "status": "GRADED",
                 "analyte": "SYSTOLIC_BP", "value": 165, "unit": "mm[Hg]", "lowerLimit": null, "upperLimit": null,
                 "baseline": null, "band": null, "explanation": "Hypertension grade 3 (test)", "supersedes": null}
                """.formatted(UUID.randomUUID(), patient, patient, patient);
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
