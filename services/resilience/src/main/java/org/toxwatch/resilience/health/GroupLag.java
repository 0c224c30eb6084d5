package org.toxwatch.resilience.health;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A consumer group's lag, summed per topic over the topic's partitions. */
public record GroupLag(String group, Map<String, Long> byTopic) {

    public GroupLag {
        Objects.requireNonNull(group, "group");
        // sorted, so the health response lists topics in a stable order
        byTopic = Collections.unmodifiableMap(new TreeMap<>(byTopic));
    }

    /** Sums the partitions per topic; a topic without partitions (not created yet) counts as 0. */
    public static GroupLag of(String group, Collection<String> topics, Collection<PartitionLag> partitions) {
        Map<String, Long> byTopic = new TreeMap<>();
        topics.forEach(topic -> byTopic.put(topic, 0L));
        for (PartitionLag partition : partitions) {
            byTopic.merge(partition.partition().topic(), partition.records(), Math::addExact);
        }
        return new GroupLag(group, byTopic);
    }

    public long total() {
        return byTopic.values().stream().mapToLong(Long::longValue).reduce(0, Math::addExact);
    }
}
