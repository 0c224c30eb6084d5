package org.toxwatch.bench.pipeline.load;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.ToLongFunction;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the alert topic from its current end while a paced load runs and matches every alert to the observation that
 * caused it: latency is the alert's arrival here minus the moment that observation was handed to the producer (the
 * same JVM's clock). Alerts of observations outside the load (none expected) and alerts naming no observation
 * (LABS_REQUIRED) are counted, not measured.
 */
public final class AlertLatency implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private final Histogram micros = new Histogram(3_600_000_000L, 3);
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean running = true;
    private volatile long lastArrivalNanos;

    /**
     * @param observationIndex the cohort index an alert record was caused by, or -1 when it names none
     * @param sentAtNanos send moments of observations {@code firstIndex ..}, filled while the load runs
     */
    public AlertLatency(String bootstrapServers, String topic, ToLongFunction<ConsumerRecord<String, String>> observationIndex,
            long firstIndex, AtomicLongArray sentAtNanos) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the load starts
        this.poller = new Thread(() -> {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long arrived = System.nanoTime();
                    received.incrementAndGet();
                    long index = observationIndex.applyAsLong(record);
                    long offset = index - firstIndex;
                    if (index < 0 || offset < 0 || offset >= sentAtNanos.length() || sentAtNanos.get((int) offset) == 0) {
                        unmatched.incrementAndGet();
                        continue;
                    }
                    synchronized (micros) {
                        micros.recordValue(Math.max(0, (arrived - sentAtNanos.get((int) offset)) / 1000));
                    }
                    lastArrivalNanos = arrived;
                }
            }
        }, "alert-latency-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    public long received() {
        return received.get();
    }

    public long unmatched() {
        return unmatched.get();
    }

    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** A copy of the latencies so far, in microseconds. */
    public Histogram histogram() {
        synchronized (micros) {
            return micros.copy();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
