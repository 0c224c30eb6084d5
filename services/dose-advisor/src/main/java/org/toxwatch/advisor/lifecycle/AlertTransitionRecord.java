package org.toxwatch.advisor.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** One row of an alert's append-only history (table alert_transition); only ever inserted. */
@Entity
@Table(name = "alert_transition")
public class AlertTransitionRecord extends PanacheEntityBase {

    /** The CloudEvents id of the lifecycle event: name-based on (alert id, sequence), so a re-publish repeats it. */
    @Id
    @Column(name = "lifecycle_event_id")
    public UUID lifecycleEventId;

    @Column(name = "alert_id")
    public UUID alertId;

    /** 1, 2, 3, ... per alert: the alert's version after this transition. */
    public int sequence;

    @Enumerated(EnumType.STRING)
    public Transition transition;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public AlertState fromState;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public AlertState toState;

    public String actor;

    public String reason;

    public Instant at;

    public int revision;

    @Column(name = "escalation_level")
    public int escalationLevel;

    @Column(name = "acknowledge_deadline")
    public Instant acknowledgeDeadline;

    /** The graded event that opened or worsened the alert; null for people's and timers' transitions. */
    @Column(name = "cause_event_id")
    public UUID causeEventId;

    /** The alert-lifecycle-event.v1 message as published. */
    public String event;

    public static Uni<List<AlertTransitionRecord>> ofAlert(UUID alertId) {
        return list("alertId = ?1 order by sequence", alertId);
    }

    public static Uni<List<AlertTransitionRecord>> causedBy(UUID gradedEventId) {
        return list("causeEventId = ?1 order by alertId, sequence", gradedEventId);
    }

    /**
     * Transitions recorded before {@code recordedBefore} whose publication was never acknowledged, oldest first: what a
     * crash between commit and publish left behind.
     */
    public static Uni<List<AlertTransitionRecord>> unpublished(Instant recordedBefore, int limit) {
        // every name qualified: an unqualified lifecycleEventId inside the subquery binds to p's own column, which
        // turned the check into "no transition at all was ever published"
        return find("from AlertTransitionRecord t where t.at < ?1 and not exists"
                + " (select 1 from TransitionPublication p where p.lifecycleEventId = t.lifecycleEventId)"
                + " order by t.at, t.alertId, t.sequence", recordedBefore).page(0, limit).list();
    }
}
