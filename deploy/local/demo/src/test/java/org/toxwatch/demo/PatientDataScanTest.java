package org.toxwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toxwatch.demo.scenario.DemoCohort;
import org.toxwatch.demo.scenario.FhirObservations;
import org.toxwatch.demo.scenario.LabResultRow;
import org.toxwatch.demo.stack.CohortReplay;
import org.toxwatch.demo.stack.LocalStack;
import org.toxwatch.demo.stack.ProjectLayout;
import org.toxwatch.demo.stack.ServiceProcess;
import org.toxwatch.testsupport.kafka.TopicRecorder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * No patient-identifying data leaves the input and its dead letters. Lab results arrive as FHIR Observations carrying
 * what real lab feeds carry besides the result: the patient's name in {@code subject.display}, the MRN as
 * {@code subject.identifier}, a contained Patient with name, MRN, birth date, phone and address, the performer's name
 * (and a reference to them the message does not resolve) and a free-text note naming a relative. Some are graded and
 * page, some are dead-lettered (a birth date in a non-FHIR format, truncated, an unquoted name, an unknown code, a
 * missing unit, the MRN as the patient reference). After the whole pipeline has run, none of those strings may appear in any service's log, in any
 * service's {@code /q/metrics}, in any record key or header on any topic, or in any value other than the input topic's
 * and its dead-letter topic's, which keep the original payload on purpose (README, "Patient data").
 */
class PatientDataScanTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = "lab.observations.fhir.v1";
    private static final String INPUT_DEAD_LETTERS = "lab.observations.fhir.v1.dlq";
    private static final List<String> SERVICES = List.of("lab-ingest", "toxicity-grader", "dose-advisor", "ward-dashboard");

    /** ToxWatch's patient id: a pseudonym the integration assigns, the only patient reference it should ever pass on. */
    private static final String PSEUDONYM = "p-phi-7c1e";
    private static final String GIVEN_NAME = "Margarethe";
    private static final String FAMILY_NAME = "Quixley-Vandersloot";
    private static final String MRN = "MRN-88310457";
    private static final String BIRTH_DATE = "1957-03-14";
    private static final String BIRTH_DATE_AS_PRINTED = "14.03.1957";
    private static final String PHONE = "+44 20 7946 0321";
    private static final String ADDRESS = "4 Larkspur Mews";
    private static final String PERFORMER = "Dr. Ottoline Brackenbury";
    private static final String RELATIVE = "Wilhelmina Fairweather-Oduya";
    /** What is looked for: each identifying value, or a distinctive part of it (an MRN without its prefix). */
    private static final List<String> PATIENT_DATA = List.of(GIVEN_NAME, "Quixley", "88310457", BIRTH_DATE,
            BIRTH_DATE_AS_PRINTED, "7946 0321", "Larkspur", "Brackenbury", "Fairweather");

    private static LocalStack stack;
    private static CohortReplay replay;
    private static TopicRecorder everything;

    @BeforeAll
    static void runLabResultsCarryingPatientData() {
        String database = "toxwatch_phi_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        stack = LocalStack.start(ProjectLayout.locate(), database);
        stack.dropDatabaseOnClose();
        replay = new CohortReplay(stack);
        everything = new TopicRecorder(stack.bootstrapServers(), LocalStack.TOPICS, record -> { });

        DemoCohort.Course course = new DemoCohort.Course("course-phi-1", PSEUDONYM, """
                {"courseId": "course-phi-1", "patientId": "%s", "regimen": "HAIC-FOLFOX + lenvatinib + sintilimab",
                 "ctcaeVersion": "5.0", "bodyWeightKg": 55, "hccLiverInvolvement": true,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"}],
                 "drugs": [{"drug": "haic-folfox", "doseLevel": 0}, {"drug": "lenvatinib", "doseLevel": 0},
                           {"drug": "sintilimab", "doseLevel": 0}]}
                """.formatted(PSEUDONYM));
        assertThat(replay.putCourse(course).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> replay.graderKnows(course));

        // graded: a baseline, a grade 3 neutropenia that pages, an AST
        publish(identified(lab("PHI-1", "2026-01-02T08:00:00Z", "751-8", "4.1", "10*9/L", "2.0", "7.5"), BIRTH_DATE));
        publish(identified(lab("PHI-2", "2026-02-06T07:30:00Z", "751-8", "0.8", "10*9/L", "2.0", "7.5"), BIRTH_DATE));
        publish(identified(lab("PHI-3", "2026-02-06T07:35:00Z", "1920-8", "52", "U/L", "0", "40"), BIRTH_DATE));

        // dead-lettered, each with the name in it: a birth date written the way a local system prints it (the FHIR
        // parser refuses the whole resource and quotes the value), cut off right after the name, the name not quoted,
        // an unknown LOINC code, a result without a unit, ...
        publish(identified(lab("PHI-6", "2026-02-06T07:36:00Z", "1920-8", "52", "U/L", "0", "40"), BIRTH_DATE_AS_PRINTED));
        replay.publishRaw(PSEUDONYM, "{\"resourceType\": \"Observation\", \"status\": \"final\", \"subject\": "
                + "{\"reference\": \"Patient/" + PSEUDONYM + "\", \"display\": \"" + GIVEN_NAME + " " + FAMILY_NAME + "\"}, \"note\": [{\"te");
        replay.publishRaw(PSEUDONYM, "{\"resourceType\": \"Observation\", \"status\": \"final\", \"subject\": "
                + "{\"reference\": \"Patient/" + PSEUDONYM + "\", \"display\": " + GIVEN_NAME + " " + FAMILY_NAME + "}}");
        publish(identified(lab("PHI-4", "2026-02-06T07:40:00Z", "2345-7", "5.4", "mmol/L", "", ""), BIRTH_DATE));
        publish(identified(lab("PHI-5", "2026-02-06T07:45:00Z", "751-8", "0.9", "", "", ""), BIRTH_DATE));
        // and one whose patient reference is the MRN (the key is right): it must not become the patient id downstream
        publish(identified(lab("PHI-7", "2026-02-06T07:50:00Z", "751-8", "0.7", "10*9/L", "2.0", "7.5"), BIRTH_DATE)
                .replace("\"reference\":\"Patient/" + PSEUDONYM + "\"", "\"reference\":\"Patient/" + MRN + "\""));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(everything.records("lab.observations.normalized.v1", PSEUDONYM)).hasSize(3);
            assertThat(everything.records(INPUT_DEAD_LETTERS, PSEUDONYM)).hasSize(6);
            for (String observation : List.of("PHI-1", "PHI-2", "PHI-3")) {
                assertThat(everything.records("ae.graded.v1", PSEUDONYM))
                        .anyMatch(r -> r.value().contains(FhirObservations.IDENTIFIER_SYSTEM + "|" + observation + "\""));
            }
            assertThat(everything.records("dose.alerts.v1", PSEUDONYM)).isNotEmpty();
            assertThat(everything.records("dose.alerts.lifecycle.v1", PSEUDONYM)).isNotEmpty();
        });
    }

    @AfterAll
    static void stopStack() {
        if (everything != null) {
            everything.close();
        }
        if (replay != null) {
            replay.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theInputAndItsDeadLettersDidCarryThePatientData() {
        // the scan below can only pass for the right reason if the data was there to be copied
        assertThat(findings(values(INPUT))).isNotEmpty();
        assertThat(everything.records(INPUT_DEAD_LETTERS, PSEUDONYM))
                .allSatisfy(r -> assertThat(r.value()).contains(GIVEN_NAME));
    }

    @Test
    void noServiceLogHoldsPatientData() throws IOException {
        Map<String, String> logs = new LinkedHashMap<>();
        for (String service : SERVICES) {
            ServiceProcess process = stack.service(service);
            logs.put("log of " + service + " (" + process.log() + ")", Files.readString(process.log(), StandardCharsets.UTF_8));
        }
        assertThat(logs.values()).allSatisfy(log -> assertThat(log).isNotBlank());
        assertThat(findings(logs)).isEmpty();
    }

    @Test
    void noServiceMetricHoldsPatientData() {
        Map<String, String> metrics = new LinkedHashMap<>();
        for (String service : SERVICES) {
            metrics.put("/q/metrics of " + service, get(stack.service(service), "/q/metrics"));
        }
        assertThat(metrics.values()).allSatisfy(text -> assertThat(text).contains("jvm_"));
        // the dead letters were counted, by reason, and by nothing that names the patient
        assertThat(metrics.get("/q/metrics of lab-ingest")).contains("toxwatch_dead_letters_total");
        assertThat(findings(metrics)).isEmpty();
    }

    @Test
    void noRecordKeyOrHeaderOnAnyTopicHoldsPatientData() {
        Map<String, String> keysAndHeaders = new LinkedHashMap<>();
        for (String topic : LocalStack.TOPICS) {
            for (ConsumerRecord<String, String> record : everything.records(topic)) {
                String where = topic + "-" + record.partition() + "@" + record.offset();
                keysAndHeaders.put("key of " + where, String.valueOf(record.key()));
                for (Header header : record.headers()) {
                    keysAndHeaders.put("header " + header.key() + " of " + where,
                            header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(keysAndHeaders).containsKey("header dead-letter-reason of " + INPUT_DEAD_LETTERS + "-"
                + everything.records(INPUT_DEAD_LETTERS, PSEUDONYM).get(0).partition() + "@"
                + everything.records(INPUT_DEAD_LETTERS, PSEUDONYM).get(0).offset());
        assertThat(findings(keysAndHeaders)).isEmpty();
    }

    @Test
    void normalizedObservationsGradedEventsAndAlertsCarryOnlyThePseudonym() {
        Map<String, String> derived = new LinkedHashMap<>();
        for (String topic : LocalStack.TOPICS) {
            if (!topic.equals(INPUT) && !topic.equals(INPUT_DEAD_LETTERS)) {
                derived.putAll(values(topic));
            }
        }
        assertThat(derived.keySet()).anyMatch(where -> where.startsWith("value of dose.alerts.v1"));
        assertThat(findings(derived)).isEmpty();
        assertThat(everything.records("ae.graded.v1", PSEUDONYM)).allSatisfy(r -> assertThat(r.value())
                .contains("\"patientId\":\"" + PSEUDONYM + "\""));
    }

    /** Each place where an identifying value shows, with a little context, as "where: value in '...'". */
    private static List<String> findings(Map<String, String> texts) {
        List<String> found = new ArrayList<>();
        texts.forEach((where, text) -> {
            String lower = text.toLowerCase(Locale.ROOT);
            for (String value : PATIENT_DATA) {
                int at = lower.indexOf(value.toLowerCase(Locale.ROOT));
                if (at >= 0) {
                    String context = text.substring(Math.max(0, at - 80), Math.min(text.length(), at + value.length() + 80));
                    found.add(where + ": " + value + " in '" + context.replace('\n', ' ') + "'");
                }
            }
        });
        return found;
    }

    private static Map<String, String> values(String topic) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : everything.records(topic)) {
            values.put("value of " + topic + "-" + record.partition() + "@" + record.offset(), String.valueOf(record.value()));
        }
        return values;
    }

    private static LabResultRow lab(String id, String effective, String loinc, String value, String unit, String low,
            String high) {
        return new LabResultRow(id, PSEUDONYM, Instant.parse(effective), loinc, value, unit, low, high);
    }

    private static void publish(String observation) {
        replay.publishRaw(PSEUDONYM, observation);
    }

    /** The lab result as FHIR, with what a hospital feed sends about the patient around it. */
    private static String identified(LabResultRow row, String birthDate) {
        try {
            ObjectNode observation = (ObjectNode) JSON.readTree(new FhirObservations().render(row));
            ObjectNode patient = observation.putArray("contained").addObject();
            patient.put("resourceType", "Patient").put("id", "pat");
            patient.putArray("identifier").addObject().put("system", "urn:oid:1.2.826.0.1.3680043.9.7781.1").put("value", MRN);
            ObjectNode name = patient.putArray("name").addObject();
            name.put("family", FAMILY_NAME).putArray("given").add(GIVEN_NAME);
            patient.put("birthDate", birthDate);
            patient.putArray("telecom").addObject().put("system", "phone").put("value", PHONE);
            patient.putArray("address").addObject().putArray("line").add(ADDRESS);

            ObjectNode subject = (ObjectNode) observation.get("subject");
            subject.put("display", GIVEN_NAME + " " + FAMILY_NAME);
            subject.putObject("identifier").put("system", "urn:oid:1.2.826.0.1.3680043.9.7781.1").put("value", MRN);
            // a reference to a practitioner the message does not contain: HAPI used to log it while parsing
            observation.putArray("performer").addObject().put("reference", "#dr-brackenbury").put("display", PERFORMER);
            observation.putArray("note").addObject().put("text", "Drawn at home visit; " + GIVEN_NAME + " " + FAMILY_NAME
                    + " (DOB " + birthDate + ") asks that results go to her daughter " + RELATIVE + ", " + PHONE);
            return JSON.writeValueAsString(observation);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(ServiceProcess service, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.baseUri().resolve(path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(service.name() + " " + path).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(service.name() + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
