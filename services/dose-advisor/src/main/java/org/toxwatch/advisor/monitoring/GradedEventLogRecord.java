package org.toxwatch.advisor.monitoring;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.toxwatch.resilience.batch.InList;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A graded event as received: what the what-if replay re-runs. */
@Entity
@Table(name = "graded_event_log")
public class GradedEventLogRecord extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "course_id")
    public String courseId;

    @Column(name = "effective_time")
    public Instant effectiveTime;

    /** Audit only. */
    @Column(name = "received_at")
    public Instant receivedAt;

    /** The graded-adverse-event.v1 message. */
    public String event;

    /** The event this one supersedes or retracts, if any: how a late arrival is found already withdrawn. */
    public UUID withdraws;

    /** Those of {@code eventIds} that a logged event supersedes or retracts. */
    public static Uni<List<UUID>> withdrawnAmong(List<UUID> eventIds) {
        return Panache.getSession().chain(session -> {
            Map<String, Object> parameters = new HashMap<>();
            var query = session.createSelectionQuery("select distinct l.withdraws from GradedEventLogRecord l"
                    + " where l.withdraws in " + InList.of("event", eventIds, parameters), UUID.class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }
}
