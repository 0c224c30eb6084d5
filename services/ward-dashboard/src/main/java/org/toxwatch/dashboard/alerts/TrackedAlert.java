package org.toxwatch.dashboard.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.toxwatch.dashboard.readmodel.Fields;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the dashboard knows of one alert: the content of the highest revision seen on dose.alerts.v1 (or carried by an
 * OPENED / WORSENED lifecycle event), and the lifecycle of the highest sequence seen. Records may arrive in any order
 * and more than once; each merge answers the alert as it now stands, or empty when the record changes nothing.
 */
public record TrackedAlert(UUID alertId, String patientId, String courseId, String drug, String alertType,
        JsonNode content, int revision, int lifecycleSequence, String state, int escalationLevel, Instant openedAt,
        Instant updatedAt) {

    static final String OPEN = "OPEN";

    /** Content first seen on dose.alerts.v1: open until a lifecycle event says otherwise. */
    static TrackedAlert fromContent(UUID alertId, JsonNode content, Instant seenAt) {
        Fields alert = Fields.of(content);
        return new TrackedAlert(alertId, alert.requiredText("patientId"), alert.text("courseId"), alert.text("drug"),
                alert.text("type"), content, revisionOf(content), 0, OPEN, 0, seenAt, seenAt);
    }

    /** A lifecycle event for an alert not seen yet. */
    static TrackedAlert fromLifecycle(UUID alertId, String patientId, String courseId, String drug, String alertType) {
        return new TrackedAlert(alertId, patientId, courseId, drug, alertType, null, 0, 0, OPEN, 0, null, null);
    }

    static int revisionOf(JsonNode content) {
        Integer revision = Fields.of(content).integer("revision");
        return revision == null ? 1 : revision;
    }

    /** A newer revision replaces the content; the same or an older one changes nothing. */
    Optional<TrackedAlert> withContent(JsonNode newContent, Instant seenAt) {
        int newRevision = revisionOf(newContent);
        if (content != null && newRevision <= revision) {
            return Optional.empty();
        }
        Fields alert = Fields.of(newContent);
        TrackedAlert next = new TrackedAlert(alertId, patientId, or(alert.text("courseId"), courseId),
                or(alert.text("drug"), drug), or(alert.text("type"), alertType), newContent, newRevision,
                lifecycleSequence, state, escalationLevel, openedAt == null ? seenAt : openedAt,
                // once transitions are known they date the alert (a revision comes with its WORSENED transition);
                // the record's arrival time only stands in until then
                lifecycleSequence > 0 ? updatedAt : latest(updatedAt, seenAt));
        return Optional.of(next);
    }

    /**
     * A lifecycle event: the state and escalation level of the highest sequence win, whatever order events come in;
     * an OPENED event's time is when the alert was opened; content it carries is merged like dose.alerts.v1 content.
     */
    Optional<TrackedAlert> withLifecycle(Transition transition, JsonNode carriedContent) {
        TrackedAlert next = this;
        if (carriedContent != null && !carriedContent.isNull() && carriedContent.isObject()) {
            next = next.withContent(carriedContent, transition.at()).orElse(next);
        }
        if ("OPENED".equals(transition.transition())) {
            next = next.opened(transition.at());
        }
        if (transition.sequence() > next.lifecycleSequence) {
            // the first transition replaces the stand-in time taken from the content record's arrival
            Instant updated = next.lifecycleSequence == 0 ? transition.at() : latest(next.updatedAt, transition.at());
            next = new TrackedAlert(alertId, patientId, next.courseId, next.drug, next.alertType, next.content,
                    next.revision, transition.sequence(), transition.toState(), transition.escalationLevel(),
                    next.openedAt, updated);
        }
        return next.equals(this) ? Optional.empty() : Optional.of(next);
    }

    private TrackedAlert opened(Instant at) {
        if (at == null || at.equals(openedAt)) {
            return this;
        }
        return new TrackedAlert(alertId, patientId, courseId, drug, alertType, content, revision, lifecycleSequence,
                state, escalationLevel, at, updatedAt);
    }

    int severity() {
        return Severity.of(alertType);
    }

    Instant effectiveTime() {
        return content == null ? null : Fields.of(content).instant("effectiveTime");
    }

    AlertCard card(String ward, long seq) {
        Fields alert = Fields.of(content);
        Fields trigger = alert.at("trigger");
        Fields rule = alert.at("rule");
        return new AlertCard(alertId, patientId, courseId, ward, alert.integer("cycleNumber"), drug, alertType,
                alert.text("action"), severity(), state, escalationLevel, revision, trigger.text("term"),
                trigger.integer("grade"), number(trigger), trigger.text("unit"), alert.text("explanation"),
                rule.text("id"), rule.text("source"), rule.bool("verified"), alert.text("resumeWhen"),
                alert.at("recommendedDoseLevel").text("dose"), effectiveTime(), openedAt, updatedAt, seq);
    }

    private static BigDecimal number(Fields trigger) {
        return trigger.node().path("value").isNumber() ? trigger.decimal("value") : null;
    }

    private static String or(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
