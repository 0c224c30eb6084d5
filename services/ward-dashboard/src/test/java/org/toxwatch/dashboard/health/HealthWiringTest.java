package org.toxwatch.dashboard.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.toxwatch.dashboard.support.Messages;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health wiring of the ward dashboard (the full lag scenario runs in the toxicity-grader's ConsumerLagHealthTest):
 * readiness watches the ward-dashboard group's lag on its four topics next to the channels and the database; liveness
 * holds the channels' failures only.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class,
        initArgs = @ResourceArg(name = KafkaBrokerTestResource.TOPICS_ARG, value = Messages.TOPICS))
@WithTestResource(JwtKeyTestResource.class)
@WithTestResource(PostgresTestResource.class)
class HealthWiringTest {

    private static final String LAG = "checks.find { it.name == 'Kafka consumer lag' }";

    @Inject
    Config config;

    @Test
    void readinessReportsTheConsumerGroupsLagAndLivenessOnlyWhatARestartWouldFix() {
        // the check's wiring, whatever the moment's verdict: in a full module run this app has just taken the hostile
        // suites' storms and may still be behind (the verdict itself is tested in the grader's ConsumerLagHealthTest)
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/q/health/ready").then()
                .body(LAG + ".status", org.hamcrest.Matchers.oneOf("UP", "DOWN"))
                .body(LAG + ".data.group", equalTo("ward-dashboard"))
                .body(LAG + ".data.threshold", equalTo(10_000))
                .body("checks.name", hasItems("SmallRye Reactive Messaging - readiness check",
                        "Reactive PostgreSQL connections health check")));

        // the database and the lag are readiness only: a restart cures neither
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.name", contains("SmallRye Reactive Messaging - liveness check"));
    }

    @Test
    void everyIncomingChannelRidesOutAnOutageOfMinutesAndBelongsToTheWatchedGroup() {
        List<String> channels = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("mp.messaging.incoming.") && name.endsWith(".connector"))
                .map(name -> name.substring("mp.messaging.incoming.".length(), name.length() - ".connector".length()))
                .toList();
        assertThat(channels).containsExactlyInAnyOrder("dose-alerts", "alert-lifecycle", "graded-events", "treatment-courses");
        for (String channel : channels) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            assertThat(config.getValue(prefix + "throttled.unprocessed-record-max-age.ms", Long.class)).as(channel)
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(10).toMillis());
            assertThat(config.getValue(prefix + "group.id", String.class)).as(channel).isEqualTo("ward-dashboard");
        }
        assertThat(config.getValue("toxwatch.readiness.consumer-groups", String.class)).isEqualTo("ward-dashboard");
    }
}
