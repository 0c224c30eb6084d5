package org.toxwatch.bench.pipeline.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A hop that does no work: consumes a topic and produces every record, bytes, key and headers unchanged, to the next
 * topic. It keeps the services' at-least-once contract - a record's offset is committed only after the broker has
 * acknowledged (acks=all) everything produced for it - so it is the cost of the topology alone, the limit a service
 * in the same place cannot beat. It works a poll at a time: produce the poll's records, wait for their acks, commit.
 * <p>
 * Usage: {@code RelayMain BOOTSTRAP FROM_TOPIC TO_TOPIC GROUP}. Prints {@value #ASSIGNED} once it owns partitions;
 * stops on SIGTERM after the poll in hand is committed.
 */
public final class RelayMain {

    public static final String ASSIGNED = "RELAY-ASSIGNED";

    private static volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: RelayMain BOOTSTRAP FROM_TOPIC TO_TOPIC GROUP");
            System.exit(2);
        }
        String bootstrap = args[0];
        String from = args[1];
        String to = args[2];
        String group = args[3];

        Properties consumerProperties = new Properties();
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // a poll's records are flushed at once; lingering would only add latency at low load
        producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, "0");

        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running = false;
            try {
                main.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));

        try (var consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                var producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(from), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        System.out.println(ASSIGNED + " " + partitions);
                        System.out.flush();
                    }
                }
            });
            long relayed = 0;
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>(records.count());
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    acks.add(producer.send(new ProducerRecord<>(to, null, record.key(), record.value(), record.headers())));
                }
                producer.flush();
                for (Future<RecordMetadata> ack : acks) {
                    try {
                        ack.get();
                    } catch (ExecutionException e) {
                        // nothing of this poll is committed: exit, and a restarted relay reads it again
                        throw new IllegalStateException("produce to " + to + " failed", e.getCause());
                    }
                }
                consumer.commitSync();
                relayed += records.count();
            }
            System.out.println("RELAY-STOPPED after " + relayed + " records");
        }
    }
}
