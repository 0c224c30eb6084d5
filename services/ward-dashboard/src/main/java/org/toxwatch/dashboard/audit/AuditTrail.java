package org.toxwatch.dashboard.audit;

import static org.toxwatch.dashboard.readmodel.Sql.instant;
import static org.toxwatch.dashboard.readmodel.Sql.time;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The append-only audit_entry table: rows are only ever inserted (a trigger refuses anything else). */
@ApplicationScoped
public class AuditTrail {

    private static final int MAX_DETAIL = 2000;

    private final Pool pool;

    public AuditTrail(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> append(AuditEntry entry) {
        String detail = entry.detail() != null && entry.detail().length() > MAX_DETAIL
                ? entry.detail().substring(0, MAX_DETAIL) + "…"
                : entry.detail();
        return pool.preparedQuery("""
                        INSERT INTO ward_dashboard.audit_entry (at, actor, role, action, alert_id, patient_id, reason,
                            outcome, detail)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                        """)
                .execute(Tuple.tuple().addOffsetDateTime(time(entry.at())).addString(entry.actor())
                        .addString(entry.role()).addString(entry.action()).addUUID(entry.alertId())
                        .addString(entry.patientId()).addString(entry.reason()).addInteger(entry.outcome())
                        .addString(detail))
                .replaceWithVoid();
    }

    /** Newest first; either filter may be null. */
    public Uni<List<AuditEntry>> find(UUID alertId, String patientId, int limit) {
        return pool.preparedQuery("""
                        SELECT at, actor, role, action, alert_id, patient_id, reason, outcome, detail
                          FROM ward_dashboard.audit_entry
                         WHERE ($1::uuid IS NULL OR alert_id = $1) AND ($2::text IS NULL OR patient_id = $2)
                         ORDER BY id DESC
                         LIMIT $3
                        """)
                .execute(Tuple.of(alertId, patientId, limit))
                .map(rows -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new AuditEntry(instant(row.getOffsetDateTime("at")), row.getString("actor"),
                                row.getString("role"), row.getString("action"), row.getUUID("alert_id"),
                                row.getString("patient_id"), row.getString("reason"), row.getInteger("outcome"),
                                row.getString("detail")));
                    }
                    return entries;
                });
    }
}
