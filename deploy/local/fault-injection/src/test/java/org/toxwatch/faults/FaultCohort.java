package org.toxwatch.faults;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.toxwatch.demo.scenario.DemoCohort;
import org.toxwatch.demo.scenario.FhirObservations;
import org.toxwatch.demo.scenario.LabResultRow;

/**
 * A synthetic ward for the fault-injection suite: patients on HAIC-FOLFOX + lenvatinib + sintilimab (the demo's p-001
 * regimen), each with the same lab schedule - ANC, platelets, AST and ALT once a week from the baseline visit on.
 * Every fifth patient has grade 3 neutropenia in cycle 2 and recovers afterwards, as the demo's p-001 does; the
 * others stay normal. So the alerts a toxic patient must get are those of one such patient run without faults.
 */
final class FaultCohort {

    static final Instant BASELINE_VISIT = Instant.parse("2026-01-02T08:00:00Z");
    static final int LABS_PER_PATIENT = 46;
    /** The ANC of week 4 (2026-01-30, cycle 2): 0.8 x 10^9/L, grade 3 against a normal range 1.8-7.7. */
    static final int TOXIC_LAB = 16;

    private static final String[][] PANEL = {
            // loinc, normal value, unit, low, high
            {"751-8", "3.2", "10*9/L", "1.8", "7.7"},
            {"777-3", "180", "10*9/L", "150", "400"},
            {"1920-8", "32", "U/L", "0", "40"},
            {"1742-6", "28", "U/L", "0", "40"},
    };

    private final FhirObservations fhir = new FhirObservations();
    private final String prefix;

    /** @param prefix makes patient, course and lab identifiers unique to one run */
    FaultCohort(String prefix) {
        this.prefix = prefix;
    }

    String patient(int number) {
        return prefix + "-p" + String.format("%04d", number);
    }

    static boolean isToxic(int number) {
        return number % 5 == 0;
    }

    DemoCohort.Course course(int number) {
        String patient = patient(number);
        String courseId = "course-" + patient;
        String json = """
                {"courseId":"%s","patientId":"%s","regimen":"HAIC-FOLFOX + lenvatinib + sintilimab","ward":"FI",
                 "ctcaeVersion":"5.0","bodyWeightKg":72,"hccLiverInvolvement":true,
                 "cycles":[{"number":1,"plannedStart":"2026-01-05"},{"number":2,"plannedStart":"2026-01-26"},
                           {"number":3,"plannedStart":"2026-02-16"},{"number":4,"plannedStart":"2026-03-09"}],
                 "drugs":[{"drug":"haic-folfox","doseLevel":0},{"drug":"lenvatinib","doseLevel":0},
                          {"drug":"sintilimab","doseLevel":0}]}
                """.formatted(courseId, patient);
        return new DemoCohort.Course(courseId, patient, json);
    }

    /** Lab {@code index} (0 .. LABS_PER_PATIENT - 1) of patient {@code number}, as a FHIR Observation. */
    Lab lab(int number, int index) {
        String[] analyte = PANEL[index % PANEL.length];
        int week = index / PANEL.length;
        Instant effective = BASELINE_VISIT.plus(7L * week, ChronoUnit.DAYS).plus(index % PANEL.length, ChronoUnit.MINUTES);
        String value = isToxic(number) && index == TOXIC_LAB ? "0.8" : analyte[1];
        String identifier = prefix + "-lab-" + String.format("%04d", number) + "-" + String.format("%02d", index);
        LabResultRow row = new LabResultRow(identifier, patient(number), effective, analyte[0], value, analyte[2],
                analyte[3], analyte[4]);
        return new Lab(identifier, patient(number), fhir.render(row));
    }

    /** Patient {@code number}'s labs {@code from} (inclusive) to {@code to} (exclusive), in their order. */
    List<Lab> labs(int number, int from, int to) {
        List<Lab> labs = new ArrayList<>();
        for (int index = from; index < to; index++) {
            labs.add(lab(number, index));
        }
        return labs;
    }

    /**
     * Poison for one stage of the pipeline, marked so its dead-letter record can be found: the marker is in the
     * payload, which the dead-letter topic keeps as it came.
     */
    static Poison poison(String topic, String marker, Random random) {
        String payload = switch (topic) {
            case "lab.observations.fhir.v1" -> switch (random.nextInt(4)) {
                case 0 -> "{\"resourceType\":\"Observation\",\"identifier\":[{\"value\":\"" + marker + "\"}],\"status\":";
                case 1 -> "{\"resourceType\":\"Observation\",\"identifier\":[{\"system\":\"urn:fi\",\"value\":\"" + marker
                        + "\"}],\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                        + "\"code\":\"99999-9\"}]},\"subject\":{\"reference\":\"Patient/" + marker + "\"},"
                        + "\"effectiveDateTime\":\"2026-01-10T08:00:00Z\",\"valueQuantity\":{\"value\":1,"
                        + "\"unit\":\"U/L\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"U/L\"}}";
                case 2 -> "{\"resourceType\":\"Observation\",\"identifier\":[{\"system\":\"urn:fi\",\"value\":\"" + marker
                        + "\"}],\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                        + "\"code\":\"751-8\"}]},\"subject\":{\"reference\":\"Patient/" + marker + "\"},"
                        + "\"effectiveDateTime\":\"2026-01-10T08:00:00Z\",\"valueQuantity\":{\"value\":2.1,"
                        + "\"unit\":\"furlongs\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"furlongs\"}}";
                default -> "[\"" + marker + "\", NaN]";
            };
            case "lab.observations.normalized.v1" -> "{\"observationId\":\"" + marker + "\",\"version\":\"1\",";
            case "ae.graded.v1" -> random.nextBoolean()
                    ? "{\"eventId\":\"" + marker + "\""
                    : "{\"note\":\"" + marker + "\",\"term\":\"Neutrophil count decreased\"}";
            default -> throw new IllegalArgumentException("no poison for " + topic);
        };
        return new Poison(marker, topic, payload);
    }

    record Lab(String identifier, String patientId, String fhir) {
    }

    record Poison(String marker, String topic, String payload) {
    }
}
