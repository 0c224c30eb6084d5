package org.toxwatch.dashboard.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.toxwatch.dashboard.alerts.AlertBoardTest.WAIT;
import static org.toxwatch.dashboard.support.Messages.ALERTS;
import static org.toxwatch.dashboard.support.Messages.COURSES;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toxwatch.dashboard.support.AdvisorPeer;
import org.toxwatch.dashboard.support.Messages;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who may do what, and the audit of every attempt: tokens are checked (signature, issuer), roles decide, allowed
 * actions reach the dose-advisor (an HTTP peer here) with the user's own bearer token, and every attempt is in the
 * append-only audit before the answer comes back.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class,
        initArgs = @ResourceArg(name = KafkaBrokerTestResource.TOPICS_ARG, value = Messages.TOPICS))
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
@WithTestResource(AdvisorPeer.class)
class WardActionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @ConfigProperty(name = "quarkus.rest-client.dose-advisor.url")
    String advisorUrl;

    @TestHTTPResource("/")
    URL root;

    @Inject
    Pool database;

    private KafkaTestClient kafka;
    private TokenIssuer tokens;

    @BeforeEach
    void open() {
        kafka = new KafkaTestClient(bootstrap, ALERTS);
        tokens = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void everyApiCallNeedsAValidTokenFromOurKeyAndAWardRole() {
        given().get("/api/alerts").then().statusCode(401);
        given().get("/api/alerts/stream").then().statusCode(401);
        given().get("/api/patients/p-any").then().statusCode(401);
        given().get("/api/audit").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/api/alerts/{id}/acknowledge", UUID.randomUUID())
                .then().statusCode(401);

        TokenIssuer stranger = TokenIssuer.generate();
        given().header("Authorization", stranger.bearer("oncologist-1", "oncologist")).get("/api/alerts")
                .then().statusCode(401);
        given().header("Authorization", stranger.bearer("oncologist-1", "oncologist")).contentType(ContentType.JSON)
                .body("{\"reason\": \"x\"}").post("/api/alerts/{id}/override", UUID.randomUUID()).then().statusCode(401);
        given().header("Authorization", "Bearer not-a-jwt").get("/api/alerts").then().statusCode(401);

        given().header("Authorization", tokens.bearer("porter-1", "porter")).get("/api/alerts").then().statusCode(403);
        for (String role : List.of("viewer", "nurse", "oncologist", "pharmacist")) {
            given().header("Authorization", tokens.bearer(role + "-1", role)).get("/api/alerts")
                    .then().statusCode(200);
        }
        // the page and the operational endpoints stay public
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        String openApi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openApi).contains("/api/alerts/stream", "/api/alerts/{alertId}/override", "/api/patients/{patientId}",
                "bearerFormat: JWT");
    }

    @Test
    void aViewerMayNotAcknowledgeAndTheRefusalIsAuditedButNotForwarded() throws Exception {
        ObjectNode alert = raise("p-act-1");
        String alertId = alert.path("alertId").asText();

        JsonPath refused = given().header("Authorization", tokens.bearer("viewer-5b", "viewer"))
                .contentType(ContentType.JSON).body("{}").post("/api/alerts/{id}/acknowledge", alertId)
                .then().statusCode(403).extract().jsonPath();
        assertThat(refused.getString("problems[0]")).contains("viewer may not acknowledge");

        List<JsonNode> audit = audit(alertId);
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actor").asText()).isEqualTo("viewer-5b");
        assertThat(audit.get(0).path("role").asText()).isEqualTo("viewer");
        assertThat(audit.get(0).path("action").asText()).isEqualTo("ACKNOWLEDGE");
        assertThat(audit.get(0).path("patientId").asText()).isEqualTo("p-act-1");
        assertThat(audit.get(0).path("outcome").asInt()).isEqualTo(403);
        assertThat(forwarded(alertId)).isEmpty();
    }

    @Test
    void aNurseMayAcknowledgeButNotOverrideAnOncologistMayOverrideWithAReason() throws Exception {
        ObjectNode alert = raise("p-act-2");
        String alertId = alert.path("alertId").asText();

        given().header("Authorization", tokens.bearer("nurse-5b-0042", "nurse")).contentType(ContentType.JSON)
                .body("{\"reason\": \"not my call\"}").post("/api/alerts/{id}/override", alertId)
                .then().statusCode(403);
        assertThat(forwarded(alertId)).isEmpty();

        String nurse = tokens.bearer("nurse-5b-0042", "nurse");
        JsonPath acknowledged = given().header("Authorization", nurse)
                .contentType(ContentType.JSON).body("{}").post("/api/alerts/{id}/acknowledge", alertId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(acknowledged.getString("state")).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.getString("transitions[0].actor")).isEqualTo("nurse-5b-0042 (nurse)");

        given().header("Authorization", tokens.bearer("onc-07", "oncologist")).contentType(ContentType.JSON)
                .body("{\"reason\": \"  \"}").post("/api/alerts/{id}/override", alertId)
                .then().statusCode(400);

        String oncologist = tokens.bearer("onc-07", "oncologist", "viewer");
        JsonPath overridden = given().header("Authorization", oncologist)
                .contentType(ContentType.JSON).body("{\"reason\": \"BP measured during a pain crisis; repeat 146/92\"}")
                .post("/api/alerts/{id}/override", alertId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(overridden.getString("state")).isEqualTo("OVERRIDDEN");
        assertThat(overridden.getString("transitions[0].actor")).isEqualTo("onc-07 (oncologist)");

        // forwarded with each user's own token (the advisor takes who acted from it), and no actor in the body
        assertThat(forwarded(alertId)).containsExactly(
                "acknowledge {} " + nurse,
                "override {\"reason\":\"BP measured during a pain crisis; repeat 146/92\"} " + oncologist);

        List<JsonNode> audit = audit(alertId);
        assertThat(audit).extracting(e -> e.path("action").asText() + " " + e.path("role").asText() + " "
                        + e.path("outcome").asInt())
                .as("newest first")
                .containsExactly("OVERRIDE oncologist 200", "OVERRIDE oncologist 400", "ACKNOWLEDGE nurse 200",
                        "OVERRIDE nurse 403");
        assertThat(audit.get(0).path("reason").asText()).isEqualTo("BP measured during a pain crisis; repeat 146/92");
        assertThat(audit.get(0).path("actor").asText()).isEqualTo("onc-07");
        assertThat(audit.get(0).path("detail").asText()).contains("200").contains("OVERRIDDEN");
        assertThat(audit.get(1).path("detail").asText()).contains("reason is required");

        // the alert's page shows the same audit
        JsonPath detail = given().header("Authorization", tokens.bearer("viewer-1", "viewer"))
                .get("/api/alerts/{id}", alertId).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getList("audit.outcome", Integer.class)).containsExactly(200, 400, 200, 403);
    }

    @Test
    void theAdvisorsConflictAndNotFoundComeBackAsTheyAreAndAnAdvisorThatFailsIsA502() throws Exception {
        ObjectNode alert = raise("p-act-3");
        String alertId = alert.path("alertId").asText();
        String pharmacist = tokens.bearer("pharm-02", "pharmacist");

        given().header("Authorization", pharmacist).contentType(ContentType.JSON).body("{}")
                .post("/api/alerts/{id}/resolve", alertId).then().statusCode(200);
        JsonPath conflict = given().header("Authorization", tokens.bearer("nurse-9", "nurse"))
                .contentType(ContentType.JSON).body("{}").post("/api/alerts/{id}/acknowledge", alertId)
                .then().statusCode(409).extract().jsonPath();
        assertThat(conflict.getString("state")).isEqualTo("RESOLVED");

        String unknown = "00000000-0000-0000-0000-" + UUID.randomUUID().toString().substring(24);
        given().header("Authorization", pharmacist).contentType(ContentType.JSON).body("{}")
                .post("/api/alerts/{id}/resolve", unknown).then().statusCode(404);

        String failing = "dead0000-0000-0000-0000-" + UUID.randomUUID().toString().substring(24);
        JsonPath failed = given().header("Authorization", pharmacist).contentType(ContentType.JSON).body("{}")
                .post("/api/alerts/{id}/resolve", failing).then().statusCode(502).extract().jsonPath();
        assertThat(failed.getString("problems[0]")).contains("could not be reached");

        assertThat(audit(alertId)).extracting(e -> e.path("outcome").asInt()).containsExactly(409, 200);
        assertThat(audit(alertId).get(0).path("detail").asText()).contains("409").contains("RESOLVED");
        assertThat(audit(unknown)).extracting(e -> e.path("outcome").asInt()).containsExactly(404);
        assertThat(audit(unknown).get(0).path("patientId").isNull()).as("the dashboard never saw it").isTrue();
        assertThat(audit(failing)).extracting(e -> e.path("outcome").asInt()).containsExactly(502);
    }

    @Test
    void aBodyOverTheLimitIs413AndIsNeitherForwardedNorAudited() throws Exception {
        ObjectNode alert = raise("p-act-5");
        String alertId = alert.path("alertId").asText();
        String body = "{\"reason\": \"" + "x".repeat(16 * 1024) + "\"}";

        // as clients send large uploads: the server can refuse on Content-Length before the body is sent
        HttpRequest request = HttpRequest.newBuilder(root.toURI().resolve("/api/alerts/" + alertId + "/override"))
                .header("Authorization", tokens.bearer("onc-07", "oncologist"))
                .header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> refused = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(forwarded(alertId)).isEmpty();
        assertThat(audit(alertId)).isEmpty();
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAuditEntries() {
        ObjectNode alert = raise("p-act-4");
        String alertId = alert.path("alertId").asText();
        given().header("Authorization", tokens.bearer("viewer-4", "viewer")).contentType(ContentType.JSON).body("{}")
                .post("/api/alerts/{id}/acknowledge", alertId).then().statusCode(403);
        UUID id = UUID.fromString(alertId);

        assertThatThrownBy(() -> database.preparedQuery("UPDATE ward_dashboard.audit_entry SET outcome = 200 "
                + "WHERE alert_id = $1").execute(Tuple.of(id)).await().indefinitely())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> database.preparedQuery("DELETE FROM ward_dashboard.audit_entry WHERE alert_id = $1")
                .execute(Tuple.of(id)).await().indefinitely())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> database.query("TRUNCATE ward_dashboard.audit_entry").execute().await().indefinitely())
                .hasMessageContaining("append-only");

        Integer outcome = database.preparedQuery("SELECT outcome FROM ward_dashboard.audit_entry WHERE alert_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getInteger(0);
        assertThat(outcome).isEqualTo(403);
    }

    /** An alert the dashboard has seen, so the audit can name its patient. */
    private ObjectNode raise(String patientId) {
        kafka.send(COURSES, patientId, Messages.course("course-" + patientId, patientId, "5B",
                List.of(new Messages.Drug("lenvatinib", 0))).toString());
        ObjectNode alert = Messages.doseAlert(UUID.randomUUID(), "DOSE_HOLD", patientId, "course-" + patientId,
                "lenvatinib", 1, "Hypertension", 3, "165", "mm[Hg]", Instant.parse("2026-01-26T07:30:00Z"));
        kafka.send(ALERTS, patientId, alert.toString());
        await().atMost(WAIT).until(() -> given().header("Authorization", tokens.bearer("viewer-1", "viewer"))
                .get("/api/alerts/{id}", alert.path("alertId").asText()).then().extract().statusCode() == 200);
        return alert;
    }

    private List<JsonNode> audit(String alertId) throws Exception {
        String body = given().header("Authorization", tokens.bearer("viewer-1", "viewer"))
                .queryParam("alertId", alertId).get("/api/audit").then().statusCode(200).extract().asString();
        return List.copyOf(JSON.readValue(body, JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class)));
    }

    /** What the advisor peer received for one alert: "action body". */
    private List<String> forwarded(String alertId) throws Exception {
        HttpResponse<String> calls = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(advisorUrl + "/calls")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> all = JSON.readValue(calls.body(), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        String prefix = "POST /alerts/" + alertId + "/";
        return all.stream().filter(call -> call.startsWith(prefix)).map(call -> call.substring(prefix.length())).toList();
    }
}
