package org.toxwatch.advisor.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.toxwatch.advisor.lifecycle.AlertFixtures.ALERTS;
import static org.toxwatch.advisor.lifecycle.AlertFixtures.LIFECYCLE;
import static org.toxwatch.advisor.lifecycle.AlertFixtures.WAIT;
import static org.toxwatch.testsupport.kafka.TopicRecorder.header;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.advisor.alerting.DoseAlert;
import org.toxwatch.advisor.alerting.DoseAlertPublisher;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The alert lifecycle with the production timers (15 minutes, 5 for febrile neutropenia): every transition from every
 * state, the REST contract, concurrent acknowledgements, worsening in place, and escalation driven by explicit times.
 * Real broker and PostgreSQL; ward calls carry bearer tokens (who may do what: AdvisorAccessTest).
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class AlertLifecycleTest {

    private static final String NURSE = "nurse-5b-0042";
    private static final String ONCOLOGIST = "onc-07";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @Inject
    Pool database;

    @Inject
    ObjectMapper json;

    @Inject
    AlertLifecycle lifecycle;

    @Inject
    LifecyclePublisher publisher;

    @TestHTTPResource("/alerts")
    URI alertsUri;

    private KafkaTestClient kafka;
    private AlertFixtures alerts;
    private TokenIssuer tokens;
    private String nurse;
    private String oncologist;
    private String viewer;

    @BeforeEach
    void open() {
        kafka = new KafkaTestClient(bootstrap, LIFECYCLE, ALERTS);
        alerts = new AlertFixtures(lifecycle, json, database, kafka);
        tokens = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey));
        nurse = tokens.bearer(NURSE, "nurse");
        oncologist = tokens.bearer(ONCOLOGIST, "oncologist");
        viewer = tokens.bearer("viewer-1", "viewer");
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aGradedEventOpensItsAlertWithTheDefaultDeadlineAndARedeliveryRepublishesTheSameOpenedEvent() throws Exception {
        putCourse("p-l-1");
        String event = """
                {"eventId": "%s", "observationId": "urn:lab:test|p-l-1-SBP", "observationVersion": "1",
                 "patientId": "p-l-1", "courseId": "course-p-l-1", "cycleNumber": 2, "effectiveTime": "2026-01-28T08:00:00Z",
                 "ctcaeVersion": "5.0", "term": "Hypertension", "grade": 3, "status": "GRADED",
                 "analyte": "SYSTOLIC_BP", "value": 165, "unit": "mm[Hg]", "lowerLimit": null, "upperLimit": null,
                 "baseline": null, "band": null, "explanation": "Hypertension grade 3 (test)", "supersedes": null}
                """.formatted(UUID.randomUUID());
        kafka.send("ae.graded.v1", "p-l-1", event);

        await().atMost(WAIT).until(() -> !kafka.records(LIFECYCLE, "p-l-1").isEmpty());
        await().atMost(WAIT).until(() -> kafka.records(LIFECYCLE, "p-l-1").size() == list("patientId", "p-l-1").size());
        List<JsonNode> raised = list("patientId", "p-l-1");
        assertThat(raised).extracting(a -> a.path("drug").asText()).contains("lenvatinib");
        for (JsonNode alert : raised) {
            UUID alertId = UUID.fromString(alert.path("alertId").asText());
            assertThat(alert.path("state").asText()).isEqualTo("OPEN");
            assertThat(alert.path("revision").asInt()).isEqualTo(1);
            assertThat(alert.path("escalationLevel").asInt()).isZero();
            assertThat(Duration.between(Instant.parse(alert.path("openedAt").asText()),
                    Instant.parse(alert.path("acknowledgeDeadline").asText()))).isEqualTo(Duration.ofMinutes(15));
            assertThat(alert.path("alert").path("revision").asInt()).isEqualTo(1);
            assertThat(alerts.transitions(alertId)).containsExactly(Transition.OPENED);
            alerts.assertPublishedExactlyAsStored("p-l-1", alertId);
            JsonNode opened = alerts.read(alerts.published("p-l-1", alertId).get(0).value());
            assertThat(opened.path("alert").path("alertId").asText()).isEqualTo(alertId.toString());
            assertThat(opened.path("actor").asText()).isEqualTo(Actor.SYSTEM.id());
        }
        int first = kafka.records(LIFECYCLE, "p-l-1").size();

        kafka.send("ae.graded.v1", "p-l-1", event);

        await().atMost(WAIT).until(() -> kafka.records(LIFECYCLE, "p-l-1").size() == 2 * first);
        Map<String, Long> ids = kafka.records(LIFECYCLE, "p-l-1").stream()
                .collect(Collectors.groupingBy(r -> header(r, "ce_id"), Collectors.counting()));
        assertThat(ids).hasSize(first).allSatisfy((id, times) -> assertThat(times).isEqualTo(2));
        for (JsonNode alert : raised) {
            assertThat(alerts.transitions(UUID.fromString(alert.path("alertId").asText())))
                    .containsExactly(Transition.OPENED);
        }
    }

    /** What the ward (REST) or the system (direct) does to an alert in each state, and what must come of it. */
    @ParameterizedTest(name = "{0} + {1} -> {2} {3}")
    @CsvSource({
            "OPEN,         acknowledge, 200, ACKNOWLEDGED",
            "OPEN,         override,    200, OVERRIDDEN",
            "OPEN,         resolve,     200, RESOLVED",
            "OPEN,         retract,     200, RETRACTED",
            "OPEN,         worsen,      200, OPEN",
            "OPEN,         escalate,    200, OPEN",
            "ACKNOWLEDGED, acknowledge, 409, ACKNOWLEDGED",
            "ACKNOWLEDGED, override,    200, OVERRIDDEN",
            "ACKNOWLEDGED, resolve,     200, RESOLVED",
            "ACKNOWLEDGED, retract,     200, RETRACTED",
            "ACKNOWLEDGED, worsen,      200, OPEN",
            "ACKNOWLEDGED, escalate,    409, ACKNOWLEDGED",
            "RESOLVED,     acknowledge, 409, RESOLVED",
            "RESOLVED,     override,    409, RESOLVED",
            "RESOLVED,     resolve,     409, RESOLVED",
            "RESOLVED,     retract,     200, RETRACTED",
            "RESOLVED,     worsen,      409, RESOLVED",
            "RESOLVED,     escalate,    409, RESOLVED",
            "OVERRIDDEN,   acknowledge, 409, OVERRIDDEN",
            "OVERRIDDEN,   override,    409, OVERRIDDEN",
            "OVERRIDDEN,   resolve,     409, OVERRIDDEN",
            "OVERRIDDEN,   retract,     200, RETRACTED",
            "OVERRIDDEN,   worsen,      409, OVERRIDDEN",
            "OVERRIDDEN,   escalate,    409, OVERRIDDEN",
            "RETRACTED,    acknowledge, 409, RETRACTED",
            "RETRACTED,    override,    409, RETRACTED",
            "RETRACTED,    resolve,     409, RETRACTED",
            "RETRACTED,    retract,     200, RETRACTED",
            "RETRACTED,    worsen,      409, RETRACTED",
            "RETRACTED,    escalate,    409, RETRACTED"})
    void everyTransitionFromEveryState(AlertState start, String action, int expected, AlertState end) {
        String patient = "p-t-" + start.name().toLowerCase().substring(0, 3) + "-" + action.substring(0, 4);
        UUID alertId = alerts.raise(patient, "Platelet count decreased", "lenvatinib");
        bringTo(alertId, start);
        List<AlertFixtures.Stored> before = alerts.stored(alertId);

        int status = apply(alertId, patient, action);

        assertThat(status).as("%s on a %s alert", action, start).isEqualTo(expected);
        JsonNode alert = get(alertId);
        assertThat(alert.path("state").asText()).isEqualTo(end.name());
        List<AlertFixtures.Stored> after = alerts.stored(alertId);
        boolean idempotentRetraction = start == AlertState.RETRACTED && action.equals("retract");
        assertThat(after).hasSize(expected == 200 && !idempotentRetraction ? before.size() + 1 : before.size());
        assertThat(after.subList(0, before.size())).as("history is append-only").isEqualTo(before);
        AlertFixtures.assertLegalPath(after);
        assertThat(alert.path("transitions")).hasSize(after.size());
        if (!idempotentRetraction) {
            alerts.assertPublishedExactlyAsStored(patient, alertId);
            return;
        }
        // retracting again (a redelivered correction) re-publishes the stored RETRACTED event under its id
        String retracted = after.get(after.size() - 1).lifecycleEventId().toString();
        await().atMost(WAIT).until(() -> alerts.published(patient, alertId).size() == after.size() + 1);
        assertThat(alerts.published(patient, alertId).stream().filter(r -> retracted.equals(header(r, "ce_id"))))
                .hasSize(2);
    }

    @Test
    void anOverrideNeedsAReasonTheActorComesFromTheTokenAndAnUnknownAlertIs404() {
        UUID alertId = alerts.raise("p-l-3", "Platelet count decreased", "lenvatinib");

        post(oncologist, alertId, "override", Map.of()).then().statusCode(400);
        post(oncologist, alertId, "override", Map.of("reason", "   ")).then().statusCode(400);
        post(tokens.bearer("x".repeat(201), "nurse"), alertId, "acknowledge", Map.of()).then().statusCode(400);

        assertThat(get(alertId).path("state").asText()).isEqualTo("OPEN");
        assertThat(alerts.transitions(alertId)).containsExactly(Transition.OPENED);
        assertThatThrownBy(() -> AlertFixtures.run(() -> lifecycle.override(alertId, new Actor(NURSE), " ", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertFixtures.run(() -> lifecycle.retract(alertId, null)))
                .isInstanceOf(IllegalArgumentException.class);

        UUID unknown = UUID.randomUUID();
        given().header("Authorization", viewer).get("/alerts/" + unknown).then().statusCode(404);
        post(nurse, unknown, "acknowledge", Map.of()).then().statusCode(404);
        post(oncologist, unknown, "override", Map.of("reason", "x")).then().statusCode(404);

        // a name in the body is not who acted: the token is
        Response overridden = post(oncologist, alertId, "override",
                Map.of("actor", "someone-else", "reason", "platelets recovered on recount"));
        overridden.then().statusCode(200);
        assertThat(overridden.jsonPath().getString("state")).isEqualTo("OVERRIDDEN");
        AlertFixtures.Stored override = alerts.stored(alertId).get(1);
        assertThat(override.actor()).isEqualTo(ONCOLOGIST + " (oncologist)");
        assertThat(override.reason()).isEqualTo("platelets recovered on recount");
        assertThat(override.acknowledgeDeadline()).isNull();
        alerts.assertPublishedExactlyAsStored("p-l-3", alertId);
    }

    @Test
    void twoConcurrentAcknowledgementsGiveOne200AndOne409() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                UUID alertId = alerts.raise("p-l-4", "Platelet count decreased", "lenvatinib");
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (String nurse : List.of("nurse-a", "nurse-b")) {
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                            return http.send(HttpRequest.newBuilder(alertsUri.resolve("/alerts/" + alertId + "/acknowledge"))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", tokens.bearer(nurse, "nurse"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, threads));
                }
                start.countDown();
                List<HttpResponse<String>> responses = new ArrayList<>();
                for (CompletableFuture<HttpResponse<String>> answer : answers) {
                    responses.add(answer.get(60, TimeUnit.SECONDS));
                }

                assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
                HttpResponse<String> lost = responses.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
                assertThat(alerts.read(lost.body()).path("state").asText()).isEqualTo("ACKNOWLEDGED");
                String winner = alerts.read(responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow()
                        .body()).path("transitions").get(1).path("actor").asText();
                List<AlertFixtures.Stored> history = alerts.stored(alertId);
                assertThat(history).extracting(AlertFixtures.Stored::transition)
                        .containsExactly(Transition.OPENED, Transition.ACKNOWLEDGED);
                assertThat(history.get(1).actor()).isEqualTo(winner).isIn("nurse-a (nurse)", "nurse-b (nurse)");
                alerts.assertPublishedExactlyAsStored("p-l-4", alertId);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aWorseGradeUpdatesTheAlertInPlaceReopensItAndRepublishesItAsTheNextRevision() throws Exception {
        UUID alertId = alerts.raise("p-l-5", "Neutrophil count decreased", "haic-folfox");
        post(nurse, alertId, "acknowledge", Map.of()).then().statusCode(200);
        UUID worseEvent = UUID.randomUUID();
        DoseAlert worse = alerts.worseContent(worseEvent, "p-l-5", "Febrile neutropenia", "haic-folfox", 3);

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        worsen(alertId, worseEvent, worse);

        JsonNode alert = get(alertId);
        assertThat(alert.path("alertId").asText()).isEqualTo(alertId.toString());
        assertThat(alert.path("state").asText()).isEqualTo("OPEN");
        assertThat(alert.path("revision").asInt()).isEqualTo(2);
        assertThat(alert.path("alertType").asText()).isEqualTo("DISCONTINUE");
        assertThat(alert.path("alert").path("alertId").asText()).isEqualTo(alertId.toString());
        assertThat(alert.path("alert").path("revision").asInt()).isEqualTo(2);
        assertThat(alert.path("alert").path("trigger").path("term").asText()).isEqualTo("Febrile neutropenia");
        List<AlertFixtures.Stored> history = alerts.stored(alertId);
        assertThat(history).extracting(AlertFixtures.Stored::transition)
                .containsExactly(Transition.OPENED, Transition.ACKNOWLEDGED, Transition.WORSENED);
        AlertFixtures.Stored worsened = history.get(2);
        assertThat(worsened.fromState()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(worsened.at()).isAfterOrEqualTo(before);
        // a fresh deadline, from the new trigger's timer (febrile neutropenia: 5 minutes)
        assertThat(worsened.acknowledgeDeadline()).isEqualTo(worsened.at().plus(Duration.ofMinutes(5)));
        assertThat(list("patientId", "p-l-5")).hasSize(1);
        alerts.assertPublishedExactlyAsStored("p-l-5", alertId);
        JsonNode event = alerts.read(alerts.published("p-l-5", alertId).stream()
                .filter(r -> r.value().contains("\"WORSENED\"")).findFirst().orElseThrow().value());
        assertThat(event.path("alert").path("revision").asInt()).isEqualTo(2);

        // the new content is re-published on dose.alerts.v1: same alert id, next revision, its own CloudEvents id
        String revisionTwo = DoseAlertPublisher.cloudEventId(alertId, 2).toString();
        assertThat(revisionTwo).isNotEqualTo(alertId.toString());
        await().atMost(WAIT).until(() -> kafka.records(ALERTS, "p-l-5").stream()
                .anyMatch(r -> revisionTwo.equals(header(r, "ce_id"))));
        ConsumerRecord<String, String> republished = kafka.records(ALERTS, "p-l-5").stream()
                .filter(r -> revisionTwo.equals(header(r, "ce_id"))).findFirst().orElseThrow();
        JsonNode content = alerts.read(republished.value());
        assertThat(content.path("alertId").asText()).isEqualTo(alertId.toString());
        assertThat(content.path("revision").asInt()).isEqualTo(2);
        assertThat(AlertFixtures.SCHEMAS.validate("dose-alert.v1", republished.value())).isEmpty();

        // someone who read revision 1 cannot acknowledge revision 2 unseen
        Response stale = post(nurse, alertId, "acknowledge", Map.of("revision", 1));
        stale.then().statusCode(409);
        assertThat(stale.jsonPath().getInt("revision")).isEqualTo(2);
        post(nurse, alertId, "acknowledge", Map.of("revision", 2)).then().statusCode(200);

        // a redelivered worsening event re-publishes the same WORSENED event and revision, nothing new is stored
        alerts.assertPublishedExactlyAsStored("p-l-5", alertId);
        AlertFixtures.run(() -> lifecycle.publishCausedBy(worseEvent));
        String worsenedId = worsened.lifecycleEventId().toString();
        await().atMost(WAIT).until(() -> alerts.published("p-l-5", alertId).stream()
                .filter(r -> worsenedId.equals(header(r, "ce_id"))).count() == 2);
        assertThat(alerts.published("p-l-5", alertId).stream().filter(r -> worsenedId.equals(header(r, "ce_id"))))
                .extracting(ConsumerRecord::value).containsOnly(worsened.event());
        await().atMost(WAIT).until(() -> kafka.records(ALERTS, "p-l-5").stream()
                .filter(r -> revisionTwo.equals(header(r, "ce_id"))).count() == 2);
        assertThat(alerts.stored(alertId)).hasSize(4);
    }

    @Test
    void aWorseGradeForAnotherPatientOrDrugIsNotAppliedToTheAlert() {
        UUID alertId = alerts.raise("p-l-6", "Platelet count decreased", "lenvatinib");
        UUID event = UUID.randomUUID();
        assertThatThrownBy(() -> worsen(alertId, event,
                alerts.worseContent(event, "p-l-6", "Platelet count decreased", "sorafenib", 4)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(alerts.transitions(alertId)).containsExactly(Transition.OPENED);
        assertThat(get(alertId).path("revision").asInt()).isEqualTo(1);
    }

    @Test
    void escalationRaisesOverdueOpenAlertsOneLevelPerPeriodUpToTheMaximumAndFebrileNeutropeniaFirst() {
        UUID usual = alerts.raise("p-l-7", "Platelet count decreased", "lenvatinib");
        UUID febrile = alerts.raise("p-l-7", "Febrile neutropenia", "haic-folfox");
        UUID acknowledged = alerts.raise("p-l-7", "Hypertension", "lenvatinib");
        post(nurse, acknowledged, "acknowledge", Map.of()).then().statusCode(200);
        Instant opened = Instant.parse(get(usual).path("openedAt").asText());
        assertThat(deadlineOf(usual)).isEqualTo(opened.plus(Duration.ofMinutes(15)));
        assertThat(Duration.between(Instant.parse(get(febrile).path("openedAt").asText()), deadlineOf(febrile)))
                .as("febrile neutropenia's timer is shorter than the default").isEqualTo(Duration.ofMinutes(5));

        Instant sixMinutes = opened.plus(Duration.ofMinutes(6)).plusMillis(1);
        assertThat(escalate(sixMinutes)).contains(febrile).doesNotContain(usual, acknowledged);
        assertThat(levelOf(febrile)).isEqualTo(1);
        assertThat(deadlineOf(febrile)).isEqualTo(sixMinutes.plus(Duration.ofMinutes(5)));
        assertThat(alerts.stored(febrile).get(1).at()).isEqualTo(sixMinutes);
        assertThat(levelOf(usual)).isZero();

        assertThat(escalate(opened.plus(Duration.ofMinutes(16)))).contains(usual, febrile).doesNotContain(acknowledged);
        assertThat(escalate(opened.plus(Duration.ofDays(1)))).contains(usual, febrile);
        assertThat(levelOf(febrile)).isEqualTo(3);
        assertThat(deadlineOf(febrile)).as("no deadline left at the last level").isNull();
        assertThat(escalate(opened.plus(Duration.ofDays(2)))).contains(usual).doesNotContain(febrile);
        assertThat(escalate(opened.plus(Duration.ofDays(3)))).doesNotContain(usual, febrile, acknowledged);

        assertThat(alerts.stored(febrile)).extracting(AlertFixtures.Stored::escalationLevel).containsExactly(0, 1, 2, 3);
        assertThat(alerts.stored(usual)).extracting(AlertFixtures.Stored::escalationLevel).containsExactly(0, 1, 2, 3);
        assertThat(alerts.transitions(acknowledged)).containsExactly(Transition.OPENED, Transition.ACKNOWLEDGED);
        assertThat(get(usual).path("state").asText()).isEqualTo("OPEN");
        for (UUID alertId : List.of(usual, febrile, acknowledged)) {
            AlertFixtures.assertLegalPath(alerts.stored(alertId));
            alerts.assertPublishedExactlyAsStored("p-l-7", alertId);
        }
        // an escalated alert is still acknowledged the usual way, and stops escalating
        post(nurse, usual, "acknowledge", Map.of()).then().statusCode(200);
        assertThat(deadlineOf(usual)).isNull();
    }

    @Test
    void alertsAreListedNewestFirstAndFilteredByStatePatientAndCourse() {
        UUID older = alerts.raise("p-l-8", "Platelet count decreased", "lenvatinib");
        UUID newer = alerts.raise("p-l-8", "Hypertension", "lenvatinib");
        UUID otherPatient = alerts.raise("p-l-9", "Hypertension", "lenvatinib");
        post(nurse, older, "acknowledge", Map.of()).then().statusCode(200);

        assertThat(ids(list("patientId", "p-l-8"))).containsExactly(newer, older);
        assertThat(ids(list("courseId", "course-p-l-9"))).containsExactly(otherPatient);
        assertThat(ids(given().header("Authorization", viewer).queryParam("patientId", "p-l-8")
                .queryParam("state", "ACKNOWLEDGED").get("/alerts")
                .then().statusCode(200).extract().as(JsonNode.class))).containsExactly(older);
        assertThat(ids(given().header("Authorization", viewer).queryParam("state", "OPEN").get("/alerts").then()
                .statusCode(200).extract()
                .as(JsonNode.class))).contains(newer, otherPatient).doesNotContain(older);
        JsonNode one = list("patientId", "p-l-9").get(0);
        assertThat(one.has("transitions")).as("the list leaves transitions out").isFalse();
        assertThat(get(otherPatient).path("transitions").get(0).path("transition").asText()).isEqualTo("OPENED");
        given().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/alerts/{alertId}/override"));
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private void bringTo(UUID alertId, AlertState state) {
        switch (state) {
            case OPEN -> { }
            case ACKNOWLEDGED -> post(nurse, alertId, "acknowledge", Map.of()).then().statusCode(200);
            case RESOLVED -> post(nurse, alertId, "resolve", Map.of()).then().statusCode(200);
            case OVERRIDDEN -> post(oncologist, alertId, "override", Map.of("reason", "benefit outweighs risk"))
                    .then().statusCode(200);
            case RETRACTED -> AlertFixtures.run(() -> lifecycle.retract(alertId, "result entered in error")
                    .call(publisher::publish));
        }
    }

    /** 200 when the transition was made, 409 when it was refused. */
    private int apply(UUID alertId, String patient, String action) {
        return switch (action) {
            case "acknowledge", "resolve" -> post(nurse, alertId, action, Map.of()).statusCode();
            case "override" -> post(oncologist, alertId, action, Map.of("reason", "patient prefers to continue"))
                    .statusCode();
            case "retract" -> outcome(() -> AlertFixtures.run(() -> lifecycle.retract(alertId, "value corrected by the lab")
                    .call(publisher::publish)));
            case "worsen" -> outcome(() -> {
                UUID event = UUID.randomUUID();
                worsen(alertId, event, alerts.worseContent(event, patient, "Platelet count decreased", "lenvatinib", 4));
            });
            case "escalate" -> escalate(Instant.now().plus(Duration.ofDays(1))).contains(alertId) ? 200 : 409;
            default -> throw new IllegalArgumentException(action);
        };
    }

    private static int outcome(Runnable change) {
        try {
            change.run();
            return 200;
        } catch (TransitionRefused refused) {
            return 409;
        }
    }

    /** As the assessment will: the new graded event and the worsening in one transaction, then publish. */
    private void worsen(UUID alertId, UUID eventId, DoseAlert content) {
        AlertFixtures.run(() -> Panache.withTransaction(() -> AlertFixtures.assessed(eventId, content.patientId())
                        .persist().chain(() -> lifecycle.worsened(alertId, content)))
                .chain(() -> lifecycle.publishCausedBy(eventId)));
    }

    private List<UUID> escalate(Instant now) {
        return AlertFixtures.run(() -> lifecycle.escalateOverdue(now)).stream()
                .map(t -> t.alertId).toList();
    }

    private Response post(String bearer, UUID alertId, String action, Map<String, ?> body) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(body)
                .post("/alerts/" + alertId + "/" + action);
    }

    private JsonNode get(UUID alertId) {
        return given().header("Authorization", viewer).get("/alerts/" + alertId).then().statusCode(200).extract()
                .as(JsonNode.class);
    }

    private int levelOf(UUID alertId) {
        return get(alertId).path("escalationLevel").asInt();
    }

    private Instant deadlineOf(UUID alertId) {
        JsonNode deadline = get(alertId).path("acknowledgeDeadline");
        return deadline.isMissingNode() || deadline.isNull() ? null : Instant.parse(deadline.asText());
    }

    private List<JsonNode> list(String filter, String value) {
        JsonNode listed = given().header("Authorization", viewer).queryParam(filter, value).get("/alerts").then()
                .statusCode(200).extract().as(JsonNode.class);
        List<JsonNode> out = new ArrayList<>();
        listed.forEach(out::add);
        return out;
    }

    private static List<UUID> ids(Iterable<JsonNode> listed) {
        List<UUID> out = new ArrayList<>();
        listed.forEach(a -> out.add(UUID.fromString(a.path("alertId").asText())));
        return out;
    }

    private void putCourse(String patient) {
        given().header("Authorization", tokens.bearer("order-system", "integration")).contentType(ContentType.JSON).body("""
                {"courseId": "course-%s", "patientId": "%s", "regimen": "HAIC-FOLFOX + lenvatinib + sintilimab",
                 "bodyWeightKg": 55, "hccLiverInvolvement": true,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"}],
                 "drugs": [{"drug": "haic-folfox", "doseLevel": 0}, {"drug": "lenvatinib", "doseLevel": 0},
                           {"drug": "sintilimab", "doseLevel": 0}]}
                """.formatted(patient, patient)).put("/treatment-courses/course-" + patient).then().statusCode(200);
    }
}
