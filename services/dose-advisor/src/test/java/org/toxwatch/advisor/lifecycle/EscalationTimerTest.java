package org.toxwatch.advisor.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.toxwatch.advisor.lifecycle.AlertFixtures.ALERTS;
import static org.toxwatch.advisor.lifecycle.AlertFixtures.LIFECYCLE;
import static org.toxwatch.advisor.lifecycle.AlertFixtures.WAIT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The escalation timer itself, with timers short enough to watch: 2 s, 1 s for febrile neutropenia, checked every
 * second (the scheduler's finest step), at most 3 levels. And the race the conditional updates exist for: people
 * acknowledging many alerts while their deadlines pass.
 */
@QuarkusTest
@TestProfile(EscalationTimerTest.ShortTimers.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class EscalationTimerTest {

    private static final Duration USUAL = Duration.ofSeconds(2);
    private static final Duration FEBRILE = Duration.ofSeconds(1);

    public static class ShortTimers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "toxwatch.alerts.acknowledge-within", "PT2S",
                    "toxwatch.alerts.acknowledge-within-febrile-neutropenia", "PT1S",
                    "toxwatch.alerts.escalation.check-every", "1s",
                    "toxwatch.alerts.escalation.max-level", "3");
        }
    }

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

    @TestHTTPResource("/alerts")
    URI alertsUri;

    private KafkaTestClient kafka;
    private AlertFixtures alerts;
    private TokenIssuer tokens;
    private String viewer;

    @BeforeEach
    void open() {
        kafka = new KafkaTestClient(bootstrap, LIFECYCLE, ALERTS);
        alerts = new AlertFixtures(lifecycle, json, database, kafka);
        tokens = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey));
        viewer = tokens.bearer("viewer-1", "viewer");
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void theTimerEscalatesAnUnacknowledgedAlertOncePerPeriodUpToTheMaximumLevelAndThenLeavesIt() {
        UUID alertId = alerts.raise("p-e-1", "Platelet count decreased", "lenvatinib");

        await().atMost(WAIT).until(() -> levelOf(alertId) == 3);

        List<AlertFixtures.Stored> history = alerts.stored(alertId);
        assertThat(history).extracting(AlertFixtures.Stored::transition).containsExactly(Transition.OPENED,
                Transition.ESCALATED, Transition.ESCALATED, Transition.ESCALATED);
        assertThat(history).extracting(AlertFixtures.Stored::escalationLevel).containsExactly(0, 1, 2, 3);
        assertNeverEarly(history);
        for (AlertFixtures.Stored step : history.subList(0, 3)) {
            assertThat(step.acknowledgeDeadline()).isEqualTo(step.at().plus(USUAL));
        }
        assertThat(history.get(3).acknowledgeDeadline()).as("nothing left to escalate at level 3").isNull();
        assertThat(history.get(3).actor()).isEqualTo(Actor.SYSTEM.id());

        // the timer keeps running (a later alert climbs two levels meanwhile) and leaves the first at the maximum
        UUID later = alerts.raise("p-e-1", "Hypertension", "lenvatinib");
        await().atMost(WAIT).until(() -> levelOf(later) == 3);
        assertThat(alerts.stored(alertId)).hasSize(4);
        assertThat(given().header("Authorization", viewer).get("/alerts/" + alertId).then().extract().as(JsonNode.class)
                .path("state").asText())
                .isEqualTo("OPEN");
        alerts.assertPublishedExactlyAsStored("p-e-1", alertId);
        alerts.assertPublishedExactlyAsStored("p-e-1", later);
    }

    @Test
    void febrileNeutropeniaEscalatesSoonerThanTheDefaultAndNeitherBeforeItsDeadline() {
        // febrile neutropenia raised first, so its deadline is the earlier one however slow the machine is
        UUID febrile = alerts.raise("p-e-2", "Febrile neutropenia", "haic-folfox");
        UUID usual = alerts.raise("p-e-2", "Platelet count decreased", "lenvatinib");
        AlertFixtures.Stored usualOpened = alerts.stored(usual).get(0);
        AlertFixtures.Stored febrileOpened = alerts.stored(febrile).get(0);
        assertThat(usualOpened.acknowledgeDeadline()).isEqualTo(usualOpened.at().plus(USUAL));
        assertThat(febrileOpened.acknowledgeDeadline()).isEqualTo(febrileOpened.at().plus(FEBRILE))
                .isBefore(usualOpened.acknowledgeDeadline());

        await().atMost(WAIT).until(() -> levelOf(usual) >= 1 && levelOf(febrile) >= 1);

        // a run that finds the usual alert overdue finds the febrile one overdue too: never the other way round
        Instant usualEscalated = alerts.stored(usual).get(1).at();
        Instant febrileEscalated = alerts.stored(febrile).get(1).at();
        assertThat(febrileEscalated).isBeforeOrEqualTo(usualEscalated);
        assertNeverEarly(alerts.stored(usual));
        assertNeverEarly(alerts.stored(febrile));
    }

    /**
     * 40 alerts whose deadlines pass while four threads acknowledge them, spread over twice the acknowledge period, and
     * while a fifth thread escalates as fast as it can next to the scheduler. Each alert must end with a legal history:
     * exactly one ACKNOWLEDGED, last, no escalation after it; and Kafka must carry exactly the stored transitions.
     */
    @Test
    void acknowledgementsRacingEscalationOnFortyAlertsLeaveALegalHistoryAndKafkaEqualToTheDatabase() throws Exception {
        List<UUID> ids = new ArrayList<>();
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String patient = "p-c-" + (i % 8);
            patients.add(patient);
            ids.add(alerts.raise(patient, i % 5 == 0 ? "Febrile neutropenia" : "Platelet count decreased",
                    i % 5 == 0 ? "haic-folfox" : "lenvatinib"));
        }
        HttpClient http = HttpClient.newHttpClient();
        ScheduledExecutorService nurses = Executors.newScheduledThreadPool(4);
        AtomicBoolean acknowledging = new AtomicBoolean(true);
        AtomicInteger hammered = new AtomicInteger();
        CompletableFuture<Void> hammer = CompletableFuture.runAsync(() -> {
            while (acknowledging.get()) {
                AlertFixtures.run(() -> lifecycle.escalateOverdue(Instant.now()));
                hammered.incrementAndGet();
            }
        });
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < ids.size(); i++) {
                UUID alertId = ids.get(i);
                String nurse = tokens.bearer("nurse-" + (i % 4), "nurse");
                CompletableFuture<HttpResponse<String>> answer = new CompletableFuture<>();
                // spread over 0-4 s: some before the first deadline, some after one or more escalations
                nurses.schedule(() -> {
                    try {
                        answer.complete(http.send(HttpRequest.newBuilder(alertsUri.resolve("/alerts/" + alertId + "/acknowledge"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", nurse)
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(), HttpResponse.BodyHandlers.ofString()));
                    } catch (Exception e) {
                        answer.completeExceptionally(e);
                    }
                }, 100L * i, TimeUnit.MILLISECONDS);
                answers.add(answer);
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            acknowledging.set(false);
            nurses.shutdownNow();
        }
        hammer.get(60, TimeUnit.SECONDS);

        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
        }
        int escalatedFirst = 0;
        for (UUID alertId : ids) {
            List<AlertFixtures.Stored> history = alerts.stored(alertId);
            AlertFixtures.assertLegalPath(history);
            assertNeverEarly(history);
            assertThat(history).filteredOn(s -> s.transition() == Transition.ACKNOWLEDGED).hasSize(1);
            assertThat(history.get(history.size() - 1).transition()).as("nothing after the acknowledgement")
                    .isEqualTo(Transition.ACKNOWLEDGED);
            assertThat(history.get(history.size() - 1).acknowledgeDeadline()).isNull();
            escalatedFirst += history.stream().anyMatch(s -> s.transition() == Transition.ESCALATED) ? 1 : 0;
        }
        assertThat(escalatedFirst).as("alerts escalated before their acknowledgement (the race happened)").isPositive();
        assertThat(hammered.get()).isPositive();
        for (int i = 0; i < ids.size(); i++) {
            alerts.assertPublishedExactlyAsStored(patients.get(i), ids.get(i));
        }
        // once acknowledged, the timer has nothing more to do with them
        AlertFixtures.run(() -> lifecycle.escalateOverdue(Instant.now().plus(Duration.ofDays(1))));
        for (UUID alertId : ids) {
            assertThat(alerts.stored(alertId).get(alerts.stored(alertId).size() - 1).transition())
                    .isEqualTo(Transition.ACKNOWLEDGED);
        }
    }

    /** No escalation before the deadline the previous step set. */
    private static void assertNeverEarly(List<AlertFixtures.Stored> history) {
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i).transition() == Transition.ESCALATED) {
                assertThat(history.get(i).at()).as("escalation %d", i)
                        .isAfterOrEqualTo(history.get(i - 1).acknowledgeDeadline());
            }
        }
    }

    private int levelOf(UUID alertId) {
        return given().header("Authorization", viewer).get("/alerts/" + alertId).then().statusCode(200).extract()
                .as(JsonNode.class)
                .path("escalationLevel").asInt();
    }
}
