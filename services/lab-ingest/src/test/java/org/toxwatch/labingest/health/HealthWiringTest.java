package org.toxwatch.labingest.health;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.toxwatch.testsupport.health.HealthWiring;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.postgres.PostgresTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health wiring of lab-ingest (the full lag scenario runs in the toxicity-grader's ConsumerLagHealthTest): readiness
 * watches the lab-ingest group's lag next to the channels and the database; liveness holds the channels' failures only.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
class HealthWiringTest {

    @Inject
    Config config;

    @Test
    void readinessReportsTheConsumerGroupsLagAndLivenessOnlyWhatARestartWouldFix() {
        HealthWiring.awaitReadyWatchingTheLagOf("lab-ingest", 10_000);
        // the database and the lag are readiness only: a restart cures neither
        HealthWiring.assertLivenessHoldsOnlyTheChannels();
    }

    @Test
    void everyIncomingChannelRidesOutAnOutageOfMinutesAndBelongsToTheWatchedGroup() {
        HealthWiring.assertIncomingKafkaChannels(config, "lab-ingest", "fhir-observations");
    }
}
