package org.toxwatch.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Accounts for every input of a run from what is on the topics: each lab result normalized once and graded once per
 * CTCAE term, each poison message dead-lettered once with a reason, and each patient's alerts exactly those expected.
 * A record seen more than once with the same id is a redelivery (counted as a duplicate, absorbed downstream by id);
 * a second id for the same thing is a doubled result (a failure).
 */
final class PipelineLedger {

    static final String LAB_TOPIC = "lab.observations.fhir.v1";
    static final String NORMALIZED_TOPIC = "lab.observations.normalized.v1";
    static final String GRADED_TOPIC = "ae.graded.v1";
    static final String ALERT_TOPIC = "dose.alerts.v1";
    static final Map<String, String> DEAD_LETTER_TOPIC = Map.of(
            LAB_TOPIC, "lab.observations.fhir.v1.dlq",
            NORMALIZED_TOPIC, "lab.observations.normalized.v1.dlq",
            GRADED_TOPIC, "ae.graded.v1.dlq");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pattern labId;
    private final Pattern marker;

    PipelineLedger(String prefix) {
        this.labId = Pattern.compile(Pattern.quote(prefix) + "-lab-\\d{4}-\\d{2}");
        this.marker = Pattern.compile(Pattern.quote(prefix) + "-POISON-\\d+");
    }

    /** What is on the topics now, about the inputs sent so far. */
    Account account(String phase, String bootstrapServers, Set<String> labsSent, Map<String, String> poisonSent,
            Map<String, Map<String, Integer>> expectedAlertsByPatient) {
        Account account = new Account(phase, labsSent.size(), poisonSent.size());

        // normalized: one id per lab result
        Map<String, Set<String>> normalizedIds = new HashMap<>();
        for (var record : TopicContents.read(bootstrapServers, NORMALIZED_TOPIC)) {
            String lab = find(labId, json(record.value()).path("observationId").asText());
            if (lab != null && labsSent.contains(lab)) {
                account.normalizedRecords++;
                normalizedIds.computeIfAbsent(lab, k -> new HashSet<>()).add(ceId(record));
            }
        }
        // graded: one event id per (lab result, term)
        Map<String, Map<String, Set<String>>> gradedIds = new HashMap<>();
        for (var record : TopicContents.read(bootstrapServers, GRADED_TOPIC)) {
            JsonNode event = json(record.value());
            String lab = find(labId, event.path("observationId").asText());
            if (lab == null || !labsSent.contains(lab)) {
                continue;
            }
            account.gradedRecords++;
            gradedIds.computeIfAbsent(lab, k -> new HashMap<>())
                    .computeIfAbsent(event.path("term").asText(), k -> new HashSet<>())
                    .add(event.path("eventId").asText());
        }
        // dead letters: each poison message once, with a reason; no valid result among them
        Map<String, Integer> deadLetterRecords = new HashMap<>();
        for (String stage : DEAD_LETTER_TOPIC.keySet()) {
            for (var record : TopicContents.read(bootstrapServers, DEAD_LETTER_TOPIC.get(stage))) {
                String poison = find(marker, record.value());
                String lab = find(labId, record.value());
                if (lab != null && labsSent.contains(lab) && poison == null) {
                    account.validDeadLettered.add(lab + " on " + DEAD_LETTER_TOPIC.get(stage) + ": "
                            + TopicContents.header(record, "dead-letter-reason"));
                }
                if (poison == null || !poisonSent.containsKey(poison)) {
                    continue;
                }
                if (!stage.equals(poisonSent.get(poison))) {
                    account.problems.add(poison + " sent to " + poisonSent.get(poison) + " but dead-lettered from " + stage);
                }
                String reason = TopicContents.header(record, "dead-letter-reason");
                if (reason == null || reason.isBlank()) {
                    account.problems.add(poison + " dead-lettered without a reason");
                }
                deadLetterRecords.merge(poison, 1, Integer::sum);
            }
        }
        // alerts: per patient, the distinct alert ids per (drug, type, cycle, action)
        Map<String, Map<String, Set<String>>> alertIds = new TreeMap<>();
        Map<String, Integer> alertRecordsByRevision = new HashMap<>();
        for (var record : TopicContents.read(bootstrapServers, ALERT_TOPIC)) {
            JsonNode alert = json(record.value());
            String patient = alert.path("patientId").asText();
            if (!expectedAlertsByPatient.containsKey(patient)) {
                continue;
            }
            alertIds.computeIfAbsent(patient, k -> new TreeMap<>())
                    .computeIfAbsent(alertKey(alert), k -> new HashSet<>())
                    .add(alert.path("alertId").asText());
            alertRecordsByRevision.merge(alert.path("alertId").asText() + "#" + alert.path("revision").asText("1"), 1,
                    Integer::sum);
        }

        for (String lab : labsSent) {
            Set<String> normalized = normalizedIds.getOrDefault(lab, Set.of());
            Map<String, Set<String>> graded = gradedIds.getOrDefault(lab, Map.of());
            if (normalized.size() > 1) {
                account.doubled.add(lab + " normalized under " + normalized.size() + " ids");
            }
            boolean gradedOnce = !graded.isEmpty() && graded.values().stream().allMatch(ids -> ids.size() == 1);
            graded.forEach((term, ids) -> {
                if (ids.size() > 1) {
                    account.doubled.add(lab + " graded " + ids.size() + " times for " + term);
                }
            });
            if (normalized.isEmpty() || graded.isEmpty()) {
                account.lost.add(lab + (normalized.isEmpty() ? " never normalized" : " never graded"));
            } else if (gradedOnce) {
                account.graded++;
            }
            account.gradedEvents += graded.values().stream().mapToInt(Set::size).sum();
            account.distinctNormalized += normalized.size();
        }
        for (String poison : poisonSent.keySet()) {
            Integer records = deadLetterRecords.get(poison);
            if (records == null) {
                account.lost.add(poison + " (poison for " + poisonSent.get(poison) + ") not dead-lettered");
            } else {
                account.deadLettered++;
                account.deadLetterRecords += records;
            }
        }
        for (var patient : expectedAlertsByPatient.entrySet()) {
            Map<String, Set<String>> actual = alertIds.getOrDefault(patient.getKey(), Map.of());
            for (var expected : patient.getValue().entrySet()) {
                int found = actual.getOrDefault(expected.getKey(), Set.of()).size();
                account.expectedAlerts += expected.getValue();
                account.alerts += Math.min(found, expected.getValue());
                if (found < expected.getValue()) {
                    account.lost.add(patient.getKey() + " is missing " + (expected.getValue() - found) + " alert(s) "
                            + expected.getKey());
                }
            }
            actual.forEach((key, ids) -> {
                int expected = patient.getValue().getOrDefault(key, 0);
                if (ids.size() > expected) {
                    account.doubled.add(patient.getKey() + " has " + ids.size() + " alert(s) " + key + ", expected "
                            + expected + ": " + ids);
                }
            });
        }
        account.alertRecords = alertRecordsByRevision.values().stream().mapToInt(Integer::intValue).sum();
        account.distinctAlertRevisions = alertRecordsByRevision.size();
        return account;
    }

