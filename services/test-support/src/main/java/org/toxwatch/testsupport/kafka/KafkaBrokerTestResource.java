package org.toxwatch.testsupport.kafka;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker as {@code kafka.bootstrap.servers}.
 *
 * <p>A broker named by {@code -Dtoxwatch.kafka.bootstrap} or the environment variable {@code KAFKA_BOOTSTRAP_SERVERS}
 * is reused (CI or a developer may run one for many test classes); otherwise a {@link KafkaBrokerProcess} is started
 * for the test class and stopped after it, with every topic of {@code contracts/asyncapi.yaml} created as it describes
 * them (a compacted course topic, dead-letter topics that take 2 MiB). Init arg {@code topics}: comma-separated topics
 * to create first, also on a reused broker.
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = KafkaBrokerTestResource.class,
 *         initArgs = @ResourceArg(name = "topics", value = "lab.observations.fhir.v1,lab.observations.normalized.v1"))
 * }</pre>
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOPICS_ARG = "topics";
    public static final String BOOTSTRAP_PROPERTY = "toxwatch.kafka.bootstrap";
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    private final Map<String, String> environment;
    private List<String> topics = List.of();
    private KafkaBrokerProcess startedBroker;

    public KafkaBrokerTestResource() {
        this(System.getenv());
    }

    KafkaBrokerTestResource(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        topics = Arrays.stream(initArgs.getOrDefault(TOPICS_ARG, "").split(","))
                .map(String::trim)
                .filter(topic -> !topic.isEmpty())
                .toList();
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = runningBroker().orElseGet(() -> {
            startedBroker = KafkaBrokerProcess.start();
            return startedBroker.bootstrapServers();
        });
        try {
            if (startedBroker != null) {
                startedBroker.createDocumentedTopics();
            }
            KafkaTopics.create(bootstrap, topics.toArray(String[]::new));
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void stop() {
        if (startedBroker != null) {
            startedBroker.close();
            startedBroker = null;
        }
    }

    /** The broker this resource started, if it started one rather than reusing a running broker. */
    Optional<KafkaBrokerProcess> startedBroker() {
        return Optional.ofNullable(startedBroker);
    }

    private Optional<String> runningBroker() {
        return Optional.ofNullable(System.getProperty(BOOTSTRAP_PROPERTY))
                .or(() -> Optional.ofNullable(environment.get(BOOTSTRAP_ENV)))
                .map(String::trim)
                .filter(bootstrap -> !bootstrap.isEmpty());
    }
}
