package org.toxwatch.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard shows the five things issue 8 asks for, from metrics that exist: every toxwatch_* metric it
 * queries is registered by a service, and every other one comes from a source named here.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("components", "monitoring", "toxwatch-dashboard.json");
    /** Meter names as the services register them, e.g. registry.counter("toxwatch.dead.letters", ...). */
    private static final Pattern REGISTERED = Pattern.compile(
            "(counter|Counter\\.builder|Gauge\\.builder|Timer\\.builder|timer|gauge)\\(\\s*\"(toxwatch\\.[a-z.]+)\"");
    private static final Pattern QUERIED = Pattern.compile("\\b((?:toxwatch|kafka|quarkus)_[a-z_]+)\\b");
    /** Queried metrics no ToxWatch code registers, and where they come from. */
    private static final Set<String> EXTERNAL = Set.of(
            "kafka_consumergroup_lag",                      // Strimzi's Kafka Exporter, per group, topic and partition
            "kafka_consumer_fetch_manager_records_lag_max"); // the Kafka client, through Quarkus' Micrometer binder

    private static JsonNode dashboard;
    private static String text;

    @BeforeAll
    static void read() throws IOException {
        text = Files.readString(Kustomize.deployDir().resolve(DASHBOARD));
        dashboard = new ObjectMapper().readTree(text);
    }

    @Test
    void showsThroughputLagAlertsByActionDeadLettersAndGradingDelay() {
        List<String> titles = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> titles.add(panel.path("title").asText()));
        assertThat(titles).contains("Throughput", "Consumer lag", "Alerts", "Dead letters", "Grading latency")
                .anySatisfy(t -> assertThat(t).startsWith("Observations received"))
                .anySatisfy(t -> assertThat(t).startsWith("Lag by consumer group"))
                .anySatisfy(t -> assertThat(t).isEqualTo("Alerts raised, by action"))
                .anySatisfy(t -> assertThat(t).startsWith("Dead letters, by service and reason"))
                .anySatisfy(t -> assertThat(t).startsWith("Grading delay"));
        assertThat(expressions())
                .anySatisfy(e -> assertThat(e).contains("sum by (type)").contains("toxwatch_alerts_total"));
    }

    @Test
    void everyQueriedMetricIsRegisteredByAServiceOrComesFromANamedSource() {
        Set<String> registered = registeredMetrics();
        assertThat(registered).contains("toxwatch_dead_letters", "toxwatch_alerts", "toxwatch_gradings");
        Set<String> unknown = new TreeSet<>();
        for (String expression : expressions()) {
            Matcher m = QUERIED.matcher(expression);
            while (m.find()) {
                String metric = m.group(1);
                String base = metric.replaceAll("_(total|count|sum|max|bucket)$", "");
                if (!EXTERNAL.contains(metric) && !registered.contains(base)) {
                    unknown.add(metric);
                }
            }
        }
        assertThat(unknown).as("metrics the dashboard queries that nothing exposes").isEmpty();
    }

    @Test
    void theLagPanelFollowsExactlyTheServicesConsumerGroups() {
        Set<String> groups = new TreeSet<>();
        ServiceConfig.SERVICES.forEach(s -> ServiceConfig.of(s).consumes().forEach(c -> groups.add(c.group())));
        String lag = expressions().stream().filter(e -> e.contains("kafka_consumergroup_lag{consumergroup=~")).findFirst()
                .orElseThrow();
        Matcher m = Pattern.compile("consumergroup=~\"([^\"]+)\"").matcher(lag);
        assertThat(m.find()).isTrue();
        assertThat(new TreeSet<>(List.of(m.group(1).split("\\|")))).isEqualTo(groups);
        // the grading delay reads the grader's group and its input channel's client id (kafka-consumer-<channel>)
        assertThat(text).contains("consumergroup=\\\"toxicity-grader\\\"")
                .contains("client_id=\\\"kafka-consumer-normalized-observations\\\"");
        assertThat(ServiceConfig.of("toxicity-grader").setting("mp.messaging.incoming.normalized-observations.topic"))
                .hasValue("lab.observations.normalized.v1");
    }

    @Test
    void productionShipsThisDashboardToGrafanasSidecar() {
        for (String overlay : List.of("prod", "prod-hpa")) {
            JsonNode configMap = Kustomize.overlay(overlay).get("ConfigMap", "toxwatch-grafana-dashboard");
            assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
            assertThat(configMap.at("/data/toxwatch-dashboard.json").asText()).isEqualTo(text);
        }
    }

    private static List<String> expressions() {
        return dashboard.findValues("expr").stream().map(JsonNode::asText).toList();
    }

    /** Prometheus base names (dots as underscores, no _total) of every meter the services' main code registers. */
    private static Set<String> registeredMetrics() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Kustomize.projectDir().resolve("services"))) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                    .toList();
            for (Path file : sources) {
                Matcher m = REGISTERED.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(2).replace('.', '_'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
