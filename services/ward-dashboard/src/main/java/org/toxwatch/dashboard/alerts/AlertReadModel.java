package org.toxwatch.dashboard.alerts;

import static org.toxwatch.dashboard.readmodel.Sql.instant;
import static org.toxwatch.dashboard.readmodel.Sql.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The alert tables of the read model. Every change to a card takes the next value of change_seq while holding one
 * transaction-level advisory lock, so changes commit in sequence order: whatever a reader sees is a gap-free prefix of
 * the sequence, which is what lets a stream resume "after N" without missing a change committed late.
 */
@ApplicationScoped
public class AlertReadModel {

    /** Any fixed number; only this service takes it. */
    private static final long CHANGE_LOCK = 5_2026_0005L;
    public static final String UNASSIGNED = "unassigned";

    private static final String ALERT_COLUMNS = "alert_id, patient_id, course_id, drug, alert_type, content, revision, "
            + "lifecycle_sequence, state, escalation_level, opened_at, updated_at";

    private final Pool pool;
    private final ObjectMapper json;
    private final AlertChanges changes;

    public AlertReadModel(Pool pool, ObjectMapper json, AlertChanges changes) {
        this.pool = pool;
        this.json = json;
        this.changes = changes;
    }

    public record AlertList(long asOf, List<AlertCard> alerts) {
    }

    record Change(long seq, String card) {
    }

