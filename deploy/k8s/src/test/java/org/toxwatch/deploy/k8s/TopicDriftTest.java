package org.toxwatch.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toxwatch.contracts.AsyncApiDocument;
import org.toxwatch.deploy.k8s.KafkaTopicDrift.ContractTopic;

/** The Strimzi KafkaTopics and {@code contracts/asyncapi.yaml} name the same topics, configured alike. */
class TopicDriftTest {

    private static Path asyncApi;
    private static Map<String, ContractTopic> contract;

    @BeforeAll
    static void readContract() {
        asyncApi = Kustomize.projectDir().resolve("contracts").resolve("asyncapi.yaml");
        contract = KafkaTopicDrift.contract(asyncApi);
    }

    static List<String> overlays() {
        return Kustomize.overlayNames();
    }

    @Test
    void theContractReadsHereAsInTheContractsModule() throws IOException {
        AsyncApiDocument document = AsyncApiDocument.parse(Files.readString(asyncApi));
        assertThat(contract.keySet()).isEqualTo(document.channelAddresses());
        for (AsyncApiDocument.Channel channel : document.channels()) {
            assertThat(contract.get(channel.address()).configuration().get("cleanup.policy"))
                    .as("cleanup.policy of %s", channel.address())
                    .isEqualTo(channel.compacted() ? "compact" : "delete");
        }
        assertThat(contract).containsKeys("treatment.courses.v1", "lab.observations.fhir.v1.dlq", "ae.graded.v1.dlq");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyOverlayDeclaresExactlyTheContractsTopics(String overlay) {
        List<ObjectNode> topics = Kustomize.overlay(overlay).ofKind("KafkaTopic");
        assertThat(KafkaTopicDrift.problems(topics, contract)).as("drift in %s", overlay).isEmpty();
        for (ObjectNode topic : topics) {
            assertThat(topic.path("metadata").path("namespace").asText()).as("namespace of %s", Manifests.name(topic))
                    .isEqualTo("kafka");
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("toxwatch");
            // v1 requires a spec (Strimzi's 0.45 generator does not know that); we also want every count explicit
            assertThat(topic.at("/spec/partitions").isInt()).as("partitions of %s", Manifests.name(topic)).isTrue();
            assertThat(topic.at("/spec/replicas").isInt()).as("replicas of %s", Manifests.name(topic)).isTrue();
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt())
                    .as("min.insync.replicas of %s", Manifests.name(topic))
                    .isBetween(1, topic.path("spec").path("replicas").asInt());
        }
    }

    @Test
    void theTopicsBaseIsTheContractsOwnScale() {
        for (ObjectNode topic : Kustomize.render(Kustomize.deployDir().resolve("topics")).ofKind("KafkaTopic")) {
            assertThat(topic.path("spec").path("partitions").asInt()).as("partitions of %s", Manifests.name(topic))
                    .isEqualTo(contract.get(Manifests.name(topic)).partitions());
        }
    }

    @Test
    void productionKeepsThreeCopiesAndWritesOnlyWhenTwoHaveIt() {
        for (String overlay : List.of("prod", "prod-hpa")) {
            for (ObjectNode topic : Kustomize.overlay(overlay).ofKind("KafkaTopic")) {
                assertThat(topic.path("spec").path("replicas").asInt()).as("%s %s", overlay, Manifests.name(topic))
                        .isEqualTo(3);
                assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt())
                        .as("%s %s", overlay, Manifests.name(topic)).isEqualTo(2);
            }
        }
    }

    @Test
    void productionGivesEveryPatientKeyedTopicTwelvePartitionsAndEveryDeadLetterTopicOne() {
        Map<String, Integer> partitions = new TreeMap<>();
        Kustomize.overlay("prod").ofKind("KafkaTopic")
                .forEach(topic -> partitions.put(Manifests.name(topic), topic.path("spec").path("partitions").asInt()));
        partitions.forEach((topic, count) -> assertThat(count).as(topic).isEqualTo(topic.endsWith(".dlq") ? 1 : 12));
    }

    @Test
    void theLargeInputDeadLetterTopicTakesTwoMebibyteRecords() {
        for (String overlay : overlays()) {
            JsonNode dlq = Kustomize.overlay(overlay).get("KafkaTopic", "lab.observations.fhir.v1.dlq");
            assertThat(dlq.path("spec").path("config").path("max.message.bytes").asLong()).as(overlay).isEqualTo(2097152);
        }
    }

    @Test
    void aTopicMissingFromTheManifestsIsReported() {
        List<ObjectNode> topics = new ArrayList<>(prodTopics());
        topics.removeIf(topic -> Manifests.name(topic).equals("symptom.reports.v1.dlq"));
        assertThat(KafkaTopicDrift.problems(topics, contract))
                .containsExactly("channel symptom.reports.v1.dlq of contracts/asyncapi.yaml has no KafkaTopic");
    }

    @Test
    void aTopicTheContractDoesNotKnowIsReported() {
        List<ObjectNode> topics = new ArrayList<>(prodTopics());
        ObjectNode extra = topics.get(0).deepCopy();
        ((ObjectNode) extra.path("metadata")).put("name", "dose.alerts.v2");
        ((ObjectNode) extra.path("spec")).put("topicName", "dose.alerts.v2");
        topics.add(extra);
        assertThat(KafkaTopicDrift.problems(topics, contract)).singleElement()
                .satisfies(p -> assertThat(p).contains("dose.alerts.v2").contains("no channel"));
    }

    @Test
    void aCourseTopicThatIsNoLongerCompactedIsReported() {
        List<ObjectNode> topics = prodTopics();
        topics.stream().filter(topic -> Manifests.name(topic).equals("treatment.courses.v1")).findFirst().ifPresent(
                topic -> ((ObjectNode) topic.path("spec").path("config")).put("cleanup.policy", "delete"));
        assertThat(KafkaTopicDrift.problems(topics, contract)).containsExactly(
                "treatment.courses.v1: cleanup.policy is 'delete', the contract says 'compact'");
    }

    @Test
    void fewerPartitionsThanTheContractAndAMissingSettingAreReported() {
        List<ObjectNode> topics = prodTopics();
        for (ObjectNode topic : topics) {
            if (Manifests.name(topic).equals("ae.graded.v1")) {
                ((ObjectNode) topic.path("spec")).put("partitions", 2);
                ((ObjectNode) topic.path("spec").path("config")).remove("retention.ms");
            }
        }
        assertThat(KafkaTopicDrift.problems(topics, contract)).containsExactlyInAnyOrder(
                "ae.graded.v1: 2 partitions, fewer than the contract's 3",
                "ae.graded.v1: retention.ms is not set, the contract says '1209600000'");
    }

    /** Copies, so a test may change them. */
    private static List<ObjectNode> prodTopics() {
        List<ObjectNode> copies = new ArrayList<>();
        Kustomize.overlay("prod").ofKind("KafkaTopic").forEach(topic -> copies.add(topic.deepCopy()));
        assertThat(KafkaTopicDrift.problems(copies, contract)).isEmpty();
        return copies;
    }
}
