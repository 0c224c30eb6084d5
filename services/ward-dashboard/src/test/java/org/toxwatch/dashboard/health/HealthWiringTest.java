package org.toxwatch.dashboard.health;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.toxwatch.dashboard.support.Messages;
import org.toxwatch.testsupport.health.HealthWiring;
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

    @Inject
    Config config;

    @Test
    void readinessReportsTheConsumerGroupsLagAndLivenessOnlyWhatARestartWouldFix() {
        // the check's wiring, whatever the moment's verdict: in a full module run this app has just taken the hostile
        // suites' storms and may still be behind (the verdict itself is tested in the grader's ConsumerLagHealthTest)
        HealthWiring.awaitReadinessWatchingTheLagOf("ward-dashboard", 10_000);
        // the database and the lag are readiness only: a restart cures neither
        HealthWiring.assertLivenessHoldsOnlyTheChannels();
    }

    @Test
    void everyIncomingChannelRidesOutAnOutageOfMinutesAndBelongsToTheWatchedGroup() {
        HealthWiring.assertIncomingKafkaChannels(config, "ward-dashboard", "dose-alerts", "alert-lifecycle",
                "graded-events", "treatment-courses");
    }
}
