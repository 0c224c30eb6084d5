package org.toxwatch.advisor.lifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.toxwatch.advisor.alerting.DoseAlert;
import org.toxwatch.advisor.alerting.DoseAlertRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every change of a dose alert's state, revision, escalation level or deadline goes through here, as a conditional
 * update on the alert's state and version followed by one appended {@link AlertTransitionRecord}. Whoever loses a race
 * changes nothing: a person gets a {@link TransitionRefused} (409), the timer skips the alert.
 *
 * <p>Two kinds of callers:
 * <ul>
 * <li>the assessment of a graded event calls {@link #opened}, {@link #worsened} and {@link #retract} inside its own
 * transaction (they join it) and, after its commit, publishes with {@link #publishCausedBy} or
 * {@link LifecyclePublisher#publish(AlertTransitionRecord)};</li>
 * <li>people (through the REST API) and the escalation timer call {@link #acknowledge}, {@link #override},
 * {@link #resolve} and {@link #escalateOverdue} outside any transaction; these commit, then publish.</li>
 * </ul>
 * Transition times come from the machine clock: they record when people and timers acted, not clinical event time.
 */
@ApplicationScoped
public class AlertLifecycle {

    /** Tries when the alert moved between our read and our conditional update (the timer escalated it, say). */
    private static final int ATTEMPTS = 5;
    /** Overdue alerts escalated per timer run; the next run takes the rest. */
    private static final int ESCALATION_BATCH = 200;

    private static final String CURRENT = """
            select a.alertId, a.patientId, a.courseId, a.state, a.version, a.revision, a.escalationLevel,
                   a.acknowledgeWithinMs, a.acknowledgeDeadline, a.alert, a.drug, a.alertType, a.ruleId, a.effectiveTime
              from DoseAlertRecord a where a.alertId = :alertId""";

    private static final String CONDITIONAL_UPDATE = """
            update DoseAlertRecord a
               set a.state = :state, a.version = :version, a.revision = :revision, a.escalationLevel = :level,
                   a.acknowledgeWithinMs = :within, a.acknowledgeDeadline = :deadline, a.updatedAt = :at,
                   a.alert = :content, a.drug = :drug, a.alertType = :alertType, a.ruleId = :ruleId,
                   a.effectiveTime = :effectiveTime
             where a.alertId = :alertId and a.state = :fromState and a.version = :fromVersion""";

    private static final String OVERDUE = """
            select a.alertId from DoseAlertRecord a
             where a.state = :open and a.acknowledgeDeadline <= :now and a.escalationLevel < :maxLevel
             order by a.acknowledgeDeadline""";

    private final AlertTimers timers;
    private final ObjectMapper json;
    private final LifecyclePublisher publisher;
    private final MeterRegistry registry;

    public AlertLifecycle(AlertTimers timers, ObjectMapper json, LifecyclePublisher publisher, MeterRegistry registry) {
        this.timers = timers;
        this.json = json;
        this.publisher = publisher;
        this.registry = registry;
    }

    /**
     * An alert as committed: its identity, and the lifecycle columns a transition reads and its conditional update
     * writes. Read by a projection query, never from the session's cached entity, which may be older.
     */
    private record Snapshot(UUID alertId, String patientId, String courseId, AlertState state, int version,
            int revision, int escalationLevel, long acknowledgeWithinMs, Instant acknowledgeDeadline, String content,
            String drug, String alertType, String ruleId, Instant effectiveTime) {

        static Snapshot of(DoseAlertRecord row) {
            return new Snapshot(row.alertId, row.patientId, row.courseId, row.state, row.version, row.revision,
                    row.escalationLevel, row.acknowledgeWithinMs, row.acknowledgeDeadline, row.alert, row.drug,
                    row.alertType, row.ruleId, row.effectiveTime);
        }

        static Snapshot of(Object[] columns) {
            return new Snapshot((UUID) columns[0], (String) columns[1], (String) columns[2], (AlertState) columns[3],
                    (Integer) columns[4], (Integer) columns[5], (Integer) columns[6], (Long) columns[7],
                    (Instant) columns[8], (String) columns[9], (String) columns[10], (String) columns[11],
                    (String) columns[12], (Instant) columns[13]);
        }

        Snapshot moved(AlertState to, int level, Instant deadline) {
            return new Snapshot(alertId, patientId, courseId, to, version + 1, revision, level, acknowledgeWithinMs,
                    deadline, content, drug, alertType, ruleId, effectiveTime);
        }

        Snapshot revised(int toRevision, long withinMs, Instant deadline, String newContent, String newDrug,
                String newAlertType, String newRuleId, Instant newEffectiveTime) {
            return new Snapshot(alertId, patientId, courseId, AlertState.OPEN, version + 1, toRevision, escalationLevel,
                    withinMs, deadline, newContent, newDrug, newAlertType, newRuleId, newEffectiveTime);
        }
    }

    /** What a transition makes of the alert it found, or a {@link TransitionRefused} when it does not apply. */
    @FunctionalInterface
    private interface Step {
        Snapshot next(Snapshot before);
    }

    // --- called by the assessment, inside its transaction ------------------------------------------------------------

    /**
     * A newly raised alert: stored OPEN with the acknowledge deadline for its trigger (shorter for febrile neutropenia),
     * together with its OPENED transition. Joins the caller's transaction.
     */
    public Uni<AlertTransitionRecord> opened(DoseAlertRecord alert) {
        Instant at = now();
        Duration within = timers.acknowledgeWithin(read(alert.alert).path("trigger").path("term").asText(null));
        alert.state = AlertState.OPEN;
        alert.revision = 1;
        alert.version = 1;
        alert.escalationLevel = 0;
        alert.acknowledgeWithinMs = within.toMillis();
        alert.acknowledgeDeadline = deadline(at, within, 0);
        alert.openedAt = at;
        alert.updatedAt = at;
        AlertTransitionRecord opened = transition(Snapshot.of(alert), Transition.OPENED, null, Actor.SYSTEM, null, at,
                alert.eventId);
        return Panache.withTransaction(() -> alert.persist().chain(opened::persist)).replaceWith(opened);
    }

    /**
     * A worse grade for the condition of an OPEN or ACKNOWLEDGED alert: the content is replaced (same alert id, next
     * revision), the alert is OPEN again with a fresh deadline for the new trigger, and its escalation level is kept (a
     * worse grade never makes an alert less urgent). Joins the caller's transaction; the caller publishes after commit
     * ({@link #publishCausedBy} with the new trigger's event id), which also re-publishes the content on
     * dose.alerts.v1. A RESOLVED, OVERRIDDEN or RETRACTED alert is refused: the caller raises a new one.
     */
    public Uni<AlertTransitionRecord> worsened(UUID alertId, DoseAlert newContent) {
        Objects.requireNonNull(newContent, "newContent");
        Instant at = now();
        UUID cause = newContent.trigger() == null ? null : newContent.trigger().eventId();
        return change(alertId, Transition.WORSENED, Actor.SYSTEM, null, cause, at, before -> {
            if (!before.patientId().equals(newContent.patientId()) || !before.drug().equals(newContent.drug())) {
                throw new IllegalArgumentException("alert " + alertId + " is for " + before.patientId() + "/"
                        + before.drug() + ", the new content for " + newContent.patientId() + "/" + newContent.drug());
            }
            DoseAlert revised = newContent.revised(alertId, before.revision() + 1);
            Duration within = timers.acknowledgeWithin(revised.trigger() == null ? null : revised.trigger().term());
            return before.revised(revised.revision(), within.toMillis(), deadline(at, within, before.escalationLevel()),
                    write(revised), revised.drug(), revised.type().name(), revised.rule().id(), revised.effectiveTime());
        });
    }

    /**
     * The result behind the alert was corrected or entered in error. Allowed from every state but RETRACTED; retracting
     * a RETRACTED alert again returns its RETRACTED transition unchanged, so a redelivered correction re-publishes the
     * same event. Joins the caller's transaction; the caller publishes after commit.
     */
    public Uni<AlertTransitionRecord> retract(UUID alertId, String reason) {
        return retract(alertId, reason, null);
    }

    /** {@link #retract(UUID, String)} caused by graded event {@code cause}, so {@link #publishCausedBy} publishes it. */
    public Uni<AlertTransitionRecord> retract(UUID alertId, String reason, UUID cause) {
        String why = requireReason(reason, "a retraction");
        Instant at = now();
        return Panache.withTransaction(() -> attempt(alertId, Transition.RETRACTED, Actor.SYSTEM, why, cause, at,
                before -> before.moved(AlertState.RETRACTED, before.escalationLevel(), null), 1)
                .onFailure(TransitionRefused.class).recoverWithUni(refused -> {
                    if (((TransitionRefused) refused).state() != AlertState.RETRACTED) {
                        return Uni.createFrom().failure(refused);
                    }
                    return AlertTransitionRecord.<AlertTransitionRecord>find(
                            "alertId = ?1 and transition = ?2", alertId, Transition.RETRACTED).firstResult();
                }));
    }

    /**
     * OPEN or ACKNOWLEDGED → RESOLVED by ToxWatch itself (the labs a labs-required notice asked for arrived), caused by
     * graded event {@code cause}. Joins the caller's transaction; a notice a person already closed stays as it is.
     */
    public Uni<AlertTransitionRecord> resolvedBySystem(UUID alertId, String reason, UUID cause) {
        String why = requireReason(reason, "a resolution by the system");
        Instant at = now();
        return Panache.withTransaction(() -> attempt(alertId, Transition.RESOLVED, Actor.SYSTEM, why, cause, at,
                before -> before.moved(AlertState.RESOLVED, before.escalationLevel(), null), 1))
                .onFailure(TransitionRefused.class).recoverWithNull();
    }

    /** Publishes, after the assessment's commit, every transition a graded event caused; a redelivery repeats the ids. */
    public Uni<Void> publishCausedBy(UUID gradedEventId) {
        return Panache.withSession(() -> AlertTransitionRecord.causedBy(gradedEventId))
                .chain(publisher::publish);
    }

    // --- called by people and the timer, each in a transaction of its own, published after commit -------------------

    /**
     * OPEN → ACKNOWLEDGED; the deadline goes. {@code seenRevision} (optional) is the content revision the person read:
     * when a worse grade has replaced it since, the acknowledgement is refused rather than applied to unseen content.
     */
    public Uni<AlertTransitionRecord> acknowledge(UUID alertId, Actor actor, Integer seenRevision) {
        return byPerson(alertId, Transition.ACKNOWLEDGED, actor, null, seenRevision);
    }

    /** OPEN or ACKNOWLEDGED → OVERRIDDEN: the ward decides against the advice, and says why. */
    public Uni<AlertTransitionRecord> override(UUID alertId, Actor actor, String reason, Integer seenRevision) {
        return byPerson(alertId, Transition.OVERRIDDEN, actor, requireReason(reason, "an override"), seenRevision);
    }

    /** OPEN or ACKNOWLEDGED → RESOLVED: the advice was acted on; the reason is optional. */
    public Uni<AlertTransitionRecord> resolve(UUID alertId, Actor actor, String reason, Integer seenRevision) {
        return byPerson(alertId, Transition.RESOLVED, actor, reason == null || reason.isBlank() ? null : reason.strip(),
                seenRevision);
    }

    /**
     * Every OPEN alert whose deadline is at or before {@code now} and whose level is below the maximum goes one level
     * up, with its next deadline {@code now} + its acknowledge period (none at the maximum level). Each alert is its own
     * transaction, published after its commit; an alert acknowledged meanwhile is skipped.
     */
    public Uni<List<AlertTransitionRecord>> escalateOverdue(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        int maxLevel = timers.escalation().maxLevel();
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createSelectionQuery(OVERDUE, UUID.class)
                        .setParameter("open", AlertState.OPEN)
                        .setParameter("now", at)
                        .setParameter("maxLevel", maxLevel)
                        .setMaxResults(ESCALATION_BATCH)
                        .getResultList()))
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(alertId -> escalate(alertId, at, maxLevel))
                .filter(Objects::nonNull)
                .collect().asList();
    }

    private Uni<AlertTransitionRecord> escalate(UUID alertId, Instant at, int maxLevel) {
        return change(alertId, Transition.ESCALATED, Actor.SYSTEM, null, null, at, before -> {
            if (before.acknowledgeDeadline() == null || before.acknowledgeDeadline().isAfter(at)
                    || before.escalationLevel() >= maxLevel) {
                throw refused(before, "alert " + alertId + " is not overdue");
            }
            int level = before.escalationLevel() + 1;
            return before.moved(AlertState.OPEN, level,
                    deadline(at, Duration.ofMillis(before.acknowledgeWithinMs()), level));
        })
                .call(publisher::publish)
                .onFailure(TransitionRefused.class).recoverWithNull();
    }

    private Uni<AlertTransitionRecord> byPerson(UUID alertId, Transition transition, Actor actor, String reason,
            Integer seenRevision) {
        Objects.requireNonNull(actor, "actor");
        return change(alertId, transition, actor, reason, null, now(), before -> {
            if (seenRevision != null && seenRevision != before.revision()) {
                throw refused(before, "alert " + alertId + " is at revision " + before.revision() + ", not " + seenRevision
                        + ": a worse grade replaced its content; read it again");
            }
            return before.moved(transition.to(), before.escalationLevel(), null);
        }).call(publisher::publish);
    }

    // --- the conditional update ---------------------------------------------------------------------------------------

    private Uni<AlertTransitionRecord> change(UUID alertId, Transition transition, Actor actor, String reason,
            UUID cause, Instant at, Step step) {
        return Panache.withTransaction(() -> attempt(alertId, transition, actor, reason, cause, at, step, 1));
    }

    /**
     * Reads the alert as committed now, checks the transition, and writes it only if the alert still has the state and
     * version it was read with. When it has moved (another transaction committed in between) it reads again: the
     * transition may still apply (the timer only raised the level) or no longer (someone else acknowledged first).
     * An alert entity the caller loaded earlier in its session is stale afterwards and must not be modified.
     */
    private Uni<AlertTransitionRecord> attempt(UUID alertId, Transition transition, Actor actor, String reason,
            UUID cause, Instant at, Step step, int attempt) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(CURRENT, Object[].class)
                .setParameter("alertId", alertId)
                .getSingleResultOrNull()
                .chain(columns -> {
                    if (columns == null) {
                        return Uni.createFrom().failure(new UnknownAlert(alertId));
                    }
                    Snapshot before = Snapshot.of(columns);
                    if (!transition.allowedFrom(before.state())) {
                        return Uni.createFrom().failure(refused(before, transition + " is not possible: alert "
                                + alertId + " is " + before.state() + " (allowed from " + transition.from() + ")"));
                    }
                    Snapshot after = step.next(before);
                    return update(session, before, after, at).chain(updated -> {
                        if (updated == 0) {
                            return attempt < ATTEMPTS
                                    ? attempt(alertId, transition, actor, reason, cause, at, step, attempt + 1)
                                    : Uni.createFrom().failure(refused(before, "alert " + alertId
                                            + " kept changing while " + transition + " was tried; read it again"));
                        }
                        AlertTransitionRecord record = transition(after, transition, before.state(), actor, reason,
                                at, cause);
                        registry.counter("toxwatch.alert.transitions", "service", "dose-advisor",
                                "transition", transition.name()).increment();
                        return session.persist(record).replaceWith(record);
                    });
                }));
    }

    private static Uni<Integer> update(Mutiny.Session session, Snapshot before, Snapshot after, Instant at) {
        return session.createMutationQuery(CONDITIONAL_UPDATE)
                .setParameter("state", after.state())
                .setParameter("version", after.version())
                .setParameter("revision", after.revision())
                .setParameter("level", after.escalationLevel())
                .setParameter("within", after.acknowledgeWithinMs())
                .setParameter("deadline", after.acknowledgeDeadline())
                .setParameter("at", at)
                .setParameter("content", after.content())
                .setParameter("drug", after.drug())
                .setParameter("alertType", after.alertType())
                .setParameter("ruleId", after.ruleId())
                .setParameter("effectiveTime", after.effectiveTime())
                .setParameter("alertId", before.alertId())
                .setParameter("fromState", before.state())
                .setParameter("fromVersion", before.version())
                .executeUpdate();
    }

    // --- the stored transition and its event ----------------------------------------------------------------------

    private AlertTransitionRecord transition(Snapshot after, Transition transition, AlertState from, Actor actor,
            String reason, Instant at, UUID cause) {
        UUID eventId = lifecycleEventId(after.alertId(), after.version());
        boolean withContent = transition == Transition.OPENED || transition == Transition.WORSENED;
        LifecycleEvent event = new LifecycleEvent(eventId, after.alertId(), after.version(), after.patientId(),
                after.courseId(), after.drug(), after.alertType(), transition, from, after.state(), actor.id(), reason, at,
                after.revision(), after.escalationLevel(), after.acknowledgeDeadline(),
                withContent ? read(after.content()) : null);
        AlertTransitionRecord record = new AlertTransitionRecord();
        record.lifecycleEventId = eventId;
        record.alertId = after.alertId();
        record.sequence = after.version();
        record.transition = transition;
        record.fromState = from;
        record.toState = after.state();
        record.actor = actor.id();
        record.reason = reason;
        record.at = at;
        record.revision = after.revision();
        record.escalationLevel = after.escalationLevel();
        record.acknowledgeDeadline = after.acknowledgeDeadline();
        record.causeEventId = cause;
        record.event = write(event);
        return record;
    }

    /** Name-based on (alert, sequence): the same transition always has the same id, another transition never does. */
    public static UUID lifecycleEventId(UUID alertId, int sequence) {
        return UUID.nameUUIDFromBytes(("alert-lifecycle|" + alertId + "|" + sequence).getBytes(StandardCharsets.UTF_8));
    }

    private Instant deadline(Instant from, Duration within, int level) {
        // at the top of the escalation chain nothing is left for the timer to do
        return level >= timers.escalation().maxLevel() ? null : from.plus(within);
    }

    private static TransitionRefused refused(Snapshot alert, String message) {
        return new TransitionRefused(alert.alertId(), alert.state(), alert.revision(), message);
    }

    private static String requireReason(String reason, String what) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(what + " needs a reason");
        }
        return reason.strip();
    }

    /** Millisecond precision: what is stored in PostgreSQL and what is published are then the same instant. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private JsonNode read(String content) {
        try {
            return json.readTree(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored dose alert is unreadable", e);
        }
    }

    private String write(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }
}
