package org.toxwatch.advisor.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** That a lifecycle transition reached the broker (table transition_publication): the outbox's "sent" mark. */
@Entity
@Table(name = "transition_publication")
public class TransitionPublication extends PanacheEntityBase {

    @Id
    @Column(name = "lifecycle_event_id")
    public UUID lifecycleEventId;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** Marks the transitions published; a mark already there (the relay and the inline publish both sent) is kept. */
    static Uni<Void> mark(List<AlertTransitionRecord> transitions, Instant at) {
        if (transitions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Multi.createFrom().iterable(transitions)
                .onItem().transformToUniAndConcatenate(t -> Panache.getSession().chain(session -> session
                        .createNativeQuery("INSERT INTO dose_advisor.transition_publication (lifecycle_event_id, published_at)"
                                + " VALUES (?1, ?2) ON CONFLICT (lifecycle_event_id) DO NOTHING")
                        .setParameter(1, t.lifecycleEventId)
                        .setParameter(2, at)
                        .executeUpdate()))
                .collect().last()
                .replaceWithVoid());
    }
}
