package org.toxwatch.testsupport.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Topics are created as contracts/asyncapi.yaml describes them, by tests, the demo and the broker test resource. */
class KafkaTopicsTest {

    @Test
    void documentedTopicsGetTheContractsSettings() throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            // made before the contract was applied, as auto-creation would: ensureDocumented corrects it
            KafkaTopics.create(broker.bootstrapServers(), List.of(new org.apache.kafka.clients.admin.NewTopic(
                    "ae.graded.v1.dlq", java.util.Optional.empty(), java.util.Optional.empty())));
            KafkaTopics.ensureDocumented(broker.bootstrapServers(), "ae.graded.v1.dlq");
            broker.createDocumentedTopics();
            broker.createTopics("made.up.v1");

            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertTrue(topics.containsAll(KafkaTopics.documented()), "created: " + topics);
            assertEquals("compact", config(admin, "treatment.courses.v1").get("cleanup.policy").value());
            for (String deadLetters : List.of("lab.observations.fhir.v1.dlq", "ae.graded.v1.dlq", "symptom.reports.v1.dlq")) {
                assertEquals("2097152", config(admin, deadLetters).get("max.message.bytes").value(), deadLetters);
            }
            assertEquals("delete", config(admin, "made.up.v1").get("cleanup.policy").value(),
                    "a topic the contract does not name gets the broker's defaults");

            // what the setting is for: an input just under 1 MiB with its reason headers still fits as a dead letter
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_097_152);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
                    new StringSerializer())) {
                ProducerRecord<String, String> deadLetter = new ProducerRecord<>("lab.observations.fhir.v1.dlq", "p-1",
                        "z".repeat(1_048_576 - 200));
                deadLetter.headers().add(new RecordHeader("dead-letter-reason",
                        ("UNIT_NOT_GRADABLE: " + "u".repeat(500)).getBytes(StandardCharsets.UTF_8)));
                producer.send(deadLetter).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A topic just created may not be known yet to the node that answers; ask until it is. */
    private static Config config(Admin admin, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return org.awaitility.Awaitility.await("the configuration of " + topic).atMost(java.time.Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(java.util.concurrent.ExecutionException.class)
                .until(() -> admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource),
                        java.util.Objects::nonNull);
    }
}
