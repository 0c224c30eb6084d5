package org.toxwatch.resilience.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WatchedGroupTest {

    private static final Map<String, String> GRADER = Map.ofEntries(
            Map.entry("mp.messaging.incoming.normalized-observations.connector", "smallrye-kafka"),
            Map.entry("mp.messaging.incoming.normalized-observations.topic", "lab.observations.normalized.v1"),
            Map.entry("mp.messaging.incoming.normalized-observations.group.id", "toxicity-grader"),
            Map.entry("mp.messaging.incoming.normalized-observations.auto.offset.reset", "earliest"),
            Map.entry("mp.messaging.incoming.treatment-courses.connector", "smallrye-kafka"),
            Map.entry("mp.messaging.incoming.treatment-courses.topic", "treatment.courses.v1"),
            Map.entry("mp.messaging.incoming.treatment-courses.group.id", "toxicity-grader"),
            Map.entry("mp.messaging.incoming.treatment-courses.auto.offset.reset", "earliest"),
            Map.entry("mp.messaging.incoming.symptom-reports.connector", "smallrye-kafka"),
            Map.entry("mp.messaging.incoming.symptom-reports.topic", "symptom.reports.v1"),
            Map.entry("mp.messaging.incoming.symptom-reports.group.id", "toxicity-grader"));

    @Test
    void aGroupWatchesTheTopicsOfAllItsChannelsWithTheirResetPolicy() {
        List<WatchedGroup> groups = WatchedGroup.from(GRADER, Optional.of(List.of("toxicity-grader")));

        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.group()).isEqualTo("toxicity-grader");
            assertThat(group.topicsFromEarliest()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "lab.observations.normalized.v1", true,
                    "treatment.courses.v1", true,
                    // no auto.offset.reset: Kafka's default, latest
                    "symptom.reports.v1", false));
        });
    }

    @Test
    void withoutNamedGroupsEveryGroupOfAnIncomingKafkaChannelIsWatched() {
        Map<String, String> properties = new HashMap<>(GRADER);
        properties.put("mp.messaging.incoming.audit.group.id", "audit-reader");
        properties.put("kafka.auto.offset.reset", "earliest");

        List<WatchedGroup> groups = WatchedGroup.from(properties, Optional.empty());

        assertThat(groups).extracting(WatchedGroup::group).containsExactly("audit-reader", "toxicity-grader");
        // no topic attribute: the channel's name; no reset on the channel: the kafka.* default
        assertThat(groups.get(0).topicsFromEarliest()).containsExactly(Map.entry("audit", true));
        assertThat(groups.get(1).topicsFromEarliest()).containsEntry("symptom.reports.v1", true);
    }

    @Test
    void topicsListsEveryTopicOfTheChannel() {
        Map<String, String> properties = Map.of(
                "mp.messaging.incoming.alerts.group.id", "ward-dashboard",
                "mp.messaging.incoming.alerts.topics", "dose.alerts.v1, dose.alerts.lifecycle.v1");

        assertThat(WatchedGroup.from(properties, Optional.empty())).singleElement()
                .satisfies(group -> assertThat(group.topics()).containsExactly("dose.alerts.lifecycle.v1", "dose.alerts.v1"));
    }

    @Test
    void disabledChannelsAndOtherConnectorsAreNotWatched() {
        Map<String, String> properties = new HashMap<>(GRADER);
        properties.put("mp.messaging.incoming.symptom-reports.enabled", "false");
        properties.put("mp.messaging.incoming.queue.connector", "smallrye-amqp");
        properties.put("mp.messaging.incoming.queue.group.id", "toxicity-grader");

        assertThat(WatchedGroup.from(properties, Optional.empty())).singleElement()
                .satisfies(group -> assertThat(group.topics())
                        .containsExactly("lab.observations.normalized.v1", "treatment.courses.v1"));
    }

    @Test
    void aNamedGroupNoChannelReadsIsAConfigurationErrorNotASilentUp() {
        assertThatThrownBy(() -> WatchedGroup.from(GRADER, Optional.of(List.of("toxicity-grder"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'toxicity-grder'").hasMessageContaining("[toxicity-grader]");
    }

    @Test
    void aChannelSubscribingByPatternCannotBeMeasured() {
        Map<String, String> properties = Map.of(
                "mp.messaging.incoming.labs.group.id", "lab-ingest",
                "mp.messaging.incoming.labs.topic", "lab\\..*",
                "mp.messaging.incoming.labs.pattern", "true");

        assertThatThrownBy(() -> WatchedGroup.from(properties, Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pattern");
    }
}
