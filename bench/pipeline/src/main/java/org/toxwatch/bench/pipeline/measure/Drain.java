package org.toxwatch.bench.pipeline.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;


import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Committed offsets against log-end offsets, for the consumer groups of a pipeline. Every hop (service or relay)
 * commits a record only after what it produced for it is acknowledged, so when every hop's lag is zero, read in
 * pipeline order, everything published so far has gone all the way through.
 */
public final class Drain implements AutoCloseable {

    /** A consumer group and the topic it reads. */
    public record Hop(String name, String group, String topic) {
    }

    private final Admin admin;

    public Drain(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The sum of a topic's log-end offsets: how many records were ever written to it (topics here are never trimmed). */
    public long endOffsets(String topic) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e.getCause());
        }
    }

    public int partitions(String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topic, e.getCause());
        }
    }

    /** The sum of the group's committed offsets on the topic. */
    public long committed(Hop hop) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(hop.group())
                    .partitionsToOffsetAndMetadata().get();
            return committed.entrySet().stream().filter(e -> e.getKey().topic().equals(hop.topic()) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + hop.group(), e.getCause());
        }
    }

    /**
     * Moves the group's committed offsets on the topic to its end: what is still waiting is skipped. The group must
     * have no live member (its consumers stopped).
     */
    public long skipToEnd(Hop hop) {
        try {
            int partitions = partitions(hop.topic());
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(hop.topic(), p), OffsetSpec.latest());
            }
            long before = committed(hop);
            Map<TopicPartition, OffsetAndMetadata> ends = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            // a killed member stays in its group until its session times out (45 s); until then the broker refuses
            java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofMinutes(3));
            while (true) {
                try {
                    admin.alterConsumerGroupOffsets(hop.group(), ends).all().get();
                    return ends.values().stream().mapToLong(OffsetAndMetadata::offset).sum() - before;
                } catch (ExecutionException e) {
                    if (java.time.Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    Thread.sleep(2000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot move the offsets of " + hop.group() + " on " + hop.topic(), e.getCause());
        }
    }

    /** Per hop in order: records written to its topic and records its group has committed. */
    public record Progress(List<Long> written, List<Long> committed) {
        public boolean complete() {
            for (int i = 0; i < written.size(); i++) {
                if (!written.get(i).equals(committed.get(i))) {
                    return false;
                }
            }
            return true;
        }

        public String describe(List<Hop> hops) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < hops.size(); i++) {
                parts.add(hops.get(i).name() + " " + committed.get(i) + "/" + written.get(i));
            }
            return String.join(", ", parts);
        }
    }

    public Progress progress(List<Hop> hops) {
        List<Long> written = new ArrayList<>();
        List<Long> committed = new ArrayList<>();
        for (Hop hop : hops) { // in pipeline order: an upstream hop at zero lag has published all it will
            committed.add(committed(hop));
            written.add(endOffsets(hop.topic()));
        }
        return new Progress(written, committed);
    }

    /**
     * Polls until every hop has committed everything written to its topic and {@code finished} agrees, or the timeout.
     * Returns the moment of the poll that found it so (the end of the drain), or null on timeout.
     */
    public java.time.Instant awaitDrained(List<Hop> hops, java.util.function.BooleanSupplier finished, Duration timeout,
            Duration pollEvery, Duration reportEvery, Consumer<Progress> report) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        java.time.Instant nextReport = java.time.Instant.now().plus(reportEvery);
        while (java.time.Instant.now().isBefore(deadline)) {
            java.time.Instant polled = java.time.Instant.now();
            Progress progress = progress(hops);
            if (progress.complete() && finished.getAsBoolean()) {
                return polled;
            }
            if (polled.isAfter(nextReport)) {
                report.accept(progress);
                nextReport = polled.plus(reportEvery);
            }
            Thread.sleep(pollEvery.toMillis());
        }
        return null;
    }

    @Override
    public void close() {
        admin.close();
    }

}
