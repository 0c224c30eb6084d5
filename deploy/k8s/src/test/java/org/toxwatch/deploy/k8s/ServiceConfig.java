package org.toxwatch.deploy.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's {@code application.properties} says that its manifests must agree with: its HTTP port, the consumer
 * groups and topics it reads, how often it commits offsets and whether it verifies bearer tokens.
 *
 * @param service    the service directory, e.g. {@code lab-ingest}
 * @param properties the default profile's settings, {@code ${NAME:default}} not yet resolved
 */
record ServiceConfig(String service, Properties properties) {

    /** What the four Deployments run. */
    static final List<String> SERVICES = List.of("lab-ingest", "toxicity-grader", "dose-advisor", "ward-dashboard");

    /** The Kafka client's auto.commit.interval.ms default, which SmallRye's throttled commit strategy follows. */
    static final Duration KAFKA_DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(5);

    private static final Pattern INCOMING = Pattern.compile("^mp\\.messaging\\.incoming\\.([^.]+)\\.connector$");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^{}:]+)(?::([^{}]*))?}");

    /** One topic read by one consumer group. */
    record Consumption(String group, String topic) {
    }

    static ServiceConfig of(String service) {
        Path file = Kustomize.projectDir().resolve("services").resolve(service)
                .resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new ServiceConfig(service, properties);
    }

    /** A setting with {@code ${NAME:default}} replaced by its default, as when the variable is not set. */
    Optional<String> setting(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = EXPRESSION.matcher(value.strip());
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(resolved, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(resolved);
        return Optional.of(resolved.toString());
    }

    /** The environment variable a setting reads, e.g. {@code HTTP_PORT} for {@code ${HTTP_PORT:8081}}. */
    Optional<String> variable(String key) {
        Matcher m = EXPRESSION.matcher(properties.getProperty(key, ""));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    int httpPort() {
        return Integer.parseInt(setting("quarkus.http.port").orElse("8080"));
    }

    /** Each (consumer group, topic) of the service's incoming Kafka channels, sorted. */
    List<Consumption> consumes() {
        List<Consumption> result = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            Matcher m = INCOMING.matcher(key);
            if (m.matches() && "smallrye-kafka".equals(properties.getProperty(key).strip())) {
                String prefix = "mp.messaging.incoming." + m.group(1) + ".";
                String group = setting(prefix + "group.id").orElseThrow(
                        () -> new AssertionError(service + ": channel " + m.group(1) + " has no group.id"));
                String topics = setting(prefix + "topics").or(() -> setting(prefix + "topic")).orElse(m.group(1));
                for (String topic : topics.split(",")) {
                    result.add(new Consumption(group, topic.strip()));
                }
            }
        }
        return result;
    }

    /** The longest offset-commit interval of its channels: what a graceful shutdown must outlast. */
    Duration commitInterval() {
        Duration longest = setting("kafka.auto.commit.interval.ms").map(ms -> Duration.ofMillis(Long.parseLong(ms)))
                .orElse(KAFKA_DEFAULT_COMMIT_INTERVAL);
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".auto.commit.interval.ms")) {
                Duration channel = Duration.ofMillis(Long.parseLong(setting(key).orElseThrow()));
                longest = channel.compareTo(longest) > 0 ? channel : longest;
            }
        }
        return longest;
    }

    /** Whether the service verifies bearer tokens with a key file named by an environment variable. */
    Optional<String> jwtKeyVariable() {
        return variable("mp.jwt.verify.publickey.location");
    }
}
