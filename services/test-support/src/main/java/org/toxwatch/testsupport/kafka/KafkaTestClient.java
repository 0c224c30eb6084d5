package org.toxwatch.testsupport.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a flow test needs from Kafka: send a keyed record and wait for the broker's acknowledgement, and see everything
 * the service under test published on the recorded topics.
 */
public final class KafkaTestClient implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, String> producer;
    private final TopicRecorder recorder;

    public KafkaTestClient(String bootstrapServers, String... recordedTopics) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        this.recorder = new TopicRecorder(bootstrapServers, recordedTopics);
    }

    /** Sends and waits until the broker has the record. */
    public void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /**
     * Sends the values under one key back to back and then waits for all of them, so they sit next to each other on
     * the partition and a consumer is likely to read them in one poll.
     */
    public void sendTogether(String topic, String key, List<String> values) {
        List<Future<RecordMetadata>> sent = values.stream()
                .map(value -> producer.send(new ProducerRecord<>(topic, key, value))).toList();
        producer.flush();
        try {
            for (Future<RecordMetadata> each : sent) {
                each.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Records published on a recorded topic under a key (a patient pseudonym), in arrival order. */
    public List<ConsumerRecord<String, String>> records(String topic, String key) {
        return recorder.records(topic, key);
    }

    public List<ConsumerRecord<String, String>> records(String topic) {
        return recorder.records(topic);
    }

    @Override
    public void close() {
        recorder.close();
        producer.close(Duration.ofSeconds(5));
    }
}
