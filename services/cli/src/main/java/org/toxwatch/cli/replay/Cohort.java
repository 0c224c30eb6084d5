package org.toxwatch.cli.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The courses and graded events to replay, and where they came from. A course listed twice counts in its last version
 * (as on the compacted course topic); an event delivered twice counts once (as in the advisor, which absorbs a
 * redelivered event id).
 */
final class Cohort {

    private final String source;
    private final Map<String, CohortCourse> courses = new LinkedHashMap<>();
    private final Map<String, List<CohortEvent>> eventsByCourse = new LinkedHashMap<>();
    private int events;
    private int redelivered;
    private int withoutCourse;

    Cohort(String source, List<CohortCourse> courses, List<CohortEvent> events) {
        this.source = source;
        courses.forEach(course -> this.courses.put(course.courseId(), course));
        var seen = new HashSet<String>();
        for (CohortEvent event : events) {
            // a retraction may re-publish the event id it withdraws: that is a new message, not a redelivery
            if (!seen.add(event.eventId() + (event.retraction() ? "|retracted" : ""))) {
                redelivered++;
                continue;
            }
            this.events++;
            if (event.courseId() == null || !this.courses.containsKey(event.courseId())) {
                withoutCourse++;
                continue;
            }
            eventsByCourse.computeIfAbsent(event.courseId(), id -> new ArrayList<>()).add(event);
        }
        eventsByCourse.replaceAll((courseId, list) -> inReplayOrder(list));
    }

    String source() {
        return source;
    }

    List<CohortCourse> courses() {
        return List.copyOf(courses.values());
    }

    /** The course's events in the order they are replayed (see {@link #inReplayOrder}). */
    List<CohortEvent> eventsOf(String courseId) {
        return eventsByCourse.getOrDefault(courseId, List.of());
    }

    /** Distinct events read (redeliveries not counted). */
    int eventCount() {
        return events;
    }

    int redeliveredCount() {
        return redelivered;
    }

    /** Events whose course is not known (none named, or not among the courses): not replayed, as the advisor cannot. */
    int withoutCourseCount() {
        return withoutCourse;
    }

    /**
     * Event time first (effective time, then event id), as the rules read time. A correction or retraction carries
     * the sample time of the result it replaces, so at the same time it goes after the event it replaces, whatever
     * the ids.
     */
    static List<CohortEvent> inReplayOrder(List<CohortEvent> events) {
        var byId = new HashMap<UUID, CohortEvent>();
        events.stream().filter(e -> !e.retraction()).forEach(e -> byId.putIfAbsent(e.eventId(), e));
        var depth = new HashMap<CohortEvent, Integer>();
        for (CohortEvent event : events) {
            depth.put(event, replacements(event, byId));
        }
        return events.stream()
                .sorted(Comparator.comparing(CohortEvent::effectiveTime)
                        .thenComparing(depth::get)
                        .thenComparing(e -> e.eventId().toString()))
                .toList();
    }

    /** How many events this one stands on top of through {@code supersedes}. */
    private static int replacements(CohortEvent event, Map<UUID, CohortEvent> byId) {
        int depth = event.retraction() && event.supersedes() == null ? 1 : 0;
        Set<UUID> visited = new HashSet<>();
        CohortEvent current = event;
        while (current.supersedes() != null && visited.add(current.eventId())) {
            depth++;
            current = byId.get(current.supersedes());
            if (current == null) {
                break;
            }
        }
        return depth;
    }
}
