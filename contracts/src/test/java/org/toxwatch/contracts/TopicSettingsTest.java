package org.toxwatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The topic settings tests, the demo and operators create topics with, as the document's Kafka bindings give them. */
class TopicSettingsTest {

    private final AsyncApiDocument contract = AsyncApiDocument.load();

    @Test
    void everyTopicOfTheDocumentHasSettings() {
        assertEquals(contract.channelAddresses(),
                new java.util.TreeSet<>(contract.topicSettings().stream().map(AsyncApiDocument.TopicSettings::topic).toList()));
    }

    @Test
    void theCourseTopicIsCompacted() {
        AsyncApiDocument.TopicSettings courses = contract.topicSettings("treatment.courses.v1").orElseThrow();
        assertEquals("compact", courses.configuration().get("cleanup.policy"));
        assertEquals(3, courses.partitions());
    }

    /**
     * A refused input just under the broker's 1 MiB limit goes to the dead-letter topic with its reason headers: every
     * dead-letter topic must take 2 MiB, or the dead-letter write fails and the channel stops.
     */
    @Test
    void everyDeadLetterTopicTakesTwoMebibyteRecords() {
        List<AsyncApiDocument.TopicSettings> deadLetters = contract.topicSettings().stream()
                .filter(t -> t.topic().endsWith(".dlq")).toList();
        assertTrue(deadLetters.size() >= 4, "dead-letter topics: " + deadLetters);
        for (AsyncApiDocument.TopicSettings topic : deadLetters) {
            assertEquals("2097152", topic.configuration().get("max.message.bytes"), topic.topic());
            assertEquals(1, topic.partitions(), topic.topic());
        }
    }

    @Test
    void listsAreJoinedAsKafkaWritesThem() {
        AsyncApiDocument document = AsyncApiDocument.parse("""
                asyncapi: 3.0.0
                channels:
                  a:
                    address: a.v1
                    messages:
                      m: {payload: {type: string}}
                    bindings:
                      kafka:
                        partitions: 6
                        topicConfiguration:
                          cleanup.policy: [compact, delete]
                          retention.ms: 1000
                """);
        assertEquals(List.of(new AsyncApiDocument.TopicSettings("a.v1", 6,
                Map.of("cleanup.policy", "compact,delete", "retention.ms", "1000"))), document.topicSettings());
    }
}
