package org.toxwatch.labingest.normalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.toxwatch.contracts.Example;
import org.toxwatch.contracts.Examples;
import org.toxwatch.labingest.fhir.FhirObservationReader;

/** The contract's "rejected" inputs are refused by this service with exactly the reason code the contract names. */
class RejectedExamplesContractTest {

    private final FhirObservationReader reader = new FhirObservationReader();
    private final ObservationNormalizer normalizer = new ObservationNormalizer();

    @Test
    void everyRejectedExampleIsRefusedWithTheReasonTheContractStates() {
        List<Example> examples = Examples.rejected("fhir-observation.v1");
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
        for (Example example : examples) {
            RejectedObservation rejected = assertThrows(RejectedObservation.class,
                    () -> normalizer.normalize(reader.read(example.text())), example.fileName());
            assertThat(rejected.reason().name()).as(example.fileName()).isEqualTo(example.why());
        }
    }

    @Test
    void everyValidExampleIsAcceptedAndOnlyARetractionComesWithoutResults() {
        List<Example> examples = Examples.valid("fhir-observation.v1");
        assertThat(examples).anyMatch(e -> e.text().contains("\"entered-in-error\""));
        for (Example example : examples) {
            NormalizedObservation normalized = normalizer.normalize(reader.read(example.text()));
            if (normalized.isRetraction()) {
                assertThat(normalized.results()).as(example.fileName()).isEmpty();
            } else {
                assertThat(normalized.results()).as(example.fileName()).isNotEmpty();
            }
        }
    }
}
