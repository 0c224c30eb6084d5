package org.toxwatch.resilience.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Measures consumer groups' lag with the Kafka Admin client: the topics' partitions, their first and end offsets and
 * the group's committed offsets. Every call to the broker shares one deadline, so a measurement never takes longer
 * than the timeout, whatever the broker does.
 */
public final class LagMeter implements AutoCloseable {

    private final Admin admin;
    private final Duration timeout;
    private final Clock clock;

    LagMeter(Admin admin, Duration timeout, Clock clock) {
        this.admin = admin;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * An Admin client with the service's Kafka settings (bootstrap servers, security) and the timeout as its request
     * timeout, so it gives up with the measurement rather than retrying behind it.
     *
     * @param kafka the service's Kafka configuration; keys the Admin client does not know are left out
     */
    public static LagMeter connect(Map<String, Object> kafka, String clientId, Duration timeout, Clock clock) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        int millis = Math.toIntExact(timeout.toMillis());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        return new LagMeter(Admin.create(config), timeout, clock);
    }

    /** Never throws: a broker that does not answer in time gives a failed reading that says so. */
    public LagReading measure(List<WatchedGroup> groups) {
        Instant started = clock.instant();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<GroupLag> lags = new ArrayList<>();
            for (WatchedGroup group : groups) {
                lags.add(measure(group, deadline));
            }
            return LagReading.measured(started, lags);
        } catch (TimeoutException e) {
            return LagReading.failed(started, "Kafka did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return LagReading.failed(started, "Kafka did not give the offsets: " + cause.getClass().getSimpleName()
                    + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LagReading.failed(started, "interrupted while measuring");
        } catch (RuntimeException e) {
            return LagReading.failed(started, "lag not measured: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private GroupLag measure(WatchedGroup group, long deadline)
            throws TimeoutException, ExecutionException, InterruptedException {
        List<TopicPartition> partitions = partitions(group, deadline);
        if (partitions.isEmpty()) {
            return GroupLag.of(group.group(), group.topics(), List.of());
        }
        Map<TopicPartition, OffsetAndMetadata> committed = await(admin.listConsumerGroupOffsets(group.group(),
                new ListConsumerGroupOffsetsOptions().timeoutMs(remainingMillis(deadline)))
                .partitionsToOffsetAndMetadata(), deadline);
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest(), deadline);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest(), deadline);

        List<PartitionLag> lags = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata commit = committed.get(partition);
            lags.add(new PartitionLag(partition, starts.get(partition), ends.get(partition),
                    commit == null ? OptionalLong.empty() : OptionalLong.of(commit.offset()),
                    group.topicsFromEarliest().get(partition.topic())));
        }
        return GroupLag.of(group.group(), group.topics(), lags);
    }

    private List<TopicPartition> partitions(WatchedGroup group, long deadline)
            throws TimeoutException, ExecutionException, InterruptedException {
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(group.topics(),
                new DescribeTopicsOptions().timeoutMs(remainingMillis(deadline))).topicNameValues();
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : descriptions.entrySet()) {
            try {
                await(topic.getValue(), deadline).partitions()
                        .forEach(p -> partitions.add(new TopicPartition(topic.getKey(), p.partition())));
            } catch (ExecutionException e) {
                // a topic nobody has written to yet has nothing waiting in it
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return partitions;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec, long deadline)
            throws TimeoutException, ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
        Map<TopicPartition, ListOffsetsResultInfo> answer = await(admin.listOffsets(request,
                new ListOffsetsOptions().timeoutMs(remainingMillis(deadline))).all(), deadline);
        return answer.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static <T> T await(KafkaFuture<T> future, long deadline)
            throws TimeoutException, ExecutionException, InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            future.cancel(true);
            throw new TimeoutException();
        }
        try {
            return future.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            // the Admin client's own timeout: the broker did not answer in time either
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new TimeoutException();
            }
            throw e;
        }
    }

    private static int remainingMillis(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
