package org.toxwatch.labingest.normalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.toxwatch.contracts.Examples;
import org.toxwatch.labingest.FhirJson;
import org.toxwatch.labingest.fhir.FhirObservationReader;

class ObservationNormalizerTest {

    private final FhirObservationReader reader = new FhirObservationReader();
    private final ObservationNormalizer normalizer = new ObservationNormalizer();

    private NormalizedObservation normalize(String json) {
        return normalizer.normalize(reader.read(json));
    }

    private RejectedObservation.Reason rejection(String json) {
        return assertThrows(RejectedObservation.class, () -> normalize(json)).reason();
    }

    @Test
    void neutrophilsPerMicrolitreBecomeGigaPerLitreWithTheirRange() {
        NormalizedObservation observation = normalize(FhirJson.observation("A1", "1", "final", "p-1",
                "2026-01-26T07:30:00Z", "751-8", "800", "/uL", "1800", "7700"));

        NormalizedObservation.Result result = observation.results().get(0);
        assertEquals("NEUTROPHILS", result.analyte());
        assertEquals(0, new BigDecimal("0.8").compareTo(result.value()));
        assertEquals("10*9/L", result.unit());
        assertEquals(0, new BigDecimal("1.8").compareTo(result.lowerLimit()));
        assertEquals(0, new BigDecimal("7.7").compareTo(result.upperLimit()));
        assertEquals("/uL", result.reportedUnit());
        assertEquals("urn:lab:test|A1", observation.observationId());
        assertEquals("p-1", observation.patientId());
    }

    @Test
    void kiloPerMicrolitreIsAThousandPerMicrolitreNotKelvin() {
        NormalizedObservation observation = normalize(FhirJson.observation("A2", "1", "final", "p-1",
                "2026-01-26T07:30:00Z", "777-3", "42", "K/uL", "150", "400"));

        assertEquals(0, new BigDecimal("42").compareTo(observation.results().get(0).value()));
        assertEquals("PLATELETS", observation.results().get(0).analyte());
    }

    @Test
    void bloodPressurePanelGivesBothComponents() {
        NormalizedObservation observation = normalize(FhirJson.bloodPressure("BP1", "p-1", 165, 95));

        assertThat(observation.results()).extracting(NormalizedObservation.Result::analyte)
                .containsExactly("SYSTOLIC_BP", "DIASTOLIC_BP");
        assertEquals(0, new BigDecimal("165").compareTo(observation.results().get(0).value()));
        assertEquals("mm[Hg]", observation.results().get(1).unit());
    }

    @Test
    void rejectsEachKindOfUnusableInputWithItsReason() {
        assertEquals(RejectedObservation.Reason.MALFORMED_JSON, rejection("{\"resourceType\": \"Observation\", "));
        assertEquals(RejectedObservation.Reason.UNKNOWN_CODE, rejection(FhirJson.observation("B1", "1", "final", "p-1",
                "2026-01-26T07:30:00Z", "2345-7", "5.4", "mmol/L", null, null)));
        assertEquals(RejectedObservation.Reason.MISSING_UNIT, rejection(FhirJson.observation("B2", "1", "final", "p-1",
                "2026-01-26T07:30:00Z", "751-8", "0.8", null, null, null)));
        assertEquals(RejectedObservation.Reason.UNIT_NOT_GRADABLE, rejection(FhirJson.observation("B3", "1", "final", "p-1",
                "2026-01-26T07:30:00Z", "751-8", "12", "%", null, null)));
        assertEquals(RejectedObservation.Reason.UNSUPPORTED_STATUS, rejection(FhirJson.observation("B4", "1",
                "preliminary", "p-1", "2026-01-26T07:30:00Z", "751-8", "0.8", "10*9/L", null, null)));
        assertEquals(RejectedObservation.Reason.INVALID_VALUE, rejection(FhirJson.observation("B5", "1", "final", "p-1",
                "2026-01-26T07:30:00Z", "751-8", "-1", "10*9/L", null, null)));
        assertEquals(RejectedObservation.Reason.NOT_AN_OBSERVATION,
                rejection("{\"resourceType\": \"Patient\", \"id\": \"x\"}"));
    }

