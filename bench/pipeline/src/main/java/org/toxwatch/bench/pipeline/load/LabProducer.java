package org.toxwatch.bench.pipeline.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.toxwatch.bench.pipeline.cohort.SyntheticCohort;

/**
 * The lab system of the benchmark: publishes the cohort's observations as FHIR JSON keyed by patient, acks=all and
 * idempotent like any careful lab feed. Every record carries its cohort index in the {@value #INDEX_HEADER} header, which
 * the relays pass on, so a relayed record can be matched to its send time. (ToxWatch's own alerts are matched through
 * the observation identifier they name.)
 */
public final class LabProducer implements AutoCloseable {

    public static final String INDEX_HEADER = "toxwatch-bench-index";

    private final KafkaProducer<String, String> producer;
    private final SyntheticCohort cohort;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public LabProducer(String bootstrapServers, SyntheticCohort cohort) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // batches for the backlog; a paced send still leaves within a few ms
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "300000");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        this.cohort = cohort;
    }

    /** Publishes observations {@code from} (inclusive) to {@code to} (exclusive) as fast as the broker takes them. */
    public Sent backlog(String topic, long from, long to) {
        long started = System.nanoTime();
        for (long index = from; index < to; index++) {
            send(topic, index);
        }
        producer.flush();
        return new Sent(to - from, (System.nanoTime() - started) / 1e9, failures.get());
    }

    /**
     * Publishes observations from {@code from} on at {@code perSecond} for {@code duration}, each at its due time
     * (start + i / rate); records the moment each was handed to the producer in {@code sentAtNanos[i]}. Never sends ahead
     * of schedule; when it falls behind, it sends the overdue ones at once, and the achieved rate says so.
     */
    public Sent paced(String topic, long from, int perSecond, Duration duration, AtomicLongArray sentAtNanos) {
        long count = (long) perSecond * duration.toSeconds();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = start + i * 1_000_000_000L / perSecond;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000L));
            }
            sentAtNanos.set((int) i, System.nanoTime());
            send(topic, from + i);
        }
        long lastSend = System.nanoTime();
        producer.flush();
        return new Sent(count, (lastSend - start) / 1e9, failures.get());
    }

    private void send(String topic, long index) {
        SyntheticCohort.Observation observation = cohort.observation(index);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, observation.patientId(), observation.fhirJson());
        record.headers().add(INDEX_HEADER, Long.toString(index).getBytes(StandardCharsets.US_ASCII));
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, exception);
            }
        });
    }

    /** How many were sent, over how long (first send to last send), and how many the broker refused. */
    public record Sent(long count, double seconds, long failures) {
        public double perSecond() {
            return count / seconds;
        }
    }

    public void assertNoFailures() {
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " observations were not published", firstFailure.get());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
