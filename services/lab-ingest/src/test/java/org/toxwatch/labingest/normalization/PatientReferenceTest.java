package org.toxwatch.labingest.normalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.INVALID_VALUE;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.toxwatch.labingest.FhirJson;
import org.toxwatch.labingest.fhir.FhirObservationReader;

/**
 * ToxWatch's patient id is the pseudonym in {@code subject.reference}; everything else the lab says about the patient
 * is left behind. A reference that the message itself shows to be an MRN is refused rather than copied into every
 * record key, graded event and alert.
 */
class PatientReferenceTest {

    private static final String MRN = "MRN-88310457";

    private final FhirObservationReader reader =
            new FhirObservationReader(Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));
    private final ObservationNormalizer normalizer = new ObservationNormalizer();

    @Test
    void onlyThePseudonymIsCarriedOnNotTheNameMrnOrBirthDate() {
        String json = FhirJson.anc("R1", "p-7f3a", "0.8", "10*9/L")
                .replace("\"subject\": {\"reference\": \"Patient/p-7f3a\"}", "\"subject\": {\"reference\": \"Patient/p-7f3a\", "
                        + "\"display\": \"Margarethe Quixley\", \"identifier\": {\"value\": \"" + MRN + "\"}}, "
                        + "\"contained\": [{\"resourceType\": \"Patient\", \"id\": \"pat\", \"birthDate\": \"1957-03-14\", "
                        + "\"identifier\": [{\"value\": \"" + MRN + "\"}]}]");

        NormalizedObservation normalized = normalizer.normalize(reader.read(json));

        assertThat(normalized.patientId()).isEqualTo("p-7f3a");
        assertThat(normalized.toString()).doesNotContain("Quixley").doesNotContain("88310457").doesNotContain("1957");
    }

    @Test
    void aReferenceThatIsTheSubjectsIdentifierIsRefusedWithoutRepeatingIt() {
        String json = FhirJson.anc("R2", MRN, "0.8", "10*9/L")
                .replace("\"subject\": {\"reference\": \"Patient/" + MRN + "\"}",
                        "\"subject\": {\"reference\": \"Patient/" + MRN + "\", \"identifier\": {\"value\": \"" + MRN + "\"}}");

        RejectedObservation rejected = assertThrows(RejectedObservation.class, () -> reader.read(json));

        assertThat(rejected.reason()).isEqualTo(INVALID_VALUE);
        assertThat(rejected.getMessage()).contains("pseudonym").doesNotContain("88310457");
    }

    @Test
    void aReferenceThatIsAContainedPatientsIdentifierIsRefused() {
        String json = FhirJson.anc("R3", MRN, "0.8", "10*9/L").replaceFirst("\\{\"resourceType\": \"Observation\",",
                "{\"resourceType\": \"Observation\", \"contained\": [{\"resourceType\": \"Patient\", \"id\": \"pat\", "
                        + "\"identifier\": [{\"system\": \"urn:oid:1.2.3\", \"value\": \"" + MRN + "\"}]}],");

        assertThat(assertThrows(RejectedObservation.class, () -> reader.read(json)).reason()).isEqualTo(INVALID_VALUE);
    }
}
