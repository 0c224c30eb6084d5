package org.toxwatch.dashboard.alerts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.toxwatch.dashboard.readmodel.Fields;
import org.toxwatch.dashboard.readmodel.RecordChecks;
import org.toxwatch.dashboard.readmodel.SkippedRecords;
import org.toxwatch.dashboard.readmodel.Sql;
import org.toxwatch.dashboard.readmodel.UnreadableRecord;
import org.toxwatch.resilience.retry.OutageRetries;
import org.toxwatch.resilience.retry.RetryThroughOutage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * dose.alerts.v1 and dose.alerts.lifecycle.v1 into the alert read model. Either may come first for an alert, and a
 * lifecycle event may overtake an earlier one: content keeps its highest revision, the lifecycle its highest sequence.
 * A redelivered record changes nothing and so takes no new position. A record that fails because the database is
 * unreachable is retried until it is stored (readiness reports the database meanwhile), never skipped; one the read
 * model cannot take (unreadable, beyond its bounds, or failing for another reason) is skipped, counted and kept
 * ({@link SkippedRecords}), so the board never stalls on it.
 */
@ApplicationScoped
public class AlertRecords {

    private final ObjectMapper json;
    private final AlertReadModel alerts;
    private final SkippedRecords skipped;
    private final RetryThroughOutage alertOutages;
    private final RetryThroughOutage lifecycleOutages;

    public AlertRecords(ObjectMapper json, AlertReadModel alerts, SkippedRecords skipped, OutageRetries retries) {
        this.alertOutages = retries.forChannel("dose-alerts");
        this.lifecycleOutages = retries.forChannel("alert-lifecycle");
        this.json = json;
        this.alerts = alerts;
        this.skipped = skipped;
    }

    @Incoming("dose-alerts")
    public Uni<Void> onDoseAlert(ConsumerRecord<String, String> record) {
        UUID alertId;
        JsonNode content;
        try {
            RecordChecks.size(record.value());
            Fields alert = Fields.parse(json, record.value(), "dose-alert.v1");
            alertId = alert.requiredUuid("alertId");
            alert.requiredText("patientId");
            alert.requiredText("type");
            RecordChecks.alertContent(alert, Instant.now());
            content = alert.node();
        } catch (UnreadableRecord e) {
            return skipped.skip(record, e);
        }
        Instant seenAt = Instant.ofEpochMilli(record.timestamp());
        return alertOutages.run(() -> alerts.apply(alertId,
                        current -> current.map(alert -> alert.withContent(content, seenAt))
                                .orElseGet(() -> Optional.of(TrackedAlert.fromContent(alertId, content, seenAt))),
                        conn -> Uni.createFrom().voidItem()))
                .invoke(card -> {
                    if (card.isEmpty()) {
                        skipped.unchanged(record.topic());
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> skipped.failed(record, failure));
    }

    @Incoming("alert-lifecycle")
    public Uni<Void> onLifecycleEvent(ConsumerRecord<String, String> record) {
        Transition transition;
        String patientId;
        String courseId;
        String drug;
        String alertType;
        JsonNode carried;
        try {
            RecordChecks.size(record.value());
            Fields event = Fields.parse(json, record.value(), "alert-lifecycle-event.v1");
            RecordChecks.lifecycle(event, Instant.now());
            transition = new Transition(event.requiredUuid("alertId"), event.requiredInteger("sequence"),
                    event.requiredText("transition"), event.text("fromState"), event.requiredText("toState"),
                    event.requiredText("actor"), event.text("reason"), event.requiredInstant("at"),
                    event.integer("revision"), escalationLevel(event));
            if (transition.sequence() < 1) {
                throw new UnreadableRecord("INVALID_FIELD", "sequence starts at 1: " + transition.sequence());
            }
            patientId = event.requiredText("patientId");
            courseId = event.text("courseId");
            drug = event.text("drug");
            alertType = event.text("alertType");
            carried = event.present("alert") ? event.node().get("alert") : null;
            if (carried != null && (!carried.isObject() || Fields.of(carried).text("patientId") == null)) {
                throw new UnreadableRecord("INVALID_FIELD", "alert is not a dose-alert.v1 message");
            }
            if (carried != null) {
                RecordChecks.alertContent(Fields.of(carried), Instant.now());
            }
        } catch (UnreadableRecord e) {
            return skipped.skip(record, e);
        }
        return lifecycleOutages.run(() -> alerts.apply(transition.alertId(),
                        current -> {
                            TrackedAlert alert = current.orElseGet(() -> TrackedAlert.fromLifecycle(
                                    transition.alertId(), patientId, courseId, drug, alertType));
                            Optional<TrackedAlert> next = alert.withLifecycle(transition, carried);
                            // a first lifecycle event is a change even when it says what the default already does
                            return current.isEmpty() ? next.or(() -> Optional.of(alert)) : next;
                        },
                        conn -> conn.preparedQuery("""
                                INSERT INTO ward_dashboard.alert_transition (alert_id, sequence, transition, from_state,
                                    to_state, actor, reason, at, revision, escalation_level)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                                ON CONFLICT (alert_id, sequence) DO NOTHING
                                """).execute(Tuple.tuple().addUUID(transition.alertId())
                                .addInteger(transition.sequence()).addString(transition.transition())
                                .addString(transition.fromState()).addString(transition.toState())
                                .addString(transition.actor()).addString(transition.reason())
                                .addOffsetDateTime(Sql.time(transition.at()))
                                .addInteger(transition.revision()).addInteger(transition.escalationLevel()))
                                .invoke(rows -> {
                                    if (rows.rowCount() == 0) {
                                        // a transition already known: nothing new
                                        skipped.unchanged(record.topic());
                                    }
                                })
                                .replaceWithVoid()))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> skipped.failed(record, failure));
    }

    private static int escalationLevel(Fields event) {
        Integer level = event.integer("escalationLevel");
        return level == null ? 0 : level;
    }
}
