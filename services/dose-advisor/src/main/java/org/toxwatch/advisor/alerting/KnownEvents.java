package org.toxwatch.advisor.alerting;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.toxwatch.advisor.course.CourseRecord;
import org.toxwatch.advisor.course.TreatmentCourse;
import org.toxwatch.advisor.monitoring.CourseWatches;
import org.toxwatch.advisor.monitoring.GradedEventLogRecord;
import org.toxwatch.regimens.monitoring.CourseWatch;
import org.toxwatch.resilience.batch.InList;
import org.toxwatch.resilience.batch.InOrder;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What a batch of graded events needs to know about what is stored, read in three queries for the whole batch instead
 * of three per event (their courses, which of them were assessed before, which an event received earlier withdraws;
 * and the courses' watches are locked in a fourth instead of one lock per event),
 * and kept up to date while the batch is assessed in order, so an event sees what the events before it in the batch
 * stored exactly as if it had been read from the database. Each course is read from its JSON once per batch, and its
 * watch loaded once and stored once, not once per event. Lives inside the batch's transaction.
 */
final class KnownEvents {

    private final Map<String, CourseRecord> courses;
    private final Set<UUID> assessed;
    private final Set<UUID> withdrawn;
    /** The courses as read from their JSON, once per batch. */
    private final Map<String, TreatmentCourse> treatments = new HashMap<>();
    /** Each course's watch as the batch's last event left it: loaded once, stored once at the end of the batch. */
    private final Map<String, CourseWatch> watches = new HashMap<>();
    private final Set<String> changedWatches = new LinkedHashSet<>();

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
        Map<String, Object> byCourse = new HashMap<>();
        Uni<Void> readCourses = courseIds.isEmpty() ? Uni.createFrom().voidItem()
                : CourseRecord.<CourseRecord>list("courseId in " + InList.of("course", courseIds, byCourse), byCourse)
                        .invoke(rows -> rows.forEach(row -> courses.put(row.courseId, row))).replaceWithVoid();
        Uni<Void> readAssessed = eventIds.isEmpty() ? Uni.createFrom().voidItem()
                : Panache.getSession().chain(session -> {
                    Map<String, Object> byEvent = new HashMap<>();
                    var query = session.createSelectionQuery("select e.eventId from AssessedEvent e where e.eventId in "
                            + InList.of("event", eventIds, byEvent), UUID.class);
                    byEvent.forEach(query::setParameter);
                    return query.getResultList();
                }).invoke(assessed::addAll).replaceWithVoid();
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

    /** The stored course read from its JSON, once per batch (the batch read the rows up front). */
    TreatmentCourse treatmentOf(CourseRecord row, Function<String, TreatmentCourse> reader) {
        return treatments.computeIfAbsent(row.courseId, id -> reader.apply(row.course));
    }

    /**
     * The course's watch: loaded (and brought up to date with its alerts) for the batch's first event of the course;
     * for the next ones, as the event before left it. The batch holds the watch's lock, so no one else writes it
     * meanwhile.
     */
    Uni<CourseWatch> watchOf(String courseId, Function<String, Uni<CourseWatch>> load) {
        CourseWatch known = watches.get(courseId);
        return known != null ? Uni.createFrom().item(known)
                : load.apply(courseId).invoke(loaded -> watches.put(courseId, loaded));
    }

    /** The watch as an event left it, for the next event of the batch and for {@link #storeWatches}. */
    Uni<Void> keepWatch(String courseId, CourseWatch watch) {
        watches.put(courseId, watch);
        changedWatches.add(courseId);
        return Uni.createFrom().voidItem();
    }

    /** Writes each watch the batch changed, once, inside the batch's transaction. */
    Uni<Void> storeWatches(CourseWatches store) {
        return InOrder.each(List.copyOf(changedWatches), courseId -> store.save(courseId, watches.get(courseId)));
    }

    void markLogged(GradedAdverseEvent event) {
        if (event.withdraws() != null) {
            withdrawn.add(event.withdraws());
        }
    }
}
