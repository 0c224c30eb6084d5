package org.toxwatch.testsupport.hostile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends many records quickly and makes sure the broker took each one: asynchronous sends, a flush and a check every
 * few hundred. The producer keeps Kafka's default {@code max.request.size} (1 MiB), the limit hostile senders meet.
 */
public final class RecordBurst implements AutoCloseable {

    /** Kafka's default max.request.size and, within a few bytes, the broker's message.max.bytes. */
    public static final int PRODUCER_LIMIT = 1_048_576;
    /**
     * The producer counts a record as its key and value plus at most 61 bytes of batch header and 21 of record header:
     * 200 bytes under the limit leaves room for a key, and none for the reason headers of a dead letter.
     */
    public static final int JUST_UNDER_THE_LIMIT = PRODUCER_LIMIT - 200;

    private static final int BATCH = 500;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, String> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();
    private long sent;

    public RecordBurst(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /** Queues a record; every {@value #BATCH} records, waits until the broker has them all. */
    public void send(String topic, String key, String value) {
        pending.add(producer.send(new ProducerRecord<>(topic, key, value)));
        sent++;
        if (pending.size() >= BATCH) {
            settle();
        }
    }

    /** Sends every case's payloads in order under its key. */
    public void send(String topic, List<HostileRecord> cases) {
        for (HostileRecord c : cases) {
            c.payloads().forEach(payload -> send(topic, c.key(), payload));
        }
        settle();
    }

    /** Waits until the broker has every queued record; fails if it refused one. */
    public void settle() {
        producer.flush();
        for (Future<RecordMetadata> future : pending) {
            try {
                future.get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the broker did not take an input", e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("the broker did not acknowledge an input within " + SEND_TIMEOUT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        pending.clear();
    }

    /** Records the broker acknowledged. */
    public long sent() {
        return sent - pending.size();
    }

    /**
     * Sends one record of more than the producer's limit and reports whether the producer refused it itself, as it
     * must: such an input never reaches the service. Fails if it was sent, or neither sent nor refused.
     */
    public void expectRefusedAsTooLarge(String topic, String key, String value) {
        Future<RecordMetadata> future = producer.send(new ProducerRecord<>(topic, key, value));
        try {
            future.get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("a record of " + value.length() + " characters was accepted; the limit is "
                    + PRODUCER_LIMIT + " bytes");
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof RecordTooLargeException)) {
                throw new AssertionError("a record too large was refused for another reason", e.getCause());
            }
        } catch (TimeoutException e) {
            throw new AssertionError("the producer neither sent nor refused a record of " + value.length()
                    + " characters", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