    /** The alerts one patient has on the topic: (drug, type, cycle, action) -> how many distinct alert ids. */
    Map<String, Integer> alertsOf(String bootstrapServers, String patientId) {
        Map<String, Set<String>> ids = new TreeMap<>();
        for (var record : TopicContents.read(bootstrapServers, ALERT_TOPIC)) {
            JsonNode alert = json(record.value());
            if (patientId.equals(alert.path("patientId").asText())) {
                ids.computeIfAbsent(alertKey(alert), k -> new HashSet<>()).add(alert.path("alertId").asText());
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        ids.forEach((key, set) -> counts.put(key, set.size()));
        return counts;
    }

    private static String alertKey(JsonNode alert) {
        return alert.path("drug").asText() + "|" + alert.path("type").asText() + "|cycle " + alert.path("cycleNumber").asText()
                + "|" + alert.path("action").asText();
    }

    private static String ceId(ConsumerRecord<String, String> record) {
        String id = TopicContents.header(record, "ce_id");
        return id != null ? id : "offset " + record.partition() + "/" + record.offset();
    }

    private static String find(Pattern pattern, String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group() : null;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    /** The figures of one phase, cumulative over the run. */
    static final class Account {
        final String phase;
        final int labInputs;
        final int poisonInputs;
        int graded;
        int gradedEvents;
        int gradedRecords;
        int distinctNormalized;
        int normalizedRecords;
        int deadLettered;
        int deadLetterRecords;
        int expectedAlerts;
        int alerts;
        int alertRecords;
        int distinctAlertRevisions;
        final List<String> lost = new ArrayList<>();
        final List<String> doubled = new ArrayList<>();
        final List<String> validDeadLettered = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        Account(String phase, int labInputs, int poisonInputs) {
            this.phase = phase;
            this.labInputs = labInputs;
            this.poisonInputs = poisonInputs;
        }

        /** Records delivered more than once under the same id, on all the topics read. */
        int duplicates() {
            return (normalizedRecords - distinctNormalized) + (gradedRecords - gradedEvents)
                    + (deadLetterRecords - deadLettered) + (alertRecords - distinctAlertRevisions);
        }

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("inputs", labInputs + poisonInputs);
            figures.put("graded", graded);
            figures.put("gradedEvents", gradedEvents);
            figures.put("alerts", alerts);
            figures.put("expectedAlerts", expectedAlerts);
            figures.put("deadLettered", deadLettered);
            figures.put("duplicates", duplicates());
            figures.put("lost", lost.size());
            figures.put("doubled", doubled.size());
            return figures;
        }

        String line() {
            StringBuilder line = new StringBuilder("FAULT-INJECTION phase=").append(phase);
            figures().forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
            return line.toString();
        }
    }
}
