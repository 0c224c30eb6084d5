package org.toxwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo cohort through the packaged services, as the README's demo shows it: p-001's lenvatinib hold followed by a
 * RESUME_ELIGIBLE notice, p-002's repeat ALT absorbed into the open alert, and an alert nobody acknowledges escalating
 * (short timers, as the demo runs them) while acknowledged ones never do.
 */
class DemoScenarioTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALERTS = "dose.alerts.v1";
    private static final String LIFECYCLE = "dose.alerts.lifecycle.v1";

    private static LocalStack stack;
    private static CohortReplay replay;
    private static TopicRecorder tap;
    private static DemoCohort cohort;

    @BeforeAll
    static void replayTheDemoCohort() {
        ProjectLayout layout = ProjectLayout.locate();
        cohort = DemoCohort.load(layout.scenario("courses.json"), layout.scenario("labs.csv"));
        String database = "toxwatch_demo_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        stack = LocalStack.start(layout, database, Map.of(
                "TOXWATCH_ALERTS_ACKNOWLEDGE_WITHIN", "PT8S",
                "TOXWATCH_ALERTS_ESCALATION_CHECK_EVERY", "1s",
                "TOXWATCH_ALERTS_ESCALATION_MAX_LEVEL", "1"));
        stack.dropDatabaseOnClose();
        replay = new CohortReplay(stack);
        tap = new TopicRecorder(stack.bootstrapServers(), List.of("ae.graded.v1", ALERTS, LIFECYCLE), record -> { });
        for (DemoCohort.Course course : cohort.courses()) {
            assertThat(replay.putCourse(course).statusCode()).isEqualTo(200);
        }
        await().atMost(WAIT).until(() -> cohort.courses().stream().allMatch(replay::graderKnows));
        for (LabResultRow row : cohort.labs()) {
            replay.publish(row);
        }
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
            stack.close();
        }
    }

    @Test
    void aHoldIsFollowedByResumeEligibleWhenTheNextCountRecovers() {
        await().atMost(WAIT).until(() -> alerts("p-001").stream().anyMatch(a -> a.path("type").asText().equals("RESUME_ELIGIBLE")));
        JsonNode hold = alerts("p-001").stream()
                .filter(a -> a.path("drug").asText().equals("lenvatinib") && a.path("type").asText().equals("DOSE_HOLD"))
                .findFirst().orElseThrow();
        JsonNode resume = alerts("p-001").stream().filter(a -> a.path("type").asText().equals("RESUME_ELIGIBLE"))
                .findFirst().orElseThrow();

        assertThat(hold.path("trigger").path("grade").asInt()).isEqualTo(3);
        assertThat(resume.path("relatedAlertId").asText()).isEqualTo(hold.path("alertId").asText());
        assertThat(resume.path("trigger").path("grade").asInt()).isEqualTo(2);
        assertThat(resume.path("effectiveTime").asText()).isGreaterThan(hold.path("effectiveTime").asText());
    }

    @Test
    void aRepeatOfAnOpenConditionIsAbsorbedNotPaged() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(
                "select count(*) from dose_advisor.assessed_event where patient_id = 'p-002' and outcome = 'ABSORBED'"))
                .isEqualTo(1));
        // LAB-2009 and LAB-2010 are both grade 3 ALT: one lenvatinib hold, one sintilimab stop, no second page
        assertThat(alerts("p-002").stream().filter(a -> a.path("rule").path("id").asText().equals("lenvatinib-alt-g3-4")))
                .hasSize(1);
    }

    @Test
    void unacknowledgedAlertsEscalateAndAcknowledgedOnesNever() throws Exception {
        // p-003's last lab revises its cycle delay (revision 2): acknowledge after that, so no WORSENED reopens it
        await().atMost(WAIT).until(() -> alerts("p-003").stream().anyMatch(a -> a.path("revision").asInt(1) == 2));
        // through the ward dashboard, as the ward does: it forwards the nurse's own token to the advisor
        for (JsonNode alert : alerts("p-003")) {
            if (alert.path("revision").asInt(1) == 1) {
                assertThat(replay.wardAction(alert.path("alertId").asText(), "acknowledge", "nurse-test", "nurse", "{}")
                        .statusCode()).isEqualTo(200);
            }
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(transitions().stream()
                .filter(t -> t.path("transition").asText().equals("ACKNOWLEDGED")).map(t -> t.path("actor").asText()))
                .as("who acknowledged, from the token").isNotEmpty().containsOnly("nurse-test (nurse)"));

        await().atMost(WAIT).until(() -> transitions().stream()
                .anyMatch(t -> t.path("transition").asText().equals("ESCALATED") && t.path("patientId").asText().equals("p-001")));
        for (JsonNode alert : alerts("p-003")) {
            await().atMost(WAIT).untilAsserted(() -> {
                List<String> history = transitions().stream()
                        .filter(t -> t.path("alertId").asText().equals(alert.path("alertId").asText()))
                        .sorted((a, b) -> Integer.compare(a.path("sequence").asInt(), b.path("sequence").asInt()))
                        .map(t -> t.path("transition").asText()).toList();
                assertThat(history).contains("ACKNOWLEDGED");
                assertThat(history.subList(history.indexOf("ACKNOWLEDGED"), history.size())).doesNotContain("ESCALATED");
            });
        }
        ContractSchemas contracts = ContractSchemas.load();
        for (ConsumerRecord<String, String> record : tap.records(ALERTS)) {
            assertThat(contracts.validate("dose-alert.v1", record.value())).as(record.value()).isEmpty();
        }
        for (ConsumerRecord<String, String> record : tap.records(LIFECYCLE)) {
            assertThat(contracts.validate("alert-lifecycle-event.v1", record.value())).as(record.value()).isEmpty();
        }
    }

    private static List<JsonNode> alerts(String patient) {
        return tap.records(ALERTS, patient).stream().map(r -> read(r.value())).toList();
    }

    private static List<JsonNode> transitions() {
        return tap.records(LIFECYCLE).stream().map(r -> read(r.value())).toList();
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = stack.connectDatabase(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
