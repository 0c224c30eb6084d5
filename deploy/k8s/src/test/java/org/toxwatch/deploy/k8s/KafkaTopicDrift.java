package org.toxwatch.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares Strimzi KafkaTopics with the channels of {@code contracts/asyncapi.yaml}: the same topics, each with the
 * contract's cleanup policy and topic configuration, and at least the contract's partitions (an overlay may raise
 * them; fewer would break the consumer counts the contract was written for).
 */
final class KafkaTopicDrift {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * A topic as the contract's Kafka channel binding describes it.
     *
     * @param configuration {@code topicConfiguration}, lists joined with commas as Kafka writes them
     */
    record ContractTopic(String name, int partitions, Map<String, String> configuration) {
    }

    private KafkaTopicDrift() {
    }

    /** Every channel of the AsyncAPI document, with its binding's partitions and topic configuration. */
    static Map<String, ContractTopic> contract(Path asyncApiYaml) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(asyncApiYaml));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + asyncApiYaml, e);
        }
        Map<String, ContractTopic> topics = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("channels").properties()) {
            JsonNode channel = resolve(root, entry.getValue());
            String name = channel.path("address").asText(entry.getKey());
            JsonNode kafka = resolve(root, channel.path("bindings")).path("kafka");
            Map<String, String> configuration = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> setting : kafka.path("topicConfiguration").properties()) {
                configuration.put(setting.getKey(), text(setting.getValue()));
            }
            topics.put(name, new ContractTopic(name, kafka.path("partitions").asInt(1), configuration));
        }
        return topics;
    }

    /** Each disagreement, one line; empty when the KafkaTopics and the contract match. */
    static List<String> problems(List<? extends JsonNode> kafkaTopics, Map<String, ContractTopic> contract) {
        List<String> problems = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        for (JsonNode topic : kafkaTopics) {
            String name = topic.path("spec").path("topicName").asText(Manifests.name(topic));
            if (!declared.add(name)) {
                problems.add("topic " + name + " is declared twice");
            }
            ContractTopic expected = contract.get(name);
            if (expected == null) {
                problems.add("KafkaTopic " + Manifests.name(topic) + " declares " + name
                        + ", which is no channel of contracts/asyncapi.yaml");
                continue;
            }
            int partitions = topic.path("spec").path("partitions").asInt(0);
            if (partitions < expected.partitions()) {
                problems.add(name + ": " + partitions + " partitions, fewer than the contract's " + expected.partitions());
            }
            JsonNode config = topic.path("spec").path("config");
            expected.configuration().forEach((key, value) -> {
                String actual = config.has(key) ? text(config.get(key)) : null;
                if (!value.equals(actual)) {
                    problems.add(name + ": " + key + " is " + (actual == null ? "not set" : "'" + actual + "'")
                            + ", the contract says '" + value + "'");
                }
            });
        }
        for (String name : contract.keySet()) {
            if (!declared.contains(name)) {
                problems.add("channel " + name + " of contracts/asyncapi.yaml has no KafkaTopic");
            }
        }
        return problems;
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(part -> parts.add(part.asText()));
            return String.join(",", parts);
        }
        return value.asText();
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 16; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return current;
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }
}
