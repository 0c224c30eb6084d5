package org.toxwatch.dashboard.readmodel;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records the read model cannot take are logged, counted, kept in {@code ward_dashboard.skipped_record} and skipped,
 * rather than sent to a dead-letter topic: the dashboard is a read model, the source topic keeps the record, and its
 * owner dead-letters what it could not process. Skipping, never stalling: a board that stops on one bad record stops
 * for every ward. The count keeps the name every service uses, so one alert rule covers them all. Never a patient id
 * in a tag.
 */
@ApplicationScoped
public class SkippedRecords {

    static final String SERVICE = "ward-dashboard";
    static final String PROCESSING_FAILED = "PROCESSING_FAILED";
    private static final int MAX_KEY_LENGTH = 200;
    private static final Logger LOG = Logger.getLogger(SkippedRecords.class);

    private final MeterRegistry registry;
    private final Pool pool;

    public SkippedRecords(MeterRegistry registry, Pool pool) {
        this.registry = registry;
        this.pool = pool;
    }

    /** Skips an unreadable record: counted by its reason code and kept; completes once kept (or the keeping failed). */
    public Uni<Void> skip(ConsumerRecord<String, String> record, UnreadableRecord reason) {
        LOG.warnf("skipped unreadable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                reason.getMessage());
        registry.counter("toxwatch.dead.letters", "service", SERVICE, "reason", reason.code(), "topic", record.topic())
                .increment();
        String key = record.key() == null || record.key().length() <= MAX_KEY_LENGTH ? record.key()
                : record.key().substring(0, MAX_KEY_LENGTH);
        return pool.preparedQuery("""
                        INSERT INTO ward_dashboard.skipped_record (topic, topic_partition, topic_offset, record_key,
                            reason, skipped_at)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT DO NOTHING
                        """)
                .execute(Tuple.of(record.topic(), record.partition(), record.offset(), key, reason.getMessage(),
                        Instant.now().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid()
                // the log line and the count stand; a failure to keep the record must not stall the board either
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not keep the skipped record %s-%d@%d: %s", record.topic(), record.partition(),
                            record.offset(), failure.toString());
                    return null;
                });
    }

    /**
     * A record that failed for a reason that is neither its content nor an outage (outages are retried until they
     * pass): skipped as PROCESSING_FAILED, so the board goes on; the source topic still has it for a replay.
     */
    public Uni<Void> failed(ConsumerRecord<String, String> record, Throwable failure) {
        LOG.errorf(failure, "storing record %s-%d@%d failed", record.topic(), record.partition(), record.offset());
        return skip(record, new UnreadableRecord(PROCESSING_FAILED, failure.getClass().getSimpleName() + ": "
                + failure.getMessage()));
    }

    /**
     * A record that changed nothing: a redelivery, a revision or a transition the read model already has, a tombstone
     * on the course topic. Counted, so every record read is accounted for: stored, unchanged or skipped.
     */
    public void unchanged(String topic) {
        registry.counter("toxwatch.records.unchanged", "service", SERVICE, "topic", topic).increment();
    }
}
