package org.toxwatch.testsupport.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.eclipse.microprofile.config.Config;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * How every consuming service's health is wired, checked the same way in each (inside a {@code @QuarkusTest}, whose
 * RestAssured points at the app): readiness holds the consumer group's lag next to the channels and the database;
 * liveness only the channels' failures, since a restart cures neither a slow database nor a backlog; and every
 * incoming Kafka channel belongs to the watched group and rides out an outage of minutes before liveness gives up.
 */
public final class HealthWiring {

    public static final String LAG_CHECK = "Kafka consumer lag";
    public static final String CHANNELS_READY = "SmallRye Reactive Messaging - readiness check";
    public static final String CHANNELS_LIVE = "SmallRye Reactive Messaging - liveness check";
    public static final String DATABASE = "Reactive PostgreSQL connections health check";

    private static final String LAG = "checks.find { it.name == '" + LAG_CHECK + "' }";
    private static final String INCOMING = "mp.messaging.incoming.";
    private static final String CONNECTOR = ".connector";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private HealthWiring() {
    }

    /** Waits until the service is ready, its lag check UP for {@code group} at {@code threshold}. */
    public static void awaitReadyWatchingTheLagOf(String group, long threshold) {
        awaitLagCheck(group, threshold, true);
    }

    /**
     * Waits until readiness holds the lag check for {@code group} at {@code threshold}, whatever its verdict of the
     * moment (a service that has just taken a storm may still be behind).
     */
    public static void awaitReadinessWatchingTheLagOf(String group, long threshold) {
        awaitLagCheck(group, threshold, false);
    }

    /** Liveness is UP and holds the channels' check only: no database, no lag. */
    public static void assertLivenessHoldsOnlyTheChannels() {
        JsonPath live = given().get("/q/health/live").then().statusCode(200).extract().jsonPath();
        assertThat(live.getList("checks.name", String.class)).containsExactly(CHANNELS_LIVE);
    }

    /**
     * The service's incoming Kafka channels are exactly {@code channels}; each waits at least ten minutes for an
     * unprocessed record before it is marked failed (a database failover is no reason to restart) and consumes in
     * {@code group}, the group whose lag readiness watches.
     */
    public static void assertIncomingKafkaChannels(Config config, String group, String... channels) {
        List<String> incoming = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith(INCOMING) && name.endsWith(CONNECTOR))
                .filter(name -> "smallrye-kafka".equals(config.getValue(name, String.class)))
                .map(name -> name.substring(INCOMING.length(), name.length() - CONNECTOR.length()))
                .toList();
        assertThat(incoming).containsExactlyInAnyOrder(channels);
        for (String channel : incoming) {
            assertThat(config.getValue(INCOMING + channel + ".throttled.unprocessed-record-max-age.ms", Long.class))
                    .as(channel).isGreaterThanOrEqualTo(Duration.ofMinutes(10).toMillis());
            assertThat(config.getValue(INCOMING + channel + ".group.id", String.class))
                    .as(channel + ": its group's lag gates readiness").isEqualTo(group);
        }
        assertThat(config.getValue("toxwatch.readiness.consumer-groups", String.class)).isEqualTo(group);
    }

    private static void awaitLagCheck(String group, long threshold, boolean ready) {
        await().atMost(WAIT).untilAsserted(() -> {
            ValidatableResponse response = given().get("/q/health/ready").then();
            if (ready) {
                response.statusCode(200);
            }
            JsonPath health = response.extract().jsonPath();
            assertThat(health.getList("checks.name", String.class)).contains(LAG_CHECK, CHANNELS_READY, DATABASE);
            assertThat(health.getString(LAG + ".status")).isIn(ready ? Set.of("UP") : Set.of("UP", "DOWN"));
            assertThat(health.getString(LAG + ".data.group")).isEqualTo(group);
            assertThat(health.getLong(LAG + ".data.threshold")).isEqualTo(threshold);
        });
    }
}
