package org.toxwatch.dashboard.patients;

import static org.toxwatch.dashboard.readmodel.Sql.numeric;
import static org.toxwatch.dashboard.readmodel.Sql.time;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.toxwatch.resilience.retry.OutageRetries;
import org.toxwatch.resilience.retry.RetryThroughOutage;
import org.toxwatch.dashboard.alerts.AlertChanges;
import org.toxwatch.dashboard.alerts.AlertReadModel;
import org.toxwatch.dashboard.readmodel.Fields;
import org.toxwatch.dashboard.readmodel.RecordChecks;
import org.toxwatch.dashboard.readmodel.SkippedRecords;
import org.toxwatch.dashboard.readmodel.UnreadableRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * treatment.courses.v1 and ae.graded.v1 into the patient read model. Every course version is kept (the dose-level
 * history), and graded events are kept as received; which of them stand is decided when the patient is read, so the
 * order they arrive in does not matter.
 */
@ApplicationScoped
public class PatientRecords {

    private static final Logger LOG = Logger.getLogger(PatientRecords.class);
    static final int MAX_WARD_LENGTH = 40;

    private final ObjectMapper json;
    private final Pool pool;
    private final SkippedRecords skipped;
    private final AlertChanges changes;
    private final AlertReadModel alerts;
    private final RetryThroughOutage courseOutages;
    private final RetryThroughOutage gradedEventOutages;

    public PatientRecords(ObjectMapper json, Pool pool, SkippedRecords skipped, AlertChanges changes,
            AlertReadModel alerts, OutageRetries retries) {
        this.courseOutages = retries.forChannel("treatment-courses");
        this.gradedEventOutages = retries.forChannel("graded-events");
        this.json = json;
        this.pool = pool;
        this.skipped = skipped;
        this.changes = changes;
        this.alerts = alerts;
    }

    @Incoming("treatment-courses")
    public Uni<Void> onCourse(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            // a tombstone on the compacted topic: the course's history stays, as the alerts raised on it do
            LOG.debugf("tombstone for course key %s ignored", record.key());
            skipped.unchanged(record.topic());
            return Uni.createFrom().voidItem();
        }
        String courseId;
        String patientId;
        String ward;
        try {
            RecordChecks.size(record.value());
            Fields course = Fields.parse(json, record.value(), "treatment-course.v1");
            RecordChecks.course(course);
            courseId = course.requiredText("courseId");
            patientId = course.requiredText("patientId");
            ward = course.boundedText("ward", 10_000);
            if (ward == null || ward.isBlank()) {
                ward = AlertReadModel.UNASSIGNED;
            } else if (ward.strip().length() > MAX_WARD_LENGTH) {
                throw new UnreadableRecord("INVALID_FIELD", "ward is longer than " + MAX_WARD_LENGTH + " characters");
            }
            ward = ward.strip();
        } catch (UnreadableRecord e) {
            return skipped.skip(record, e);
        }
        Tuple version = Tuple.tuple().addInteger(record.partition()).addLong(record.offset()).addString(courseId)
                .addString(patientId).addString(ward)
                .addOffsetDateTime(time(Instant.ofEpochMilli(record.timestamp()))).addString(record.value());
        return courseOutages.run(() -> pool.withTransaction(conn -> AlertReadModel.lockChanges(conn)
                        .chain(() -> conn.preparedQuery("""
                                INSERT INTO ward_dashboard.course_version (topic_partition, topic_offset, course_id,
                                    patient_id, ward, published_at, course)
                                VALUES ($1, $2, $3, $4, $5, $6, $7)
                                ON CONFLICT DO NOTHING
                                """).execute(version)
                                .invoke(rows -> {
                                    if (rows.rowCount() == 0) {
                                        skipped.unchanged(record.topic()); // a redelivery: this version is known
                                    }
                                }))
                        // the latest version decides the ward, whatever order versions were read in
                        .chain(() -> conn.preparedQuery("SELECT ward FROM ward_dashboard.course_version "
                                + "WHERE course_id = $1 ORDER BY topic_offset DESC LIMIT 1").execute(Tuple.of(courseId)))
                        .chain(rows -> alerts.moveCourse(conn, courseId, rows.iterator().next().getString(0))))
                .invoke(changes::committed))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> skipped.failed(record, failure));
    }

    @Incoming("graded-events")
    public Uni<Void> onGradedEvent(ConsumerRecord<String, String> record) {
        Tuple row;
        try {
            RecordChecks.size(record.value());
            Fields event = Fields.parse(json, record.value(), "graded-adverse-event.v1");
            RecordChecks.gradedEvent(event, Instant.now());
            String baseline = event.present("baseline") && event.node().get("baseline").isObject()
                    ? event.node().get("baseline").toString() : null;
            Integer grade = event.integer("grade");
            if (grade != null && (grade < 0 || grade > 5)) {
                throw new UnreadableRecord("INVALID_FIELD", "grade is 0 to 5: " + grade);
            }
            row = Tuple.tuple().addUUID(event.requiredUuid("eventId")).addString(event.requiredText("patientId"))
                    .addString(event.text("courseId")).addInteger(event.integer("cycleNumber"))
                    .addOffsetDateTime(time(event.requiredInstant("effectiveTime")))
                    .addString(event.text("ctcaeVersion")).addString(event.requiredText("term"))
                    .addString(event.text("analyte")).addString(event.requiredText("status")).addInteger(grade)
                    .addValue(numeric(event.decimal("value"))).addString(event.text("unit"))
                    .addValue(numeric(event.decimal("lowerLimit"))).addValue(numeric(event.decimal("upperLimit")))
                    .addString(baseline).addUUID(event.uuid("supersedes")).addUUID(event.uuid("retracts"));
        } catch (UnreadableRecord e) {
            return skipped.skip(record, e);
        }
        return gradedEventOutages.run(() -> pool.preparedQuery("""
                        INSERT INTO ward_dashboard.graded_event (event_id, patient_id, course_id, cycle_number,
                            effective_time, ctcae_version, term, analyte, status, grade, value, unit, lower_limit,
                            upper_limit, baseline, supersedes, retracts)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                        ON CONFLICT (event_id) DO NOTHING
                        """)
                .execute(row))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        skipped.unchanged(record.topic()); // an event already kept
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> skipped.failed(record, failure));
    }
}
