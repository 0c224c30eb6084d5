package org.toxwatch.demo.scenario;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders scenario rows as the FHIR R4 Observation JSON a lab system would publish. */
public final class FhirObservations {

    public static final String IDENTIFIER_SYSTEM = "urn:toxwatch:demo-lab";
    static final String BLOOD_PRESSURE_PANEL = "85354-9";
    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";

    private final ObjectMapper json = new ObjectMapper();

    public String render(LabResultRow row) {
        ObjectNode observation = json.createObjectNode();
        observation.put("resourceType", "Observation");
        observation.putArray("identifier").addObject()
                .put("system", IDENTIFIER_SYSTEM)
                .put("value", row.identifier());
        observation.putObject("meta").put("versionId", "1");
        observation.put("status", "final");
        observation.putArray("category").addObject().putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/observation-category")
                .put("code", row.isBloodPressure() ? "vital-signs" : "laboratory");
        coding(observation.putObject("code"), row.loinc());
        observation.putObject("subject").put("reference", "Patient/" + row.patientId());
        observation.put("effectiveDateTime", row.effectiveTime().toString());

        if (row.isBloodPressure()) {
            String[] pressures = row.value().split("/");
            ArrayNode components = observation.putArray("component");
            component(components.addObject(), "8480-6", pressures[0], row.unit());
            component(components.addObject(), "8462-4", pressures[1], row.unit());
        } else {
            quantity(observation.putObject("valueQuantity"), row.value(), row.unit());
            if (!row.low().isBlank() || !row.high().isBlank()) {
                ObjectNode range = observation.putArray("referenceRange").addObject();
                if (!row.low().isBlank()) {
                    quantity(range.putObject("low"), row.low(), row.unit());
                }
                if (!row.high().isBlank()) {
                    quantity(range.putObject("high"), row.high(), row.unit());
                }
            }
        }
        return observation.toString();
    }

    private static void component(ObjectNode component, String loinc, String value, String unit) {
        coding(component.putObject("code"), loinc);
        quantity(component.putObject("valueQuantity"), value, unit);
    }

    private static void coding(ObjectNode concept, String loinc) {
        concept.putArray("coding").addObject().put("system", LOINC).put("code", loinc);
    }

    /** Labs print units their own way; only a UCUM-looking one is also given as a UCUM code. */
    private static void quantity(ObjectNode quantity, String value, String unit) {
        quantity.put("value", new BigDecimal(value));
        if (!unit.isBlank()) {
            quantity.put("unit", unit);
        }
    }
}
