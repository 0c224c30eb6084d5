package org.toxwatch.advisor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.toxwatch.testsupport.kafka.TopicRecorder.header;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.toxwatch.advisor.alerting.AssessedEvent;
import org.toxwatch.advisor.alerting.DoseAlert;
import org.toxwatch.advisor.alerting.DoseAlertRecord;
import org.toxwatch.contracts.AsyncApiDocument;
import org.toxwatch.contracts.ContractSchemas;
import org.toxwatch.testsupport.kafka.KafkaTestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Raises alerts the way the assessment does (one transaction: assessed event, alert, OPENED; then publish), reads
 * their stored transitions straight from PostgreSQL, and compares them with what reached Kafka.
 */
final class AlertFixtures {

    static final String LIFECYCLE = "dose.alerts.lifecycle.v1";
    static final String ALERTS = "dose.alerts.v1";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final ContractSchemas SCHEMAS = ContractSchemas.load();

    /** The state machine of the brief, written out independently of the production table. */
    static final Map<Transition, Set<AlertState>> LEGAL_FROM = Map.of(
            Transition.WORSENED, EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED),
            Transition.ESCALATED, EnumSet.of(AlertState.OPEN),
            Transition.ACKNOWLEDGED, EnumSet.of(AlertState.OPEN),
            Transition.RESOLVED, EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED),
            Transition.OVERRIDDEN, EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED),
            Transition.RETRACTED, EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED, AlertState.RESOLVED,
                    AlertState.OVERRIDDEN));
    static final Map<Transition, AlertState> TARGET = Map.of(
            Transition.OPENED, AlertState.OPEN, Transition.WORSENED, AlertState.OPEN,
            Transition.ESCALATED, AlertState.OPEN, Transition.ACKNOWLEDGED, AlertState.ACKNOWLEDGED,
            Transition.RESOLVED, AlertState.RESOLVED, Transition.OVERRIDDEN, AlertState.OVERRIDDEN,
            Transition.RETRACTED, AlertState.RETRACTED);

    /** One stored transition, as the database has it. */
    record Stored(int sequence, Transition transition, AlertState fromState, AlertState toState, String actor,
            String reason, Instant at, int revision, int escalationLevel, Instant acknowledgeDeadline,
            UUID lifecycleEventId, String event) {
    }

    private final AlertLifecycle lifecycle;
    private final ObjectMapper json;
    private final Pool database;
    private final KafkaTestClient kafka;

    AlertFixtures(AlertLifecycle lifecycle, ObjectMapper json, Pool database, KafkaTestClient kafka) {
        this.lifecycle = lifecycle;
        this.json = json;
        this.database = database;
        this.kafka = kafka;
    }

    /** Runs reactive (Hibernate Reactive) work on a Vert.x context and waits for it. */
    static <T> T run(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    UUID raise(String patient, String term, String drug) {
        return raise(patient, term, drug, 3);
    }

    /** A DOSE_HOLD alert for {@code drug}, triggered by {@code term} at {@code grade}; returns its id once published. */
    UUID raise(String patient, String term, String drug, int grade) {
        return raise(patient, term, drug, grade, true);
    }

    /**
     * The same alert committed but never published: what the database holds when the service dies between the commit
     * and the publish.
     */
    UUID raiseAndCrashBeforePublishing(String patient, String term, String drug) {
        return raise(patient, term, drug, 3, false);
    }

    private UUID raise(String patient, String term, String drug, int grade, boolean publish) {
        UUID eventId = UUID.randomUUID();
        DoseAlert content = content(UUID.randomUUID(), eventId, patient, term, drug, grade, DoseAlert.AlertType.DOSE_HOLD);
        AssessedEvent assessed = new AssessedEvent();
        assessed.eventId = eventId;
        assessed.patientId = patient;
        assessed.courseId = content.courseId();
        assessed.outcome = AssessedEvent.Outcome.ALERTED;
        assessed.assessedAt = Instant.now();
        DoseAlertRecord row = new DoseAlertRecord();
        row.alertId = content.alertId();
        row.eventId = eventId;
        row.patientId = patient;
        row.courseId = content.courseId();
        row.drug = drug;
        row.alertType = content.type().name();
        row.ruleId = content.rule().id();
        row.effectiveTime = content.effectiveTime();
        row.alert = write(content);
        if (publish) {
            run(() -> Panache.withTransaction(() -> assessed.persist().chain(() -> lifecycle.opened(row)))
                    .chain(() -> lifecycle.publishCausedBy(eventId)));
        } else {
            run(() -> Panache.withTransaction(() -> assessed.persist().chain(() -> lifecycle.opened(row))));
        }
        return row.alertId;
    }

    /** The assessed event a worse grade comes from, stored as the assessment would before calling worsened(). */
    DoseAlert worseContent(UUID eventId, String patient, String term, String drug, int grade) {
        return content(UUID.randomUUID(), eventId, patient, term, drug, grade, DoseAlert.AlertType.DISCONTINUE);
    }

    static AssessedEvent assessed(UUID eventId, String patient) {
        AssessedEvent assessed = new AssessedEvent();
        assessed.eventId = eventId;
        assessed.patientId = patient;
        assessed.courseId = "course-" + patient;
        assessed.outcome = AssessedEvent.Outcome.ALERTED;
        assessed.assessedAt = Instant.now();
        return assessed;
    }

    private static DoseAlert content(UUID alertId, UUID eventId, String patient, String term, String drug, int grade,
            DoseAlert.AlertType type) {
        boolean discontinue = type == DoseAlert.AlertType.DISCONTINUE;
        return new DoseAlert(alertId, type, patient, "course-" + patient, 2, drug, discontinue ? "DISCONTINUE" : "HOLD",
                new DoseAlert.Rule(drug + "-test-g" + grade, "test rule for grade " + grade, "test source", "protocol",
                        true, 1, null),
                null, null, discontinue ? null : "grade <= 1",
                new DoseAlert.Trigger(eventId, "urn:lab:test|" + eventId, term, "5.0", grade, new BigDecimal("0.4"),
                        "10*9/L", null, null, null, term + " grade " + grade + " (test)"),
                Instant.parse("2026-02-02T07:30:00Z"), (discontinue ? "Stop " : "Hold ") + drug + " (test)", 1, null);
    }

    /** The alert's transitions as stored, in sequence order. */
    List<Stored> stored(UUID alertId) {
        List<Stored> out = new ArrayList<>();
        for (Row r : database.preparedQuery("""
                select sequence, transition, from_state, to_state, actor, reason, at, revision, escalation_level,
                       acknowledge_deadline, lifecycle_event_id, event
                  from dose_advisor.alert_transition where alert_id = $1 order by sequence""")
                .execute(Tuple.of(alertId)).await().indefinitely()) {
            out.add(new Stored(r.getInteger("sequence"), Transition.valueOf(r.getString("transition")),
                    r.getString("from_state") == null ? null : AlertState.valueOf(r.getString("from_state")),
                    AlertState.valueOf(r.getString("to_state")), r.getString("actor"), r.getString("reason"),
                    r.getOffsetDateTime("at").toInstant(), r.getInteger("revision"), r.getInteger("escalation_level"),
                    r.getOffsetDateTime("acknowledge_deadline") == null ? null
                            : r.getOffsetDateTime("acknowledge_deadline").toInstant(),
                    r.getUUID("lifecycle_event_id"), r.getString("event")));
        }
        return out;
    }

    List<Transition> transitions(UUID alertId) {
        return stored(alertId).stream().map(Stored::transition).toList();
    }

    /** The lifecycle records of one alert that reached Kafka, in arrival order. */
    List<ConsumerRecord<String, String>> published(String patient, UUID alertId) {
        return kafka.records(LIFECYCLE, patient).stream()
                .filter(r -> alertId.toString().equals(header(r, "ce_subject")))
                .toList();
    }

    /**
     * What reached Kafka for the alert is exactly what is stored: one record per transition (none missing, none twice),
     * each the stored message under the stored id, valid against the contract, with the contract's CloudEvent headers.
     */
    void assertPublishedExactlyAsStored(String patient, UUID alertId) {
        List<Stored> stored = stored(alertId);
        await().atMost(WAIT).until(() -> published(patient, alertId).size() >= stored.size());
        List<ConsumerRecord<String, String>> records = published(patient, alertId);
        assertThat(records.stream().map(r -> header(r, "ce_id")).toList())
                .as("lifecycle events of %s on Kafka", alertId)
                .containsExactlyInAnyOrderElementsOf(stored.stream().map(s -> s.lifecycleEventId().toString()).toList());
        AsyncApiDocument.Channel channel = AsyncApiDocument.load().channel(LIFECYCLE).orElseThrow();
        for (ConsumerRecord<String, String> record : records) {
            Stored match = stored.stream().filter(s -> s.lifecycleEventId().toString().equals(header(record, "ce_id")))
                    .findFirst().orElseThrow();
            assertThat(record.value()).isEqualTo(match.event());
            assertThat(SCHEMAS.validate("alert-lifecycle-event.v1", record.value())).as(record.value()).isEmpty();
            assertThat(header(record, "ce_type")).isEqualTo(channel.cloudEventType().orElseThrow());
            assertThat(header(record, "ce_source")).isEqualTo(channel.cloudEventSource().orElseThrow());
            JsonNode event = read(record.value());
            assertThat(event.path("eventId").asText()).isEqualTo(header(record, "ce_id"));
            assertThat(event.path("sequence").asInt()).isEqualTo(match.sequence());
            if (!event.path("alert").isNull()) {
                assertThat(SCHEMAS.validate("dose-alert.v1", event.path("alert").toString())).isEmpty();
            }
        }
    }

    /**
     * A legal history: OPENED first, gap-free sequences, each transition from the state the previous one left, and
     * no escalation of an alert that is not OPEN.
     */
    static void assertLegalPath(List<Stored> history) {
        assertThat(history).isNotEmpty();
        assertThat(history.get(0).transition()).isEqualTo(Transition.OPENED);
        AlertState state = null;
        int level = 0;
        for (int i = 0; i < history.size(); i++) {
            Stored step = history.get(i);
            assertThat(step.sequence()).as("sequence of %s", step).isEqualTo(i + 1);
            assertThat(step.fromState()).as("from-state of %s", step).isEqualTo(state);
            if (i > 0) {
                assertThat(LEGAL_FROM.get(step.transition())).as("%s from %s", step.transition(), state).contains(state);
            }
            assertThat(step.toState()).isEqualTo(TARGET.get(step.transition()));
            assertThat(step.escalationLevel()).as("level never goes down").isGreaterThanOrEqualTo(level);
            if (step.transition() == Transition.ESCALATED) {
                assertThat(step.escalationLevel()).isEqualTo(level + 1);
            }
            state = step.toState();
            level = step.escalationLevel();
        }
    }

    JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
