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
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.toxwatch.contracts.AsyncApiDocument;

/**
 * Creates topics ahead of a test or the demo, so nothing depends on auto-creation timing, and as
 * {@code contracts/asyncapi.yaml} describes them: its Kafka bindings are the one place that says a topic is compacted
 * or must take a 2 MiB dead letter. Creating an existing topic is a no-op (its settings are left as they are).
 */
public final class KafkaTopics {

    private static final long TIMEOUT_SECONDS = 30;

    private KafkaTopics() {
    }

    /**
     * Topics by name: those in the contract with its partitions and configuration, any other with the broker's default
     * partition count. The replication factor is always the broker's (one on the local broker).
     */
    public static void create(String bootstrapServers, String... names) {
        create(bootstrapServers, Arrays.stream(names).map(KafkaTopics::asDocumented).toList());
    }

    /** Every topic of the contract, as it describes them: what an operator creates before the services start. */
    public static void createDocumented(String bootstrapServers) {
        create(bootstrapServers, documented().stream().map(KafkaTopics::asDocumented).toList());
    }

    /**
     * As {@link #create(String, String...)}, and a topic that already exists (on a broker shared by many test classes,
     * say) gets the contract's configuration set, as an operator would correct it.
     */
    public static void ensureDocumented(String bootstrapServers, String... names) {
        create(bootstrapServers, names);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new java.util.HashMap<>();
        for (String name : names) {
            NewTopic topic = asDocumented(name);
            if (topic.configs() != null && !topic.configs().isEmpty()) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, name), topic.configs().entrySet().stream()
                        .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                        .toList());
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.incrementalAlterConfigs(changes).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not configure " + changes.keySet() + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring topics", e);
        }
    }

    /** The names of every topic in the contract, in document order. */
    public static List<String> documented() {
        return Contract.DOCUMENT.topicSettings().stream().map(AsyncApiDocument.TopicSettings::topic).toList();
    }

    /** A topic as the contract describes it, or with the broker's defaults when the contract does not name it. */
    public static NewTopic asDocumented(String name) {
        return Contract.DOCUMENT.topicSettings(name)
                .map(settings -> new NewTopic(name, Optional.of(settings.partitions()), Optional.empty())
                        .configs(settings.configuration()))
                .orElseGet(() -> new NewTopic(name, Optional.empty(), Optional.empty()));
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

    /** Read once: the document does not change while a JVM runs. */
    private static final class Contract {
        static final AsyncApiDocument DOCUMENT = AsyncApiDocument.load();
    }
}
