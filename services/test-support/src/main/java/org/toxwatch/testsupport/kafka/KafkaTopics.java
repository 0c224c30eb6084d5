package org.toxwatch.testsupport.kafka;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics ahead of a test, so no test depends on auto-creation timing. Creating an existing topic is a no-op. */
public final class KafkaTopics {

    private static final long TIMEOUT_SECONDS = 30;

    private KafkaTopics() {
    }

    /** Topics with the broker's default partition count and replication factor. */
    public static void create(String bootstrapServers, String... names) {
        create(bootstrapServers, Arrays.stream(names)
                .map(name -> new NewTopic(name, Optional.empty(), Optional.empty()))
                .toList());
    }

    /** Topics as described, e.g. with {@code cleanup.policy=compact}. An existing topic is left as it is. */
    public static void create(String bootstrapServers, Collection<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(List.copyOf(topics)).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                awaitCreated(bootstrapServers, result.getKey(), result.getValue());
            }
        }
    }

    private static void awaitCreated(String bootstrapServers, String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic + " on " + bootstrapServers, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topic " + topic + " on " + bootstrapServers + " took over "
                    + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }
}
