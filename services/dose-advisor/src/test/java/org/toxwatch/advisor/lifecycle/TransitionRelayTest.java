package org.toxwatch.advisor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.toxwatch.advisor.lifecycle.AlertFixtures.ALERTS;
import static org.toxwatch.advisor.lifecycle.AlertFixtures.LIFECYCLE;
import static org.toxwatch.advisor.lifecycle.AlertFixtures.WAIT;
import static org.toxwatch.testsupport.kafka.TopicRecorder.header;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The lifecycle's outbox: a transition committed but cut off before its publication (the service died in between) is
 * published by the relay under its stored id, with its alert's content; a published one is marked and never relayed.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class TransitionRelayTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool database;

    @Inject
    ObjectMapper json;

    @Inject
    AlertLifecycle lifecycle;

    @Inject
    TransitionRelay relay;

    @Inject
    MeterRegistry metrics;

    private KafkaTestClient kafka;
    private AlertFixtures alerts;

    @BeforeEach
    void open() {
        kafka = new KafkaTestClient(bootstrap, LIFECYCLE, ALERTS);
        alerts = new AlertFixtures(lifecycle, json, database, kafka);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void anAlertCommittedButNeverPublishedReachesBothTopicsThroughTheRelayUnderItsStoredIds() {
        // another alert published the normal way first: the relay must tell its cut-off transition from marked ones
        UUID published = alerts.raise("p-relay-0", "Platelet count decreased", "sorafenib");
        UUID publishedOpening = alerts.stored(published).get(0).lifecycleEventId();
        await().atMost(WAIT).until(() -> published(publishedOpening));

        UUID alertId = alerts.raiseAndCrashBeforePublishing("p-relay-1", "Neutrophil count decreased", "lenvatinib");
        UUID opened = alerts.stored(alertId).get(0).lifecycleEventId();

        // nothing publishes this alert inline: whatever reaches the topics comes from the relay. Each run takes the
        // oldest unpublished transitions first, a batch at a time, so other tests' leftovers may come before this one.
        await().atMost(WAIT).until(() -> {
            AlertFixtures.run(() -> relay.publishUnpublished(Instant.now().plusSeconds(1)));
            return published(opened);
        });

        // the scheduled run and these calls may both have sent it: at least once, always under the stored id
        await().atMost(WAIT).until(() -> !kafka.records(LIFECYCLE, "p-relay-1").isEmpty()
                && !kafka.records(ALERTS, "p-relay-1").isEmpty());
        assertThat(kafka.records(LIFECYCLE, "p-relay-1")).extracting(r -> header(r, "ce_id")).containsOnly(opened.toString());
        assertThat(kafka.records(ALERTS, "p-relay-1")).allSatisfy(r -> assertThat(r.value()).contains(alertId.toString()));
        assertThat(published(opened)).isTrue();
        assertThat(AlertFixtures.run(() -> relay.publishUnpublished(Instant.now().plusSeconds(1))))
                .as("a relayed transition is not relayed again").doesNotContain(opened);
    }

    @Test
    void aTransitionPublishedInlineIsMarkedAndLeftAloneByTheRelay() {
        UUID alertId = alerts.raise("p-relay-2", "Platelet count decreased", "lenvatinib");
        AlertFixtures.run(() -> lifecycle.acknowledge(alertId, Actor.person("nurse-relay", "nurse"), null));

        List<UUID> ids = alerts.stored(alertId).stream().map(AlertFixtures.Stored::lifecycleEventId).toList();
        assertThat(ids).hasSize(2);
        await().atMost(WAIT).until(() -> ids.stream().allMatch(this::published));
        assertThat(AlertFixtures.run(() -> relay.publishUnpublished(Instant.now().plusSeconds(1))))
                .doesNotContainAnyElementsOf(ids);
        assertThat(kafka.records(LIFECYCLE, "p-relay-2")).hasSize(2);
    }

    @Test
    void aTransitionThatCannotBeRelayedDoesNotHoldBackTheOnesAfterIt() {
        // an older transition whose stored message is unreadable (a corrupted row): it fails on every run
        UUID broken = alerts.raiseAndCrashBeforePublishing("p-relay-3", "Neutrophil count decreased", "sorafenib");
        UUID unreadable = UUID.randomUUID();
        database.preparedQuery("INSERT INTO dose_advisor.alert_transition (alert_id, sequence, transition, to_state, actor,"
                + " at, revision, escalation_level, lifecycle_event_id, event)"
                + " VALUES ($1, 99, 'ESCALATED', 'OPEN', 'system:test', now() - interval '1 hour', 1, 1, $2, '{truncated')")
                .execute(Tuple.of(broken, unreadable)).await().atMost(WAIT);
        UUID alertId = alerts.raiseAndCrashBeforePublishing("p-relay-4", "Neutrophil count decreased", "lenvatinib");
        UUID opened = alerts.stored(alertId).get(0).lifecycleEventId();

        await().atMost(WAIT).until(() -> {
            AlertFixtures.run(() -> relay.publishUnpublished(Instant.now().plusSeconds(1)));
            return published(opened);
        });
        assertThat(published(unreadable)).as("the unreadable one is never marked").isFalse();
        assertThat(AlertFixtures.run(() -> relay.publishUnpublished(Instant.now().plusSeconds(1))))
                .as("and it is left out of what a run reports as published").doesNotContain(unreadable);
        assertThat(kafka.records(LIFECYCLE, "p-relay-4")).extracting(r -> header(r, "ce_id")).contains(opened.toString());
        assertThat(failures()).isPositive();
    }

    private double failures() {
        return metrics.counter("toxwatch_outbox_relay_failures_total").count();
    }

    private boolean published(UUID lifecycleEventId) {
        return database.preparedQuery("SELECT count(*) FROM dose_advisor.transition_publication WHERE lifecycle_event_id = $1")
                .execute(Tuple.of(lifecycleEventId)).await().atMost(WAIT)
                .iterator().next().getLong(0) == 1;
    }
}
