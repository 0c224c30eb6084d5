package org.toxwatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drift check itself, against the small fixture projects under src/test/resources/drift/. */
class TopicDriftCheckTest {

    private static AsyncApiDocument contract;

    @BeforeAll
    static void loadFixtureContract() throws IOException {
        try (InputStream in = TopicDriftCheckTest.class.getResourceAsStream("/drift/contract.yaml")) {
            contract = AsyncApiDocument.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void agreeingServicesHaveNoProblems() throws URISyntaxException {
        TopicDrift drift = TopicDrift.scan(fixture("agreeing"));
        assertEquals(List.of(), drift.problems(contract));
        assertEquals(List.of("reader", "writer"), List.copyOf(drift.services()));
    }

    @Test
    void collectsTopicsDeadLetterTopicsAndResolvedDefaults() throws URISyntaxException {
        List<String> uses = TopicDrift.scan(fixture("agreeing")).uses().stream()
                .map(u -> u.service() + " " + u.direction() + " " + u.channel() + " -> " + u.topic())
                .toList();
        assertEquals(List.of(
                "reader incoming courses -> courses.v1",
                "reader incoming fhir -> in.fhir.v1",
                "reader incoming fhir -> in.fhir.v1.dlq",
                "writer outgoing alerts -> out.alerts.v1"), uses);
    }

    @Test
    void reportsEveryDisagreementOnce() throws URISyntaxException {
        List<String> problems = TopicDrift.scan(fixture("disagreeing")).problems(contract);
        List<String> expected = List.of(
                "reader: mp.messaging.incoming.fhir.topic = 'in.fhir.V1'",
                "reader: mp.messaging.incoming.fhir.failure-strategy (no dead-letter-queue.topic: SmallRye defaults it)"
                        + " = 'dead-letter-topic-fhir'",
                "reader [%test]: %test.mp.messaging.incoming.fhir.topic = 'in.fhir.v1-test'",
                "reader [%test]: mp.messaging.incoming.fhir.failure-strategy (no dead-letter-queue.topic",
                "${COURSES_TOPIC} without a default",
                "reader: mp.messaging.incoming.courses.topic = '${COURSES_TOPIC}'",
                "writer: mp.messaging.outgoing.audit (no topic set: defaults to the channel name) = 'audit'",
                "writer: mp.messaging.outgoing.alerts.cloud-events-type = 'org.example.AlertRaised.v1' but the"
                        + " contract fixes ce_type of out.alerts.v1 to 'org.example.Alert.v1'",
                "writer: mp.messaging.outgoing.alerts.cloud-events-data-schema = 'urn:toxwatch:contracts:alert.v2' but"
                        + " the contract fixes ce_dataschema of out.alerts.v1 to 'urn:toxwatch:contracts:alert.v1'",
                "channel fhir (in.fhir.v1) is used by no service",
                "channel fhirDlq (in.fhir.v1.dlq) is used by no service",
                "channel courses (courses.v1) is used by no service");
        for (String fragment : expected) {
            assertEquals(1, problems.stream().filter(p -> p.contains(fragment)).count(),
                    "'" + fragment + "' should be reported once in:\n" + String.join("\n", problems));
        }
        assertEquals(expected.size(), problems.size(), String.join("\n", problems));
    }

    @Test
    void failsClearlyWhenNoServiceHasMessagingConfiguration(@TempDir Path empty) throws URISyntaxException {
        for (Path project : List.of(fixture("no-services"), empty)) {
            List<String> problems = TopicDrift.scan(project).problems(contract);
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("no service configuration found"), problems.get(0));
        }
    }

    @Test
    void patternSubscriptionsAndRetryTopicsCannotBeCheckedSoTheyAreReported() {
        List<String> problems = TopicDrift.ofProperties(Map.of("grader", """
                mp.messaging.incoming.labs.topic=in\\\\..*
                mp.messaging.incoming.labs.pattern=true
                mp.messaging.incoming.courses.topic=courses.v1
                mp.messaging.incoming.courses.failure-strategy=delayed-retry-topic
                """)).problems(contract);
        assertTrue(problems.stream().anyMatch(p -> p.contains("labs subscribes by pattern")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("courses uses delayed-retry-topic")),
                problems.toString());
    }

    @Test
    void quotedChannelNamesAndTopicListsAreRead() {
        TopicDrift drift = TopicDrift.ofProperties(Map.of("reader", """
                mp.messaging.incoming."fhir.in".topics=in.fhir.v1, courses.v1
                """));
        assertEquals(List.of("courses.v1", "in.fhir.v1"),
                drift.uses().stream().map(TopicDrift.TopicUse::topic).toList());
        assertEquals("fhir.in", drift.uses().get(0).channel());
    }

    @Test
    void findsTheProjectRootFromTheConfiguredDirectoryOrItsModule(@TempDir Path root) throws IOException {
        Path contracts = Files.createDirectories(root.resolve("contracts"));
        Files.writeString(contracts.resolve("asyncapi.yaml"), "asyncapi: 3.0.0\n");
        Path module = Files.createDirectories(root.resolve("services/lab-ingest"));
        assertEquals(root.toAbsolutePath(), TopicDrift.locateProjectDir(root.toString(), Path.of("/")));
        assertEquals(root.toAbsolutePath(), TopicDrift.locateProjectDir(contracts.toString(), Path.of("/")));
        assertEquals(root.toAbsolutePath(), TopicDrift.locateProjectDir(null, module));
    }

    @Test
    void saysHowToFixAMissingProjectRoot(@TempDir Path elsewhere) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TopicDrift.locateProjectDir("", elsewhere));
        assertTrue(e.getMessage().contains("-Dtoxwatch.project.dir"), e.getMessage());
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(TopicDriftCheckTest.class.getResource("/drift/" + name).toURI());
    }
}
