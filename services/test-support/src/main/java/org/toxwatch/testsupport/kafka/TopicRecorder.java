package org.toxwatch.testsupport.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from the beginning on its own thread, keeps every record, and hands each to a listener. Tests use it to
 * wait (with Awaitility) for what a service published; the demo uses it to print alerts as they arrive.
 */
public final class TopicRecorder implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public TopicRecorder(String bootstrapServers, String... topics) {
        this(bootstrapServers, List.of(topics), record -> { });
    }

    public TopicRecorder(String bootstrapServers, Collection<String> topics, Consumer<ConsumerRecord<String, String>> listener) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "toxwatch-recorder-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.copyOf(topics));
        this.thread = new Thread(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        records.add(record);
                        listener.accept(record);
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }, "topic-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    public List<ConsumerRecord<String, String>> records(String topic) {
        List<ConsumerRecord<String, String>> selected = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.topic().equals(topic)) {
                selected.add(record);
            }
        }
        return selected;
    }

    /** The records of one topic whose key is {@code key} (a patient pseudonym), in the order they arrived. */
    public List<ConsumerRecord<String, String>> records(String topic, String key) {
        return records(topic).stream().filter(r -> key.equals(r.key())).toList();
    }

    /** A header's value as text, or null when the record has none. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
