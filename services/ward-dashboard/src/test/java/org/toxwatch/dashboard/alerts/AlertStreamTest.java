package org.toxwatch.dashboard.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.toxwatch.dashboard.alerts.AlertBoardTest.WAIT;
import static org.toxwatch.dashboard.support.Messages.ALERTS;
import static org.toxwatch.dashboard.support.Messages.COURSES;
import static org.toxwatch.dashboard.support.Messages.LIFECYCLE;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toxwatch.dashboard.support.AdvisorPeer;
import org.toxwatch.dashboard.support.Messages;
import org.toxwatch.dashboard.support.SseClient;
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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The live stream: after the board's asOf, every change of a ward's cards arrives once and in order, and a client that
 * reconnects with Last-Event-ID in the middle of a burst gets the rest without a gap or a repeat. The changes the
 * stream must carry are read back from the change table, the record of what the read model did.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class,
        initArgs = @ResourceArg(name = KafkaBrokerTestResource.TOPICS_ARG, value = Messages.TOPICS))
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
@WithTestResource(AdvisorPeer.class)
class AlertStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant LAB = Instant.parse("2026-01-26T07:30:00Z");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @TestHTTPResource("/api/alerts/stream")
    URI streamUri;

    @Inject
    Pool database;

    private KafkaTestClient kafka;
    private TokenIssuer tokens;
    private final List<SseClient> streams = new ArrayList<>();

    @BeforeEach
    void open() {
        kafka = new KafkaTestClient(bootstrap, ALERTS);
        tokens = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey));
    }

    @AfterEach
    void close() {
        streams.forEach(SseClient::close);
        kafka.close();
    }

    @Test
    void newAlertsAndTheirLifecycleArriveOnceEachInSequenceOrder() throws Exception {
        String ward = ward("live");
        String patient = "p-live-1";
        course(patient, ward);
        long asOf = asOf(ward);
        SseClient stream = stream(ward, asOf, null);
        assertThat(stream.status()).isEqualTo(200);

        List<ObjectNode> alerts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode alert = AlertBoardTest.alert("DOSE_HOLD", patient, "course-" + patient, LAB.plusSeconds(i));
            alerts.add(alert);
            kafka.send(ALERTS, patient, alert.toString());
            kafka.send(LIFECYCLE, patient, Messages.lifecycle(alert, 1, "OPENED", null, "OPEN",
                    "system:dose-advisor", null, LAB.plusSeconds(60 + i), 0).toString());
        }
        ObjectNode last = alerts.get(2);
        kafka.send(LIFECYCLE, patient, Messages.lifecycle(last, 2, "ACKNOWLEDGED", "OPEN", "ACKNOWLEDGED",
                "nurse-5b-0042", null, LAB.plusSeconds(600), 0).toString());

        await().atMost(WAIT).until(() -> stream.events().stream()
                .anyMatch(e -> e.data().contains(id(last)) && e.data().contains("\"ACKNOWLEDGED\"")));
        List<Change> expected = changes(ward, asOf);
        assertThat(expected).extracting(Change::alertId).containsOnly(id(alerts.get(0)), id(alerts.get(1)), id(last));
        await().atMost(WAIT).until(() -> stream.events().size() >= expected.size());

        assertThat(stream.events()).extracting(SseClient.Event::name).containsOnly("alert");
        assertThat(ids(stream)).as("each change once, in order, nothing else").isEqualTo(seqs(expected));
        for (SseClient.Event event : stream.events()) {
            JsonNode card = JSON.readTree(event.data());
            assertThat(card.path("seq").asText()).isEqualTo(event.id());
            assertThat(card.path("ward").asText()).isEqualTo(ward);
        }
        JsonNode finalCard = JSON.readTree(stream.events().get(stream.events().size() - 1).data());
        assertThat(finalCard.path("alertId").asText()).isEqualTo(id(last));
        assertThat(finalCard.path("state").asText()).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void aClientReconnectingWithLastEventIdInTheMiddleOfABurstGetsTheRestWithoutGapOrRepeat() throws Exception {
        String ward = ward("burst");
        String patient = "p-burst-1";
        course(patient, ward);
        long asOf = asOf(ward);
        SseClient first = stream(ward, asOf, null);
        assertThat(first.status()).isEqualTo(200);

        List<ObjectNode> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ObjectNode alert = AlertBoardTest.alert(i % 2 == 0 ? "DOSE_HOLD" : "DELAY_CYCLE", patient,
                    "course-" + patient, LAB.plusSeconds(i));
            burst.add(alert);
            kafka.send(ALERTS, patient, alert.toString());
            kafka.send(LIFECYCLE, patient, Messages.lifecycle(alert, 1, "OPENED", null, "OPEN",
                    "system:dose-advisor", null, LAB.plusSeconds(60 + i), 0).toString());
        }
        // the tab closes after a few changes, while the rest of the burst is still being read
        await().atMost(WAIT).until(() -> first.events().size() >= 3);
        first.close();
        List<SseClient.Event> before = first.events();
        String lastSeen = before.get(before.size() - 1).id();

        for (ObjectNode alert : burst.subList(0, 4)) {
            kafka.send(LIFECYCLE, patient, Messages.lifecycle(alert, 2, "ACKNOWLEDGED", "OPEN", "ACKNOWLEDGED",
                    "nurse-5b-0042", null, LAB.plusSeconds(900), 0).toString());
        }
        // reconnecting: Last-Event-ID wins over the stale after= the page was first opened with
        SseClient second = stream(ward, asOf, lastSeen);
        assertThat(second.status()).isEqualTo(200);
        ObjectNode late = AlertBoardTest.alert("DISCONTINUE", patient, "course-" + patient, LAB.plusSeconds(3600));
        kafka.send(ALERTS, patient, late.toString());

        await().atMost(WAIT).until(() -> changes(ward, asOf).stream().anyMatch(c -> c.alertId().equals(id(late)))
                && changes(ward, asOf).stream().filter(c -> c.card().contains("\"ACKNOWLEDGED\"")).count() == 4);
        List<Change> expected = changes(ward, asOf);
        await().atMost(WAIT).until(() -> before.size() + second.events().size() >= expected.size());

        List<String> received = new ArrayList<>(ids(before));
        received.addAll(ids(second));
        assertThat(received).as("first stream + resumed stream = every change, once, in order")
                .isEqualTo(seqs(expected));
        assertThat(ids(second).get(0)).isEqualTo(seqs(expected).get(before.size()));
        for (SseClient.Event event : second.events()) {
            Change change = expected.stream().filter(c -> Long.toString(c.seq()).equals(event.id())).findFirst().orElseThrow();
            assertThat(JSON.readTree(event.data())).isEqualTo(JSON.readTree(change.card()));
        }
        assertThat(expected).extracting(Change::alertId).containsAll(burst.stream().map(AlertStreamTest::id).toList());
    }

    @Test
    void anIdleStreamGetsAHeartbeatAndAStreamWithoutAPositionStartsFromNow() throws Exception {
        String ward = ward("idle");
        String patient = "p-idle-1";
        course(patient, ward);
        ObjectNode before = AlertBoardTest.alert("DOSE_HOLD", patient, "course-" + patient, LAB);
        kafka.send(ALERTS, patient, before.toString());
        await().atMost(WAIT).until(() -> !changes(ward, 0).isEmpty());

        SseClient stream = stream(ward, null, null);
        assertThat(stream.status()).isEqualTo(200);
        ObjectNode after = AlertBoardTest.alert("DOSE_REDUCE", patient, "course-" + patient, LAB);
        kafka.send(ALERTS, patient, after.toString());

        await().atMost(WAIT).until(() -> !stream.events().isEmpty());
        assertThat(stream.events()).extracting(e -> JSON.readTree(e.data()).path("alertId").asText())
                .containsExactly(id(after));
        // the test profile beats every second (15 s in production)
        await().atMost(WAIT).until(() -> stream.comments().contains("heartbeat"));

        // a closed tab leaves nothing behind on the server
        streams.forEach(SseClient::close);
        await().atMost(WAIT).until(() -> openStreams() == 0);
    }

    private double openStreams() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("toxwatch_dashboard_streams_open{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private record Change(long seq, String alertId, String card) {
    }

    private List<Change> changes(String ward, long after) {
        List<Change> changes = new ArrayList<>();
        for (Row row : database.preparedQuery("SELECT seq, alert_id, card FROM ward_dashboard.alert_change "
                        + "WHERE ward = $1 AND seq > $2 ORDER BY seq")
                .execute(Tuple.of(ward, after)).await().indefinitely()) {
            changes.add(new Change(row.getLong(0), row.getUUID(1).toString(), row.getString(2)));
        }
        return changes;
    }

    private static List<String> seqs(List<Change> changes) {
        return changes.stream().map(c -> Long.toString(c.seq())).toList();
    }

    private static List<String> ids(SseClient stream) {
        return ids(stream.events());
    }

    private static List<String> ids(List<SseClient.Event> events) {
        return events.stream().map(SseClient.Event::id).toList();
    }

    private SseClient stream(String ward, Long after, String lastEventId) {
        String query = "?ward=" + ward + (after == null ? "" : "&after=" + after);
        SseClient stream = SseClient.open(URI.create(streamUri + query), tokens.bearer("nurse-5b-0042", "nurse"),
                lastEventId);
        streams.add(stream);
        return stream;
    }

    private long asOf(String ward) {
        return given().header("Authorization", tokens.bearer("nurse-5b-0042", "nurse")).queryParam("ward", ward)
                .get("/api/alerts").then().statusCode(200).extract().jsonPath().getLong("asOf");
    }

    private void course(String patientId, String ward) {
        kafka.send(COURSES, patientId, Messages.course("course-" + patientId, patientId, ward,
                List.of(new Messages.Drug("lenvatinib", 0))).toString());
        await().atMost(WAIT).until(() -> given().header("Authorization", tokens.bearer("viewer-1", "viewer"))
                .get("/api/patients/{id}", patientId).then().extract().statusCode() == 200);
    }

    private static String ward(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String id(ObjectNode alert) {
        return alert.path("alertId").asText();
    }
}
