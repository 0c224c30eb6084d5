package org.toxwatch.contracts;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the Kafka topics the services configure with the channels of the AsyncAPI contract.
 *
 * <p>It reads {@code services/<service>/src/main/resources/application.properties} and collects, for every Kafka
 * channel under every configuration profile, the topic ({@code .topic}, {@code .topics}, or the channel name when
 * neither is set, as SmallRye does) and, for incoming channels, the dead-letter topic ({@code dead-letter-queue.topic},
 * or SmallRye's default {@code dead-letter-topic-<channel>} when the failure strategy is {@code dead-letter-queue}).
 * {@code ${NAME:default}} expressions resolve to their default, so the check does not depend on the environment.
 */
public final class TopicDrift {

    /** System property the root pom's surefire configuration sets to the reactor root. */
    public static final String PROJECT_DIR_PROPERTY = "toxwatch.project.dir";

    private static final String KAFKA_CONNECTOR = "smallrye-kafka";
    private static final Pattern CHANNEL_KEY = Pattern.compile(
            "^(?:%([\\w-]+)\\.)?mp\\.messaging\\.(incoming|outgoing)\\.(\"[^\"]+\"|[^.\"]+)\\.(.+)$");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^{}:]+)(?::([^{}]*))?}");

    /**
     * One topic a service's configuration points at.
     *
     * @param service   the service directory name, e.g. {@code lab-ingest}
     * @param profile   the Quarkus profile ({@code ""} for the default one)
     * @param direction {@code incoming} or {@code outgoing}
     * @param channel   the SmallRye channel name
     * @param source    the property that names the topic, or a note saying which default applied
     * @param topic     the resolved topic name
     */
    public record TopicUse(String service, String profile, String direction, String channel, String source,
                           String topic) {
    }

    private record Setting(String key, String value) {
    }

    private record ChannelKey(String direction, String channel) {
    }

    private final Map<String, Properties> configByService;
    private final List<TopicUse> uses = new ArrayList<>();
    private final List<String> configProblems = new ArrayList<>();
    private final List<CloudEventSetting> cloudEventSettings = new ArrayList<>();

    private record CloudEventSetting(String service, String key, String topic, String attribute, String value) {
    }

    private TopicDrift(Map<String, Properties> configByService) {
        this.configByService = configByService;
        configByService.forEach(this::collect);
        uses.sort(Comparator.comparing(TopicUse::service).thenComparing(TopicUse::profile)
                .thenComparing(TopicUse::topic).thenComparing(TopicUse::source));
    }

    /** Reads every {@code services/*}/src/main/resources/application.properties under the project directory. */
    public static TopicDrift scan(Path projectDir) {
        return ofProperties(ServiceConfigs.read(projectDir));
    }

    /** From application.properties texts keyed by service name. */
    public static TopicDrift ofProperties(Map<String, String> propertiesByService) {
        Map<String, Properties> parsed = new TreeMap<>();
        propertiesByService.forEach((service, text) -> {
            Properties properties = new Properties();
            try (Reader reader = new StringReader(text)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            parsed.put(service, properties);
        });
        return new TopicDrift(parsed);
    }

    /**
     * The project root: the {@value #PROJECT_DIR_PROPERTY} system property when it holds the contract, else the first
     * directory upwards from the working directory that holds {@code contracts/asyncapi.yaml}.
     */
    public static Path locateProjectDir() {
        return locateProjectDir(System.getProperty(PROJECT_DIR_PROPERTY), Path.of(""));
    }

    static Path locateProjectDir(String configured, Path workingDir) {
        // the property can point at this module when Maven runs inside contracts/, hence the walk up from it too
        Path start = configured != null && !configured.isBlank()
                ? Path.of(configured).toAbsolutePath()
                : workingDir.toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("contracts").resolve(AsyncApiDocument.FILE))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory holding contracts/" + AsyncApiDocument.FILE + " at or above "
                + start + " (set -D" + PROJECT_DIR_PROPERTY + "=<project root>)");
    }

    public Set<String> services() {
        return configByService.keySet();
    }

    public List<TopicUse> uses() {
        return List.copyOf(uses);
    }

    /** Everything that disagrees with the contract, one readable line each; empty when services and contract agree. */
    public List<String> problems(AsyncApiDocument contract) {
        if (configByService.isEmpty()) {
            return List.of("no service configuration found: expected services/<service>/src/main/resources/"
                    + "application.properties with mp.messaging.* topics");
        }
        List<String> problems = new ArrayList<>(configProblems);
        Set<String> addresses = contract.channelAddresses();
        Set<String> used = new TreeSet<>();
        for (TopicUse use : uses) {
            used.add(use.topic());
            if (!addresses.contains(use.topic())) {
                problems.add(label(use.service(), use.profile()) + ": " + use.source() + " = '" + use.topic()
                        + "' is not a channel address in contracts/asyncapi.yaml " + addresses);
            }
        }
        for (AsyncApiDocument.Channel channel : contract.channels()) {
            if (!used.contains(channel.address())) {
                problems.add("channel " + channel.id() + " (" + channel.address()
                        + ") is used by no service's application.properties " + configByService.keySet());
            }
        }
        for (CloudEventSetting setting : cloudEventSettings) {
            Optional<AsyncApiDocument.Channel> channel = contract.channel(setting.topic());
            Optional<String> expected = channel.flatMap(c -> switch (setting.attribute()) {
                case "type" -> c.cloudEventType();
                case "source" -> c.cloudEventSource();
                default -> c.payloadSchema().map(ContractSchemas::idFor);
            });
            if (expected.isPresent() && !expected.get().equals(setting.value())) {
                problems.add(setting.service() + ": " + setting.key() + " = '" + setting.value() + "' but the contract"
                        + " fixes ce_" + setting.attribute().replace("-", "") + " of " + setting.topic()
                        + " to '" + expected.get() + "'");
            }
        }
        return problems;
    }

    private void collect(String service, Properties properties) {
        // profile -> channel -> attribute -> setting; "" is the default profile
        Map<String, Map<ChannelKey, Map<String, Setting>>> byProfile = new TreeMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            Matcher m = CHANNEL_KEY.matcher(key);
            if (m.matches()) {
                String profile = m.group(1) == null ? "" : m.group(1);
                String channel = m.group(3).replace("\"", "");
                byProfile.computeIfAbsent(profile, p -> new LinkedHashMap<>())
                        .computeIfAbsent(new ChannelKey(m.group(2), channel), c -> new LinkedHashMap<>())
                        .put(m.group(4), new Setting(key, properties.getProperty(key)));
            }
        }
        Map<ChannelKey, Map<String, Setting>> defaults = byProfile.getOrDefault("", Map.of());
        for (String profile : byProfile.keySet()) {
            Set<ChannelKey> channels = new LinkedHashSet<>(defaults.keySet());
            channels.addAll(byProfile.get(profile).keySet());
            for (ChannelKey channel : channels) {
                if (!profile.isEmpty() && !byProfile.get(profile).containsKey(channel)) {
                    continue; // nothing profile-specific: already covered by the default profile
                }
                Map<String, Setting> effective = new LinkedHashMap<>(defaults.getOrDefault(channel, Map.of()));
                effective.putAll(byProfile.get(profile).getOrDefault(channel, Map.of()));
                collectChannel(service, profile, channel, effective, properties);
            }
        }
    }

    private void collectChannel(String service, String profile, ChannelKey channel, Map<String, Setting> attributes,
                                Properties properties) {
        Setting connector = attributes.get("connector");
        if (connector != null && !KAFKA_CONNECTOR.equals(resolve(service, connector, properties))) {
            return; // e.g. smallrye-in-memory in tests: no Kafka topic involved
        }
        String label = label(service, profile);
        if ("true".equals(value(service, attributes.get("pattern"), properties))) {
            configProblems.add(label + ": channel " + channel.channel() + " subscribes by pattern; list its topics "
                    + "explicitly so they can be checked against the contract");
            return;
        }
        List<String> topics = new ArrayList<>();
        Setting topicsSetting = attributes.get("topics");
        Setting topicSetting = attributes.get("topic");
        if (topicsSetting != null) {
            for (String topic : resolve(service, topicsSetting, properties).split(",")) {
                add(service, profile, channel, topicsSetting.key(), topic.strip(), topics);
            }
        } else if (topicSetting != null) {
            add(service, profile, channel, topicSetting.key(), resolve(service, topicSetting, properties), topics);
        } else {
            add(service, profile, channel, "mp.messaging." + channel.direction() + "." + channel.channel()
                    + " (no topic set: defaults to the channel name)", channel.channel(), topics);
        }

        if ("incoming".equals(channel.direction())) {
            Setting dlqTopic = attributes.get("dead-letter-queue.topic");
            String strategy = value(service, attributes.get("failure-strategy"), properties);
            if (dlqTopic != null) {
                add(service, profile, channel, dlqTopic.key(), resolve(service, dlqTopic, properties), topics);
            } else if ("dead-letter-queue".equals(strategy)) {
                String source = attributes.get("failure-strategy").key()
                        + " (no dead-letter-queue.topic: SmallRye defaults it)";
                add(service, profile, channel, source, "dead-letter-topic-" + channel.channel(), topics);
            } else if ("delayed-retry-topic".equals(strategy)) {
                configProblems.add(label + ": channel " + channel.channel() + " uses delayed-retry-topic; its retry "
                        + "topics are not in the contract yet");
            }
        } else {
            for (String attribute : List.of("type", "source", "data-schema")) {
                Setting ce = attributes.get("cloud-events-" + attribute);
                if (ce != null) {
                    for (String topic : topics) {
                        cloudEventSettings.add(new CloudEventSetting(label, ce.key(), topic, attribute,
                                resolve(service, ce, properties)));
                    }
                }
            }
        }
    }

    private static String label(String service, String profile) {
        return profile.isEmpty() ? service : service + " [%" + profile + "]";
    }

    private void add(String service, String profile, ChannelKey channel, String source, String topic,
                     List<String> topics) {
        if (topic.isEmpty()) {
            configProblems.add(service + ": " + source + " is empty");
            return;
        }
        uses.add(new TopicUse(service, profile, channel.direction(), channel.channel(), source, topic));
        topics.add(topic);
    }

    private String value(String service, Setting setting, Properties properties) {
        return setting == null ? null : resolve(service, setting, properties);
    }

    /** Resolves ${NAME:default} to its default and ${other.property} to that property of the same file. */
    private String resolve(String service, Setting setting, Properties properties) {
        String value = setting.value().strip();
        for (int depth = 0; depth < 10; depth++) {
            Matcher m = EXPRESSION.matcher(value);
            if (!m.find()) {
                return value;
            }
            String replacement;
            if (m.group(2) != null) {
                replacement = m.group(2);
            } else if (properties.getProperty(m.group(1)) != null) {
                replacement = properties.getProperty(m.group(1)).strip();
            } else {
                configProblems.add(service + ": " + setting.key() + " = " + setting.value()
                        + " refers to ${" + m.group(1) + "} without a default; give it one so the topic is known");
                return value;
            }
            value = value.substring(0, m.start()) + replacement + value.substring(m.end());
        }
        configProblems.add(service + ": " + setting.key() + " nests expressions too deeply");
        return value;
    }
}
