package org.toxwatch.advisor.alerting;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.toxwatch.advisor.course.CourseRecord;
import org.toxwatch.advisor.monitoring.CourseWatches;
import org.toxwatch.advisor.monitoring.GradedEventLogRecord;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What a batch of graded events needs to know about what is stored, read in three queries for the whole batch instead
 * of three per event (their courses, which of them were assessed before, which an event received earlier withdraws;
 * and the courses' watches are locked in a fourth instead of one lock per event),
 * and kept up to date while the batch is assessed in order, so an event sees what the events before it in the batch
 * stored exactly as if it had been read from the database. Lives inside the batch's transaction.
 */
final class KnownEvents {

    private final Map<String, CourseRecord> courses;
    private final Set<UUID> assessed;
    private final Set<UUID> withdrawn;

    private KnownEvents(Map<String, CourseRecord> courses, Set<UUID> assessed, Set<UUID> withdrawn) {
        this.courses = courses;
        this.assessed = assessed;
        this.withdrawn = withdrawn;
    }

    static Uni<KnownEvents> of(List<GradedAdverseEvent> events, CourseWatches watches) {
        List<String> courseIds = events.stream().map(GradedAdverseEvent::courseId).filter(Objects::nonNull).distinct()
                .toList();
        List<UUID> eventIds = events.stream().map(GradedAdverseEvent::eventId).distinct().toList();
        Map<String, CourseRecord> courses = new HashMap<>();
        Set<UUID> assessed = new HashSet<>();
        Set<UUID> withdrawn = new HashSet<>();
        Uni<Void> readCourses = courseIds.isEmpty() ? Uni.createFrom().voidItem()
                : CourseRecord.<CourseRecord>list("courseId in ?1", courseIds)
                        .invoke(rows -> rows.forEach(row -> courses.put(row.courseId, row))).replaceWithVoid();
        Uni<Void> readAssessed = eventIds.isEmpty() ? Uni.createFrom().voidItem()
                : Panache.getSession().chain(session -> session
                        .createSelectionQuery("select e.eventId from AssessedEvent e where e.eventId in :ids", UUID.class)
                        .setParameter("ids", eventIds).getResultList())
                        .invoke(assessed::addAll).replaceWithVoid();
        Uni<Void> readWithdrawn = eventIds.isEmpty() ? Uni.createFrom().voidItem()
                : GradedEventLogRecord.withdrawnAmong(eventIds).invoke(withdrawn::addAll).replaceWithVoid();
        // one after another: a session runs one statement at a time
        // the watches of the batch's courses are locked up front, in one statement (the batch holds them until its commit)
        return readCourses.chain(() -> watches.lockAll(courses.keySet().stream().sorted().toList()))
                .chain(() -> readAssessed).chain(() -> readWithdrawn)
                .replaceWith(() -> new KnownEvents(courses, assessed, withdrawn));
    }

    /** The stored course the event names, or null (none named, or not registered). */
    CourseRecord courseOf(GradedAdverseEvent event) {
        return event.courseId() == null ? null : courses.get(event.courseId());
    }

    /** Whether the event was assessed before: in an earlier batch, or earlier in this one. */
    boolean assessed(UUID eventId) {
        return assessed.contains(eventId);
    }

    void markAssessed(UUID eventId) {
        assessed.add(eventId);
    }

    /** Whether an event logged before (in an earlier batch or earlier in this one) supersedes or retracts it. */
    boolean withdrawn(UUID eventId) {
        return withdrawn.contains(eventId);
    }

    void markLogged(GradedAdverseEvent event) {
        if (event.withdraws() != null) {
            withdrawn.add(event.withdraws());
        }
    }
}
