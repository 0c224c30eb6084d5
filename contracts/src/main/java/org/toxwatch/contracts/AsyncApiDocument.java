package org.toxwatch.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The AsyncAPI 3.0 document {@code contracts/asyncapi.yaml}: which topics exist and what travels on them.
 *
 * <pre>{@code
 * AsyncApiDocument contract = AsyncApiDocument.load();
 * String schema = contract.channel("dose.alerts.v1").orElseThrow().payloadSchema().orElseThrow(); // "dose-alert.v1"
 * }</pre>
 */
public final class AsyncApiDocument {

    static final String FILE = "asyncapi.yaml";
    private static final String SCHEMA_DIR = "./schemas/";
    private static final String SCHEMA_SUFFIX = ".schema.json";

    private final JsonNode root;
    private final List<Channel> channels;

    private AsyncApiDocument(JsonNode root) {
        this.root = root;
        this.channels = readChannels();
    }

    /** The contract shipped in this jar. */
    public static AsyncApiDocument load() {
        return parse(ContractFiles.read(FILE));
    }

    /** Any AsyncAPI 3 document, e.g. a test fixture. */
    public static AsyncApiDocument parse(String yaml) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            if (root == null || !root.path("asyncapi").asText().startsWith("3.")) {
                throw new IllegalArgumentException("not an AsyncAPI 3 document (missing 'asyncapi: 3.x')");
            }
            return new AsyncApiDocument(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("asyncapi document is not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * One channel, i.e. one Kafka topic.
     *
     * @param id               the channel's key in the document, e.g. {@code doseAlerts}
     * @param address          the topic name, e.g. {@code dose.alerts.v1}
     * @param payloadSchema    the schema name of its message payload, e.g. {@code dose-alert.v1}; empty for dead-letter
     *                         topics, whose payload is the original bytes
     * @param cloudEventType   the {@code ce_type} its messages must carry, when fixed by the contract
     * @param cloudEventSource the {@code ce_source} its messages must carry, when fixed by the contract
     * @param compacted        whether the topic's cleanup policy includes {@code compact}
     */
    public record Channel(String id, String address, Optional<String> payloadSchema, Optional<String> cloudEventType,
                          Optional<String> cloudEventSource, boolean compacted) {

        public boolean deadLetter() {
            return address.endsWith(".dlq");
        }
    }

    public List<Channel> channels() {
        return channels;
    }

    /**
     * How a topic is to be created, from its channel's Kafka binding: the partition count and the topic configuration
     * (a list such as {@code cleanup.policy: [compact]} joined with commas, as Kafka writes it).
     */
    public record TopicSettings(String topic, int partitions, Map<String, String> configuration) {

        public TopicSettings {
            configuration = Map.copyOf(configuration);
        }
    }

    /** The settings of every topic in the document, in document order. */
    public List<TopicSettings> topicSettings() {
        List<TopicSettings> settings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.path("channels").properties()) {
            JsonNode channel = resolve(entry.getValue());
            JsonNode kafka = resolve(channel.path("bindings")).path("kafka");
            Map<String, String> configuration = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> config : kafka.path("topicConfiguration").properties()) {
                JsonNode value = config.getValue();
                if (value.isArray()) {
                    List<String> parts = new ArrayList<>();
                    value.forEach(part -> parts.add(part.asText()));
                    configuration.put(config.getKey(), String.join(",", parts));
                } else {
                    configuration.put(config.getKey(), value.asText());
                }
            }
            settings.add(new TopicSettings(channel.path("address").asText(entry.getKey()),
                    kafka.path("partitions").asInt(1), configuration));
        }
        return List.copyOf(settings);
    }

    public Optional<TopicSettings> topicSettings(String address) {
        return topicSettings().stream().filter(t -> t.topic().equals(address)).findFirst();
    }

    /** Every topic name in the document, sorted. */
    public Set<String> channelAddresses() {
        Set<String> addresses = new TreeSet<>();
        channels.forEach(c -> addresses.add(c.address()));
        return addresses;
    }

    public Optional<Channel> channel(String address) {
        return channels.stream().filter(c -> c.address().equals(address)).findFirst();
    }

    /** The parsed document, for contract tests. */
    JsonNode root() {
        return root;
    }

    /** Follows a local {@code $ref} ("#/components/...") if the node is one; other nodes come back unchanged. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 16) {
                return current;
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalStateException("unresolved $ref " + ref);
            }
        }
        return current;
    }

    private List<Channel> readChannels() {
        List<Channel> result = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.path("channels").properties()) {
            JsonNode channel = resolve(entry.getValue());
            String address = channel.path("address").asText(entry.getKey());
            JsonNode messages = channel.path("messages");
            if (messages.size() != 1) {
                throw new IllegalStateException("channel " + entry.getKey() + " must carry exactly one message, has "
                        + messages.size());
            }
            JsonNode message = resolve(messages.elements().next());
            JsonNode headers = message.has("headers") ? resolve(message.get("headers")) : null;
            JsonNode bindings = resolve(channel.path("bindings"));
            boolean compacted = false;
            for (JsonNode policy : bindings.path("kafka").path("topicConfiguration").path("cleanup.policy")) {
                compacted |= "compact".equals(policy.asText());
            }
            result.add(new Channel(entry.getKey(), address, payloadSchema(message),
                    headerConst(headers, "ce_type"), headerConst(headers, "ce_source"), compacted));
        }
        return List.copyOf(result);
    }

    private Optional<String> payloadSchema(JsonNode message) {
        JsonNode payload = message.path("payload");
        // AsyncAPI 3 multi-format schema ({schemaFormat, schema}) or a plain schema / $ref
        JsonNode schema = payload.has("schemaFormat") ? payload.path("schema") : payload;
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith(SCHEMA_DIR) && ref.endsWith(SCHEMA_SUFFIX)) {
            return Optional.of(ref.substring(SCHEMA_DIR.length(), ref.length() - SCHEMA_SUFFIX.length()));
        }
        return Optional.empty();
    }

    private Optional<String> headerConst(JsonNode headers, String header) {
        if (headers == null) {
            return Optional.empty();
        }
        JsonNode schema = resolve(headers);
        JsonNode value = schema.path("properties").path(header).path("const");
        if (value.isTextual()) {
            return Optional.of(value.asText());
        }
        for (JsonNode part : schema.path("allOf")) {
            Optional<String> found = headerConst(part, header);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
