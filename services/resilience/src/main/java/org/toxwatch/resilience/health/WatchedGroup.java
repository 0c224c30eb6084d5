package org.toxwatch.resilience.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A consumer group whose lag gates readiness, with the topics its incoming channels read and, per topic, whether a
 * partition without a committed offset is read from its start.
 * <p>
 * Read from the SmallRye Kafka channel configuration ({@code mp.messaging.incoming.<channel>.group.id},
 * {@code topic} / {@code topics}, {@code auto.offset.reset}), so the check measures exactly what the consumers read.
 */
public record WatchedGroup(String group, Map<String, Boolean> topicsFromEarliest) {

    static final String INCOMING = "mp.messaging.incoming.";
    private static final Pattern GROUP_ID = Pattern.compile(Pattern.quote(INCOMING) + "(.+)\\.group\\.id");

    public WatchedGroup {
        Objects.requireNonNull(group, "group");
        topicsFromEarliest = Map.copyOf(topicsFromEarliest);
    }

    public Set<String> topics() {
        return new TreeSet<>(topicsFromEarliest.keySet());
    }

    /**
     * The groups to watch: those named, or every group of an incoming Kafka channel when none is named.
     *
     * @param properties the {@code mp.messaging.incoming.*} and {@code kafka.*} properties of the service
     * @throws IllegalStateException when a named group is read by no incoming Kafka channel, or a channel of a watched
     *         group subscribes by pattern (its topics are not known ahead)
     */
    public static List<WatchedGroup> from(Map<String, String> properties, Optional<List<String>> named) {
        Map<String, Map<String, Boolean>> byGroup = new TreeMap<>();
        Map<String, String> patternChannelByGroup = new TreeMap<>();
        for (String name : properties.keySet()) {
            Matcher matcher = GROUP_ID.matcher(name);
            if (!matcher.matches()) {
                continue;
            }
            String channel = matcher.group(1);
            String prefix = INCOMING + channel + ".";
            if (!isKafka(properties, prefix) || "false".equalsIgnoreCase(properties.get(prefix + "enabled"))) {
                continue;
            }
            String group = properties.get(name).trim();
            byGroup.computeIfAbsent(group, g -> new LinkedHashMap<>());
            if (Boolean.parseBoolean(properties.getOrDefault(prefix + "pattern", "false"))) {
                patternChannelByGroup.put(group, channel);
                continue;
            }
            boolean fromEarliest = "earliest".equals(properties.getOrDefault(prefix + "auto.offset.reset",
                    properties.getOrDefault("kafka.auto.offset.reset", "latest")).trim().toLowerCase(Locale.ROOT));
            for (String topic : topics(properties, prefix, channel)) {
                // two channels of one group on one topic: the one that may start earliest decides
                byGroup.get(group).merge(topic, fromEarliest, Boolean::logicalOr);
            }
        }

        List<String> wanted = named.filter(list -> !list.isEmpty()).orElse(List.copyOf(byGroup.keySet()));
        List<WatchedGroup> watched = new ArrayList<>();
        for (String group : wanted) {
            Map<String, Boolean> topics = byGroup.get(group);
            if (topics == null) {
                throw new IllegalStateException("toxwatch.readiness.consumer-groups names '" + group
                        + "', but no incoming Kafka channel has this group.id; channels' groups: " + byGroup.keySet());
            }
            if (patternChannelByGroup.containsKey(group)) {
                throw new IllegalStateException("consumer group '" + group + "': channel "
                        + patternChannelByGroup.get(group) + " subscribes by pattern, so its topics are not known ahead");
            }
            watched.add(new WatchedGroup(group, topics));
        }
        return List.copyOf(watched);
    }

    private static boolean isKafka(Map<String, String> properties, String prefix) {
        // Quarkus attaches a channel without a connector to the only connector present, here Kafka
        return properties.getOrDefault(prefix + "connector", "smallrye-kafka").trim().equals("smallrye-kafka");
    }

    private static List<String> topics(Map<String, String> properties, String prefix, String channel) {
        String topics = properties.get(prefix + "topics");
        if (topics != null && !topics.isBlank()) {
            return Arrays.stream(topics.split(",")).map(String::trim).filter(topic -> !topic.isEmpty()).toList();
        }
        // without topic or topics, the connector reads the topic named like the channel
        return List.of(properties.getOrDefault(prefix + "topic", channel).trim());
    }
}
