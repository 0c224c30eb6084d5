package org.toxwatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AsyncApiContractTest {

    private static final List<String> CLOUD_EVENT_HEADERS =
            List.of("ce_id", "ce_type", "ce_source", "ce_specversion", "ce_time", "ce_subject");
    private static final List<String> DEAD_LETTER_HEADERS = List.of("dead-letter-reason", "dead-letter-cause",
            "dead-letter-topic", "dead-letter-partition", "dead-letter-offset");

    private static AsyncApiDocument contract;
    private static ContractSchemas schemas;

    @BeforeAll
    static void load() {
        contract = AsyncApiDocument.load();
        schemas = ContractSchemas.load();
    }

    @Test
    void isAsyncApi300() {
        assertEquals("3.0.0", contract.root().path("asyncapi").asText());
        assertTrue(contract.root().path("servers").size() > 0, "a server entry for the local broker");
    }

    @Test
    void everyRefResolvesToAFileOrAnInternalComponent() {
        List<String> unresolved = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        collectRefs(contract.root(), "", refs);
        for (String ref : refs) {
            String target = ref.substring(ref.indexOf(" -> ") + 4);
            if (target.startsWith("#/")) {
                if (contract.root().at(target.substring(1)).isMissingNode()) {
                    unresolved.add(ref);
                }
            } else if (!resolvesToFile(target)) {
                unresolved.add(ref);
            }
        }
        assertFalse(refs.isEmpty(), "the document uses $refs");
        assertEquals(List.of(), unresolved, "unresolved $refs (location -> target)");
    }

    @Test
    void refsInsideEverySchemaResolveWithinIt() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> unresolved = new ArrayList<>();
        for (String name : schemas.names()) {
            JsonNode schema = json.readTree(schemas.text(name));
            List<String> refs = new ArrayList<>();
            collectRefs(schema, "", refs);
            for (String ref : refs) {
                String target = ref.substring(ref.indexOf(" -> ") + 4);
                if (!target.startsWith("#") || schema.at(target.substring(1)).isMissingNode()) {
                    unresolved.add(name + ": " + ref);
                }
            }
        }
        assertEquals(List.of(), unresolved);
    }

    @Test
    void everyMessageHasAPayloadSchemaExceptDeadLetters() {
        List<String> wrong = new ArrayList<>();
        for (AsyncApiDocument.Channel channel : contract.channels()) {
            if (channel.deadLetter() == channel.payloadSchema().isPresent()) {
                wrong.add(channel.address() + (channel.deadLetter() ? " is a DLQ but declares a payload schema"
                        : " has no payload schema"));
            }
            channel.payloadSchema().filter(s -> !schemas.names().contains(s))
                    .ifPresent(s -> wrong.add(channel.address() + " refers to unknown schema " + s));
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everySchemaIsThePayloadOfAChannel() {
        Set<String> payloads = contract.channels().stream()
                .flatMap(c -> c.payloadSchema().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(schemas.names(), payloads);
    }

    @Test
    void channelsAreExactlyTheTopicsOfTheArchitectureTable() throws IOException {
        Map<String, Boolean> documented = architectureTopics();
        assertFalse(documented.isEmpty(), "no topics found in docs/architecture.md's topics table");
        assertEquals(documented.keySet(), contract.channelAddresses());
        for (AsyncApiDocument.Channel channel : contract.channels()) {
            assertEquals(documented.get(channel.address()), channel.compacted(),
                    channel.address() + ": compaction must match the architecture table");
        }
    }

    @Test
    void everyChannelHasKafkaBindingsWithPositivePartitionsAndReplicas() {
        for (Map.Entry<String, JsonNode> entry : contract.root().path("channels").properties()) {
            JsonNode kafka = contract.resolve(entry.getValue().path("bindings")).path("kafka");
            assertTrue(kafka.path("partitions").asInt() > 0, entry.getKey() + " partitions");
            assertTrue(kafka.path("replicas").asInt() > 0, entry.getKey() + " replicas");
            assertTrue(kafka.path("topicConfiguration").path("cleanup.policy").isArray(),
                    entry.getKey() + " cleanup.policy");
        }
    }

    @Test
    void everyMessageIsKeyedByThePatientPseudonymString() {
        for (Map.Entry<String, JsonNode> message : contract.root().path("components").path("messages").properties()) {
            JsonNode key = contract.resolve(
                    contract.resolve(message.getValue().path("bindings")).path("kafka").path("key"));
            assertEquals("string", key.path("type").asText(), message.getKey() + " key type");
        }
        JsonNode pseudonym = contract.root().at("/components/schemas/PatientPseudonym");
        for (AsyncApiDocument.Channel channel : contract.channels().stream().filter(c -> !c.deadLetter()).toList()) {
            JsonNode message = contract.resolve(
                    contract.root().path("channels").path(channel.id()).path("messages").elements().next());
            JsonNode key = contract.resolve(contract.resolve(message.path("bindings")).path("kafka").path("key"));
            assertEquals(pseudonym, key, channel.address() + " must be keyed by PatientPseudonym");
        }
    }

    @Test
    void ourOwnMessagesCarryCloudEventBinaryHeaders() {
        Set<String> types = new HashSet<>();
        for (AsyncApiDocument.Channel channel : contract.channels()) {
            if (channel.deadLetter() || channel.address().equals("lab.observations.fhir.v1")) {
                continue; // lab systems publish plain FHIR; dead letters keep whatever headers the original had
            }
            JsonNode message = contract.resolve(
                    contract.root().path("channels").path(channel.id()).path("messages").elements().next());
            Set<String> required = requiredHeaders(contract.resolve(message.path("headers")));
            assertTrue(required.containsAll(CLOUD_EVENT_HEADERS), channel.address() + " requires " + required);
            assertTrue(channel.cloudEventType().isPresent(), channel.address() + " fixes ce_type");
            assertTrue(channel.cloudEventSource().orElse("").startsWith("urn:toxwatch:"), channel.address());
            assertTrue(types.add(channel.cloudEventType().get()), "ce_type must be unique per channel");
        }
        JsonNode ceId = contract.root().at("/components/schemas/CloudEventHeaders/properties/ce_id");
        assertTrue(ceId.path("description").asText().contains("idempotency key"), "ce_id is the idempotency key");
    }

    @Test
    void deadLetterMessagesDescribeTheSmallRyeHeaders() {
        List<AsyncApiDocument.Channel> deadLetters =
                contract.channels().stream().filter(AsyncApiDocument.Channel::deadLetter).toList();
        // every topic a ToxWatch service consumes has its dead-letter topic; the alert topics are read by dashboards only
        Set<String> consumed = consumedByOurServices();
        assertTrue(consumed.containsAll(Set.of("ae.graded.v1", "lab.observations.fhir.v1")), consumed.toString());
        assertFalse(consumed.contains("dose.alerts.v1"), "dose.alerts.v1 is read by dashboards, not by a ToxWatch service");
        for (String topic : consumed) {
            assertTrue(contract.channel(topic + ".dlq").isPresent(), topic + " has no dead-letter topic");
        }
        assertEquals(consumed.size(), deadLetters.size(), "one dead-letter topic per topic a ToxWatch service consumes");
        for (AsyncApiDocument.Channel channel : deadLetters) {
            JsonNode message = contract.resolve(
                    contract.root().path("channels").path(channel.id()).path("messages").elements().next());
            JsonNode headers = contract.resolve(message.path("headers"));
            for (String header : DEAD_LETTER_HEADERS) {
                assertTrue(headers.path("properties").has(header), channel.address() + " header " + header);
            }
            assertTrue(message.path("payload").isMissingNode(), channel.address() + " payload is the original bytes");
        }
    }

    @Test
    void operationsSayWhichServiceSendsAndReceivesEveryChannel() {
        Set<String> parties = new HashSet<>();
        contract.root().path("info").path("tags").forEach(t -> parties.add(t.path("name").asText()));
        Map<String, Set<String>> actionsByChannel = new TreeMap<>();
        for (Map.Entry<String, JsonNode> op : contract.root().path("operations").properties()) {
            JsonNode operation = op.getValue();
            List<String> tags = new ArrayList<>();
            operation.path("tags").forEach(t -> tags.add(t.path("name").asText()));
            assertEquals(1, tags.size(), op.getKey() + " names exactly one service");
            assertTrue(parties.contains(tags.get(0)), op.getKey() + " names a service listed in info.tags");
            String address = contract.resolve(operation.path("channel")).path("address").asText();
            actionsByChannel.computeIfAbsent(address, a -> new TreeSet<>()).add(operation.path("action").asText());
        }
        for (String address : contract.channelAddresses()) {
            assertEquals(Set.of("send", "receive"), actionsByChannel.get(address), address + " operations");
        }
    }

    @Test
    void rejectsADocumentThatIsNotAsyncApi3() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AsyncApiDocument.parse("openapi: 3.1.0\ninfo: {title: x}\n"));
        assertTrue(e.getMessage().contains("AsyncAPI 3"), e.getMessage());
    }

    @Test
    void lookupByTopicNameGivesThePayloadSchemaAndCloudEventType() {
        AsyncApiDocument.Channel alerts = contract.channel("dose.alerts.v1").orElseThrow();
        assertEquals("dose-alert.v1", alerts.payloadSchema().orElseThrow());
        assertTrue(alerts.cloudEventType().orElseThrow().endsWith(".v1"));
        assertTrue(contract.channel("no.such.topic").isEmpty());
    }

    /** Non-dead-letter topics some receive operation of a ToxWatch service (not dashboards, not ops) reads. */
    private static Set<String> consumedByOurServices() {
        Set<String> services = Set.of("lab-ingest", "toxicity-grader", "dose-advisor");
        Set<String> consumed = new TreeSet<>();
        for (Map.Entry<String, JsonNode> op : contract.root().path("operations").properties()) {
            JsonNode operation = op.getValue();
            boolean ours = false;
            for (JsonNode tag : operation.path("tags")) {
                ours |= services.contains(tag.path("name").asText());
            }
            String address = contract.resolve(operation.path("channel")).path("address").asText();
            if (ours && "receive".equals(operation.path("action").asText()) && !address.endsWith(".dlq")) {
                consumed.add(address);
            }
        }
        return consumed;
    }

    private static Set<String> requiredHeaders(JsonNode headers) {
        Set<String> required = new HashSet<>();
        headers.path("required").forEach(r -> required.add(r.asText()));
        for (JsonNode part : headers.path("allOf")) {
            required.addAll(requiredHeaders(contract.resolve(part)));
        }
        return required;
    }

    private static void collectRefs(JsonNode node, String pointer, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    out.add(pointer + " -> " + field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), pointer + "/" + field.getKey(), out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRefs(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static boolean resolvesToFile(String ref) {
        String file = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
        String path = Path.of(file).normalize().toString().replace('\\', '/');
        if (path.startsWith("..") || !ContractFiles.exists(path)) {
            return false;
        }
        if (!ref.contains("#")) {
            return true;
        }
        try {
            JsonNode target = new ObjectMapper().readTree(ContractFiles.read(path));
            return !target.at(ref.substring(ref.indexOf('#') + 1)).isMissingNode();
        } catch (IOException e) {
            return false;
        }
    }

    /** Topic name -> compacted?, from the "## Topics" table of docs/architecture.md. */
    private static Map<String, Boolean> architectureTopics() throws IOException {
        Path doc = TopicDrift.locateProjectDir().resolve("docs/architecture.md");
        Map<String, Boolean> topics = new TreeMap<>();
        boolean inTable = false;
        Pattern row = Pattern.compile("^\\|\\s*`([a-z0-9.\\-]+)`([^|]*)\\|");
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("## ")) {
                inTable = line.strip().equals("## Topics");
            }
            Matcher m = row.matcher(line);
            if (inTable && m.find()) {
                topics.put(m.group(1), m.group(2).contains("compacted"));
            }
        }
        return topics;
    }
}