    @Test
    void enteredInErrorBecomesARetractionWithoutResultsEvenWhenItsValueIsUnusable() {
        // the lab withdraws the result; a unit nobody can convert does not stop the withdrawal
        NormalizedObservation retraction = normalize(FhirJson.observation("R1", "2", "entered-in-error", "p-1",
                "2026-01-26T07:30:00Z", "751-8", "12", "%", null, null));

        assertThat(retraction.isRetraction()).isTrue();
        assertEquals("entered-in-error", retraction.status());
        assertEquals("urn:lab:test|R1", retraction.observationId());
        assertEquals("2", retraction.version());
        assertThat(retraction.results()).isEmpty();
        assertThat(retraction.issued()).isNull();
    }

    @Test
    void aRetractionKeepsWhenTheLabIssuedIt() {
        NormalizedObservation retraction = normalize(Examples.valid("fhir-observation.v1",
                "ast-entered-in-error-version-3.json").text());

        assertEquals("2026-01-27T09:05:00Z", retraction.issued().toString());
        assertEquals("urn:lab:hcc-central|OBS-1004", retraction.observationId());
        assertEquals("3", retraction.version());
    }

    @Test
    void otherStatusesThatAreNotResultsAreStillRefused() {
        assertEquals(RejectedObservation.Reason.UNSUPPORTED_STATUS, rejection(FhirJson.observation("R2", "1",
                "cancelled", "p-1", "2026-01-26T07:30:00Z", "751-8", "0.8", "10*9/L", null, null)));
    }

    @Test
    void rejectionMessagesSayWhatWasWrong() {
        RejectedObservation rejected = assertThrows(RejectedObservation.class, () -> normalize(FhirJson.observation("C1",
                "1", "final", "p-1", "2026-01-26T07:30:00Z", "2345-7", "5.4", "mmol/L", null, null)));
        assertThat(rejected.getMessage()).startsWith("UNKNOWN_CODE").contains("2345-7");
    }

    @Test
    void aDipstickReadingIsKeptAsTextAndRankedOnItsScale() {
        NormalizedObservation observation = normalize("""
                {"resourceType": "Observation", "identifier": [{"system": "urn:lab:test", "value": "D1"}],
                 "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "5804-0"}]},
                 "subject": {"reference": "Patient/p-1"}, "effectiveDateTime": "2026-02-02T09:00:00Z",
                 "valueCodeableConcept": {"text": "3+"}}
                """);
        NormalizedObservation.Result result = observation.results().get(0);
        assertEquals("URINE_PROTEIN_DIPSTICK", result.analyte());
        assertEquals(0, new BigDecimal("3").compareTo(result.value()));
        assertEquals("3+", result.reportedValue());
        assertEquals(RejectedObservation.Reason.UNREADABLE_RESULT, rejection("""
                {"resourceType": "Observation", "identifier": [{"system": "urn:lab:test", "value": "D2"}],
                 "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "5804-0"}]},
                 "subject": {"reference": "Patient/p-1"}, "effectiveDateTime": "2026-02-02T09:00:00Z",
                 "valueString": "lots"}
                """));
    }

    @Test
    void aFahrenheitTemperatureBecomesCelsius() {
        NormalizedObservation observation = normalize(FhirJson.observation("T1", "1", "final", "p-1",
                "2026-02-03T22:10:00Z", "8310-5", "101.3", "[degF]", null, null));
        assertEquals("Cel", observation.results().get(0).unit());
        assertEquals(0, new BigDecimal("38.5").compareTo(observation.results().get(0).value()));
    }

    @Test
    void aCensoredValueKeepsItsComparator() {
        NormalizedObservation observation = normalize("""
                {"resourceType": "Observation", "identifier": [{"system": "urn:lab:test", "value": "C1"}],
                 "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "1742-6"}]},
                 "subject": {"reference": "Patient/p-1"}, "effectiveDateTime": "2026-02-02T09:00:00Z",
                 "valueQuantity": {"value": 1000, "comparator": ">", "unit": "U/L"},
                 "referenceRange": [{"high": {"value": 40, "unit": "U/L"}}]}
                """);
        assertEquals(">", observation.results().get(0).comparator());
    }
}