    /** Serialises card changes: held until the transaction ends. */
    public static Uni<Void> lockChanges(SqlConnection conn) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(CHANGE_LOCK)).replaceWithVoid();
    }

    /**
     * Merges a record into one alert in one transaction: {@code alongside} runs first (e.g. storing a transition),
     * then the merge; answers the new card when the alert changed, after the commit and after telling the streams.
     */
    Uni<Optional<AlertCard>> apply(UUID alertId, Function<Optional<TrackedAlert>, Optional<TrackedAlert>> merge,
            Function<SqlConnection, Uni<Void>> alongside) {
        return pool.withTransaction(conn -> lockChanges(conn)
                .chain(() -> alongside.apply(conn))
                .chain(() -> load(conn, alertId))
                .chain(current -> {
                    Optional<TrackedAlert> next = merge.apply(current);
                    return next.isEmpty()
                            ? Uni.createFrom().item(Optional.<AlertCard>empty())
                            : store(conn, next.get()).map(Optional::of);
                }))
                .invoke(card -> card.ifPresent(c -> changes.committed(c.seq())));
    }

    /**
     * A course moved to another ward (or named its ward after its alerts arrived): each of its alerts gets a new card
     * under the new ward. Runs inside the caller's transaction, which must hold {@link #lockChanges}; answers the
     * highest position written, 0 for none, for the caller to announce after its commit.
     */
    public Uni<Long> moveCourse(SqlConnection conn, String courseId, String ward) {
        return conn.preparedQuery("SELECT " + ALERT_COLUMNS + " FROM ward_dashboard.alert WHERE course_id = $1 "
                        + "AND ward <> $2 ORDER BY alert_id")
                .execute(Tuple.of(courseId, ward))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map(this::tracked)
                .onItem().transformToUniAndConcatenate(alert -> store(conn, alert, ward))
                .collect().asList()
                .map(cards -> cards.stream().mapToLong(AlertCard::seq).max().orElse(0));
    }

    private Uni<Optional<TrackedAlert>> load(SqlConnection conn, UUID alertId) {
        return conn.preparedQuery("SELECT " + ALERT_COLUMNS + " FROM ward_dashboard.alert WHERE alert_id = $1")
                .execute(Tuple.of(alertId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(tracked(rows.iterator().next())));
    }

    private Uni<AlertCard> store(SqlConnection conn, TrackedAlert alert) {
        return wardOf(conn, alert.courseId()).chain(ward -> store(conn, alert, ward));
    }

    private Uni<AlertCard> store(SqlConnection conn, TrackedAlert alert, String ward) {
        return conn.query("SELECT nextval('ward_dashboard.change_seq')").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(seq -> {
                    AlertCard card = alert.card(ward, seq);
                    String cardJson = write(card);
                    Tuple values = Tuple.tuple()
                            .addUUID(alert.alertId()).addString(alert.patientId()).addString(alert.courseId())
                            .addString(ward).addString(alert.drug()).addString(alert.alertType())
                            .addInteger(alert.severity()).addString(alert.state()).addInteger(alert.escalationLevel())
                            .addInteger(alert.revision()).addInteger(alert.lifecycleSequence())
                            .addString(alert.content() == null ? null : alert.content().toString())
                            .addOffsetDateTime(time(alert.effectiveTime())).addOffsetDateTime(time(alert.openedAt()))
                            .addOffsetDateTime(time(alert.updatedAt())).addLong(seq).addString(cardJson);
                    return conn.preparedQuery("""
                            INSERT INTO ward_dashboard.alert (alert_id, patient_id, course_id, ward, drug, alert_type,
                                severity, state, escalation_level, revision, lifecycle_sequence, content, effective_time,
                                opened_at, updated_at, seq, card)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                            ON CONFLICT (alert_id) DO UPDATE SET patient_id = EXCLUDED.patient_id,
                                course_id = EXCLUDED.course_id, ward = EXCLUDED.ward, drug = EXCLUDED.drug,
                                alert_type = EXCLUDED.alert_type, severity = EXCLUDED.severity, state = EXCLUDED.state,
                                escalation_level = EXCLUDED.escalation_level, revision = EXCLUDED.revision,
                                lifecycle_sequence = EXCLUDED.lifecycle_sequence, content = EXCLUDED.content,
                                effective_time = EXCLUDED.effective_time, opened_at = EXCLUDED.opened_at,
                                updated_at = EXCLUDED.updated_at, seq = EXCLUDED.seq, card = EXCLUDED.card
                            """).execute(values)
                            .chain(() -> conn.preparedQuery("INSERT INTO ward_dashboard.alert_change (seq, alert_id, "
                                    + "ward, card) VALUES ($1, $2, $3, $4)")
                                    .execute(Tuple.of(seq, alert.alertId(), ward, cardJson)))
                            .replaceWith(card);
                });
    }

    /** The ward of the course's latest version; unassigned when the course is unknown or names none. */
    private Uni<String> wardOf(SqlConnection conn, String courseId) {
        if (courseId == null) {
            return Uni.createFrom().item(UNASSIGNED);
        }
        return conn.preparedQuery("SELECT ward FROM ward_dashboard.course_version WHERE course_id = $1 "
                        + "ORDER BY topic_offset DESC LIMIT 1")
                .execute(Tuple.of(courseId))
                .map(rows -> rows.size() == 0 ? UNASSIGNED : rows.iterator().next().getString(0));
    }

    /** Cards by ward (null: every ward), open ones only or all, most severe first, then the newest lab result. */
    public Uni<AlertList> list(String ward, boolean openOnly) {
        // one statement, so the cards and asOf come from the same snapshot
        String sql = """
                WITH position AS (SELECT coalesce(max(seq), 0) AS as_of FROM ward_dashboard.alert)
                SELECT position.as_of, a.card
                  FROM position LEFT JOIN ward_dashboard.alert a
                    ON ($1::text IS NULL OR a.ward = $1) AND (NOT $2 OR a.state IN ('OPEN', 'ACKNOWLEDGED'))
                 ORDER BY a.severity DESC, a.effective_time DESC NULLS LAST, a.seq DESC
                """;
        return pool.preparedQuery(sql).execute(Tuple.of(ward, openOnly)).map(rows -> {
            long asOf = 0;
            List<AlertCard> cards = new ArrayList<>();
            for (Row row : rows) {
                asOf = row.getLong("as_of");
                String card = row.getString("card");
                if (card != null) {
                    cards.add(read(card));
                }
            }
            return new AlertList(asOf, cards);
        });
    }

    public Uni<Optional<AlertCard>> card(UUID alertId) {
        return pool.preparedQuery("SELECT card FROM ward_dashboard.alert WHERE alert_id = $1").execute(Tuple.of(alertId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(read(rows.iterator().next().getString(0))));
    }

    /** A patient's alerts, oldest first (by when they were opened, else by the lab result's time). */
    public Uni<List<AlertCard>> ofPatient(String patientId) {
        return pool.preparedQuery("SELECT card FROM ward_dashboard.alert WHERE patient_id = $1 "
                        + "ORDER BY coalesce(opened_at, effective_time) NULLS LAST, effective_time, alert_id")
                .execute(Tuple.of(patientId))
                .map(rows -> {
                    List<AlertCard> cards = new ArrayList<>();
                    rows.forEach(row -> cards.add(read(row.getString(0))));
                    return cards;
                });
    }

    public Uni<List<Transition>> transitions(List<UUID> alertIds) {
        if (alertIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("SELECT alert_id, sequence, transition, from_state, to_state, actor, reason, at, "
                        + "revision, escalation_level FROM ward_dashboard.alert_transition WHERE alert_id = ANY($1) "
                        + "ORDER BY alert_id, sequence")
                .execute(Tuple.of(alertIds.toArray(UUID[]::new)))
                .map(rows -> {
                    List<Transition> transitions = new ArrayList<>();
                    for (Row row : rows) {
                        transitions.add(new Transition(row.getUUID("alert_id"), row.getInteger("sequence"),
                                row.getString("transition"), row.getString("from_state"), row.getString("to_state"),
                                row.getString("actor"), row.getString("reason"), instant(row.getOffsetDateTime("at")),
                                row.getInteger("revision"), row.getInteger("escalation_level")));
                    }
                    return transitions;
                });
    }

    /** The card changes after a position, in order, at most {@code limit} of them. */
    Uni<List<Change>> changesAfter(long after, String ward, int limit) {
        return pool.preparedQuery("SELECT seq, card FROM ward_dashboard.alert_change WHERE seq > $1 "
                        + "AND ($2::text IS NULL OR ward = $2) ORDER BY seq LIMIT $3")
                .execute(Tuple.of(after, ward, limit))
                .map(rows -> {
                    List<Change> found = new ArrayList<>();
                    rows.forEach(row -> found.add(new Change(row.getLong(0), row.getString(1))));
                    return found;
                });
    }

    /** The latest position: where a stream opened without one starts. */
    Uni<Long> position() {
        return pool.query("SELECT coalesce(max(seq), 0) FROM ward_dashboard.alert_change").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private TrackedAlert tracked(Row row) {
        String content = row.getString("content");
        return new TrackedAlert(row.getUUID("alert_id"), row.getString("patient_id"), row.getString("course_id"),
                row.getString("drug"), row.getString("alert_type"), content == null ? null : tree(content),
                row.getInteger("revision"), row.getInteger("lifecycle_sequence"), row.getString("state"),
                row.getInteger("escalation_level"), instant(row.getOffsetDateTime("opened_at")),
                instant(row.getOffsetDateTime("updated_at")));
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored alert is unreadable", e);
        }
    }

    AlertCard read(String card) {
        try {
            return json.readValue(card, AlertCard.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored alert card is unreadable", e);
        }
    }

    private String write(AlertCard card) {
        try {
            return json.writeValueAsString(card);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an alert card", e);
        }
    }
}
