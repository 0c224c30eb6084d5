package org.toxwatch.labingest.normalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.MALFORMED_JSON;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.MISSING_UNIT;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.NOT_AN_OBSERVATION;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.UNREADABLE_RESULT;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.toxwatch.labingest.FhirJson;
import org.toxwatch.labingest.fhir.FhirObservationReader;

/**
 * A rejection's reason travels as a Kafka header and is never quoting what the lab sent around the result: a name, a
 * birth date or a note in any element, readable or not, stays in the dead-lettered original only.
 */
class QuotedInputTest {

    private static final String NAME = "Margarethe Quixley";

    private final FhirObservationReader reader =
            new FhirObservationReader(Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));
    private final ObservationNormalizer normalizer = new ObservationNormalizer();

    @Test
    void quotedInputGoesTheElementNameJsonLiteralsAndTheVocabularyStay() {
        assertThat(QuotedInput.redacted("HAPI-1821: [element=\"birthDate\"] Invalid attribute value \"14.03.1957\": "
                + "Invalid date/time format: \"14.03.1957\""))
                .isEqualTo("HAPI-1821: [element=\"birthDate\"] Invalid attribute value \"…\": Invalid date/time format: \"…\"");
        assertThat(QuotedInput.redacted("Unrecognized token 'Margarethe': was expecting (JSON String, Number, Array, "
                + "Object or token 'null', 'true' or 'false')"))
                .isEqualTo("Unrecognized token '…': was expecting (JSON String, Number, Array, Object or token 'null', "
                        + "'true' or 'false')");
        assertThat(QuotedInput.redacted("expected \"Observation\" but found \"Quixley\"", Set.of("Observation", "Patient")))
                .isEqualTo("expected \"Observation\" but found \"…\"");
        assertThat(QuotedInput.redacted("no quotes at all, line: 1, column: 7")).isEqualTo("no quotes at all, line: 1, column: 7");
        assertThat(QuotedInput.redacted(null)).isNull();
    }

    @Test
    void aBirthDateTheParserRefusesInAContainedPatientIsNotInTheReason() {
        String json = withContainedPatient(FhirJson.anc("Q1", "p-1", "0.8", "10*9/L"), "14.03.1957");

        RejectedObservation rejected = rejected(json);

        assertThat(rejected.reason()).isEqualTo(MALFORMED_JSON);
        assertThat(rejected.getMessage()).contains("birthDate").doesNotContain("1957").doesNotContain("Quixley");
    }

    @Test
    void anUnquotedNameIsNotInTheReason() {
        String json = "{\"resourceType\": \"Observation\", \"subject\": {\"reference\": \"Patient/p-1\", \"display\": "
                + NAME + "}}";

        RejectedObservation rejected = rejected(json);

        assertThat(rejected.reason()).isEqualTo(MALFORMED_JSON);
        assertThat(rejected.getMessage()).doesNotContain("Margarethe").contains("line: 1");
    }

    @Test
    void anotherResourceIsNamedByItsTypeOnly() {
        RejectedObservation rejected = rejected("{\"resourceType\": \"Patient\", \"name\": [{\"text\": \"" + NAME + "\"}]}");

        assertThat(rejected.reason()).isEqualTo(NOT_AN_OBSERVATION);
        assertThat(rejected.getMessage()).contains("Patient").doesNotContain("Quixley");
    }

    @Test
    void aTextResultIsNotRepeatedWhereNoUnitGoesWithItNorWhereItIsNoReading() {
        String note = "see " + NAME;
        String ancAsText = FhirJson.anc("Q2", "p-1", "1", "10*9/L")
                .replace("\"valueQuantity\": {\"value\": 1, \"unit\": \"10*9/L\"}", "\"valueString\": \"" + note + "\"");
        String dipstick = FhirJson.observation("Q3", "1", "final", "p-1", "2026-01-26T07:30:00Z", "5804-0", "1", "mg/dL",
                null, null).replace("\"valueQuantity\": {\"value\": 1, \"unit\": \"mg/dL\"}", "\"valueString\": \"" + note + "\"");

        RejectedObservation noUnit = rejected(ancAsText);
        RejectedObservation noReading = rejected(dipstick);

        assertThat(noUnit.reason()).isEqualTo(MISSING_UNIT);
        assertThat(noUnit.getMessage()).contains("text of " + note.length() + " characters").doesNotContain("Quixley");
        assertThat(noReading.reason()).isEqualTo(UNREADABLE_RESULT);
        assertThat(noReading.getMessage()).contains("reading").doesNotContain("Quixley");
    }

    private RejectedObservation rejected(String json) {
        return assertThrows(RejectedObservation.class, () -> normalizer.normalize(reader.read(json)));
    }

    private static String withContainedPatient(String observation, String birthDate) {
        return observation.replaceFirst("\\{\"resourceType\": \"Observation\",", "{\"resourceType\": \"Observation\", "
                + "\"contained\": [{\"resourceType\": \"Patient\", \"id\": \"pat\", \"name\": [{\"text\": \"" + NAME
                + "\"}], \"birthDate\": \"" + birthDate + "\"}],");
    }
}
