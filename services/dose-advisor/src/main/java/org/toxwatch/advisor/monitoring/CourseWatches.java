package org.toxwatch.advisor.monitoring;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.toxwatch.advisor.lifecycle.AlertState;
import org.toxwatch.regimens.monitoring.CourseWatch;
import org.toxwatch.regimens.monitoring.OpenCondition;
import org.toxwatch.resilience.batch.InList;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Stores each course's CourseWatch. The ward's own decisions live on the alerts, so a loaded watch is brought up to
 * date with them: a condition whose alert a person resolved, or that was retracted, is closed; an overridden one is
 * marked so (it absorbs repeats, but a worse grade opens a new alert).
 */
@ApplicationScoped
public class CourseWatches {

    private static final String STATES = "select a.alertId, a.state from DoseAlertRecord a where a.alertId in ";

    private final ObjectMapper json;

    public CourseWatches(ObjectMapper json) {
        // a watch is read and written whole once per course and batch: absent rather than null, and instants as exact
        // epoch seconds (1767254400.000000000), not ISO text, whose parsing and formatting were 40 % and 26 % of
        // reading and writing a watch in a profile; a watch stored as ISO text still reads
        this.json = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .enable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS);
    }

    /**
     * The course's watch, its row locked until the caller's transaction ends. The watch has more than one writer: the
     * graded-event consumer, and over REST the pre-cycle check and qualifier confirmations. Unlocked, one could save a
     * copy older than another's (a lost "cycle 3 checked"), and the next check would raise an alert that exists
     * already, failing on its id for good (found by the hostile-input suite). An empty watch row is created first if
     * there is none, so the lock always has a row to hold.
     */
    public Uni<CourseWatch> load(String courseId) {
        // most courses have their row: lock it straight away; the first writer of a course inserts it (two first
        // writers cannot both: the insert yields to the other's) and then locks it
        return CourseWatchRecord.<CourseWatchRecord>findById(courseId, LockModeType.PESSIMISTIC_WRITE)
                .chain(found -> found != null ? Uni.createFrom().item(found)
                        : Panache.getSession().chain(session -> session.createNativeQuery("INSERT INTO"
                                + " dose_advisor.course_watch (course_id, watch, updated_at) VALUES (:id, :watch, now())"
                                + " ON CONFLICT (course_id) DO NOTHING")
                                .setParameter("id", courseId).setParameter("watch", write(CourseWatch.empty()))
                                .executeUpdate())
                                .chain(() -> CourseWatchRecord.<CourseWatchRecord>findById(courseId,
                                        LockModeType.PESSIMISTIC_WRITE)))
                .chain(row -> {
            CourseWatch stored = row == null ? CourseWatch.empty() : read(row.watch);
            if (stored.open().isEmpty()) {
                return Uni.createFrom().item(stored);
            }
            List<UUID> ids = stored.open().stream().map(OpenCondition::alertId).toList();
            // a projection, not entities: the lifecycle updates alerts by query, and cached entities would go stale
            return Panache.getSession().chain(session -> {
                Map<String, Object> parameters = new HashMap<>();
                var query = session.createSelectionQuery(STATES + InList.of("alert", ids, parameters), Object[].class);
                parameters.forEach(query::setParameter);
                return query.getResultList();
            })
                    .map(rows -> {
                        Map<UUID, AlertState> states = new HashMap<>();
                        rows.forEach(columns -> states.put((UUID) columns[0], (AlertState) columns[1]));
                        CourseWatch current = stored.without(condition -> {
                            AlertState state = states.get(condition.alertId());
                            return state == AlertState.RESOLVED || state == AlertState.RETRACTED;
                        });
                        for (OpenCondition condition : current.open()) {
                            if (states.get(condition.alertId()) == AlertState.OVERRIDDEN && !condition.overridden()) {
                                current = current.overriding(condition.alertId());
                            }
                        }
                        return current;
                    });
        });
    }

    /**
     * Locks, in one statement and in course order, the stored watches of the courses a batch will load; {@link #load}
     * then finds each locked in the session instead of locking it with a statement of its own. (One order for every
     * batch: two transactions that lock several watches never wait on each other crosswise.)
     */
    public Uni<Void> lockAll(List<String> courseIds) {
        if (courseIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> parameters = new HashMap<>();
        return CourseWatchRecord.<CourseWatchRecord>find("courseId in " + InList.of("course", courseIds, parameters)
                + " order by courseId", parameters).withLock(LockModeType.PESSIMISTIC_WRITE).list().replaceWithVoid();
    }

    public Uni<Void> save(String courseId, CourseWatch watch) {
        String stored = write(watch);
        return CourseWatchRecord.<CourseWatchRecord>findById(courseId).chain(row -> {
            CourseWatchRecord target = row == null ? new CourseWatchRecord() : row;
            target.courseId = courseId;
            target.watch = stored;
            target.updatedAt = Instant.now();
            return row == null ? target.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    CourseWatch read(String stored) {
        try {
            return json.readValue(stored, StoredWatch.class).toWatch();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored course watch is unreadable", e);
        }
    }

    String write(CourseWatch watch) {
        try {
            return json.writeValueAsString(StoredWatch.of(watch));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a course watch", e);
        }
    }
}
