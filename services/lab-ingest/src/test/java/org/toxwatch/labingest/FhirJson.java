package org.toxwatch.labingest;

/** FHIR R4 Observation JSON for tests, shaped like what lab systems send. */
public final class FhirJson {

    private FhirJson() {
    }

    public static String observation(String id, String version, String status, String patient, String effective,
            String loinc, String value, String unit, String low, String high) {
        String range = low == null && high == null ? ""
                : ", \"referenceRange\": [{"
                        + (low == null ? "" : "\"low\": {\"value\": " + low + ", \"unit\": \"" + unit + "\"}")
                        + (low != null && high != null ? ", " : "")
                        + (high == null ? "" : "\"high\": {\"value\": " + high + ", \"unit\": \"" + unit + "\"}")
                        + "}]";
        String quantity = unit == null
                ? "{\"value\": " + value + "}"
                : "{\"value\": " + value + ", \"unit\": \"" + unit + "\"}";
        return """
                {"resourceType": "Observation",
                 "identifier": [{"system": "urn:lab:test", "value": "%s"}],
                 "meta": {"versionId": "%s"},
                 "status": "%s",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "%s"}]},
                 "subject": {"reference": "Patient/%s"},
                 "effectiveDateTime": "%s",
                 "valueQuantity": %s%s}
                """.formatted(id, version, status, loinc, patient, effective, quantity, range);
    }

    public static String anc(String id, String patient, String value, String unit) {
        return observation(id, "1", "final", patient, "2026-01-26T07:30:00Z", "751-8", value, unit, "1.8", "7.7");
    }

    public static String bloodPressure(String id, String patient, int systolic, int diastolic) {
        return """
                {"resourceType": "Observation",
                 "identifier": [{"system": "urn:lab:test", "value": "%s"}],
                 "status": "final",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
                 "subject": {"reference": "Patient/%s"},
                 "effectiveDateTime": "2026-01-26T08:00:00Z",
                 "component": [
                   {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                    "valueQuantity": {"value": %d, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}},
                   {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]},
                    "valueQuantity": {"value": %d, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}}]}
                """.formatted(id, patient, systolic, diastolic);
    }
}
