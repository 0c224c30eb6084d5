package org.toxwatch.demo.scenario;

import java.time.Instant;

/**
 * One lab result of a scenario, as a lab would report it. Blood pressure ("85354-9") carries "systolic/diastolic".
 *
 * @param low reference range low, empty when the lab printed none
 */
public record LabResultRow(String identifier, String patientId, Instant effectiveTime, String loinc, String value,
        String unit, String low, String high) {

    public boolean isBloodPressure() {
        return FhirObservations.BLOOD_PRESSURE_PANEL.equals(loinc);
    }
}
