package org.toxwatch.labingest.normalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.INVALID_VALUE;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.UNIT_NOT_GRADABLE;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.UNREADABLE_RESULT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.toxwatch.labingest.FhirJson;
import org.toxwatch.labingest.fhir.FhirObservationReader;

/**
 * Regressions found by the hostile-input suite: each of these inputs used to exhaust the heap (huge exponents), hold
 * the UCUM lock for minutes (huge powers in a unit), or get published and then fail to be stored (over-long ids).
 * Now each is refused at once with its reason.
 */
class PlausibilityCheckTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(5);
    private static final Instant RECEIVED = Instant.parse("2026-03-01T12:00:00Z");

    private final FhirObservationReader reader = new FhirObservationReader(Clock.fixed(RECEIVED, ZoneOffset.UTC));
    private final ObservationNormalizer normalizer = new ObservationNormalizer();

    private RejectedObservation rejected(String json) {
        return assertTimeoutPreemptively(AT_ONCE,
                () -> assertThrows(RejectedObservation.class, () -> normalizer.normalize(reader.read(json))));
    }

    private static String anc(String value, String unit) {
        return FhirJson.observation("P1", "1", "final", "p-1", "2026-01-26T07:30:00Z", "751-8", value, unit, null, null);
    }

    @Test
    void aNumberWithAHugeExponentIsRefusedBeforeAnythingWritesItOut() {
        assertThat(rejected(anc("1e999999999", "10*9/L")).reason()).isEqualTo(INVALID_VALUE);
        assertThat(rejected(anc("-1e999999999", "10*9/L")).reason()).isEqualTo(INVALID_VALUE);
        assertThat(rejected(anc("1e-999999999", "10*9/L")).reason()).isEqualTo(INVALID_VALUE);
        assertThat(rejected(FhirJson.observation("P1", "1", "final", "p-1", "2026-01-26T07:30:00Z", "751-8", "1",
                "10*9/L", "1e999999999", null)).getMessage()).contains("/referenceRange/0/low/value");
        // in a part of the resource nobody grades, too: the FHIR parser writes every number out
        assertThat(rejected(anc("1", "10*9/L").replace("\"status\"", "\"extension\": [{\"url\": \"x\", \"valueDecimal\": 2e888888888}], \"status\""))
                .reason()).isEqualTo(INVALID_VALUE);
    }

    @Test
    void valuesOutsideWhatAnyAnalyserReportsAreRefusedAsNumbersAsTextOrAsLimits() {
        assertThat(rejected(anc("1e308", "10*9/L")).getMessage()).startsWith("INVALID_VALUE").contains("10^308");
        assertThat(rejected(anc("1e-30", "10*9/L")).reason()).isEqualTo(INVALID_VALUE);
        assertThat(rejected(FhirJson.observation("P1", "1", "final", "p-1", "2026-01-26T07:30:00Z", "751-8", "1",
                "10*9/L", null, "1e40")).reason()).isEqualTo(INVALID_VALUE);
        // a dipstick reading written as a number
        assertThat(rejected(dipstick("1e999999999")).reason()).isEqualTo(INVALID_VALUE);
    }

    @Test
    void aUnitWithHugePowersIsRefusedBeforeUcumWorksThemOut() {
        assertThat(rejected(anc("1", "10*999/L")).reason()).isEqualTo(UNIT_NOT_GRADABLE);
        assertThat(rejected(anc("1", "10*999999999/L")).reason()).isEqualTo(UNIT_NOT_GRADABLE);
        assertThat(rejected(anc("1", "L9.L9.L9.L9.L9.L9.L9.L9.L9.L9")).reason()).isEqualTo(UNIT_NOT_GRADABLE);
        assertThat(rejected(anc("1", "x".repeat(200_000))).getMessage())
                .startsWith("UNIT_NOT_GRADABLE").contains("200000 characters").hasSizeLessThan(300);
        // the lab spellings ToxWatch knows stay within the bounds
        assertThat(PlausibilityCheck.exponentSum("x10^9/L")).isLessThanOrEqualTo(PlausibilityCheck.MAX_UNIT_EXPONENT_SUM);
        assertThat(PlausibilityCheck.exponentSum("10*12/L")).isEqualTo(12);
        assertThat(PlausibilityCheck.exponentSum("mg/(24.h)")).isZero();
        assertThat(PlausibilityCheck.exponentSum("{cells}/mm3")).isEqualTo(3);
    }

    @Test
    void aLongTextResultIsNotRead() {
        assertThat(rejected(dipstick("+".repeat(1000))).reason()).isEqualTo(UNREADABLE_RESULT);
    }

    @Test
    void idsThatCannotBeStoredOrKeyedOnAreRefusedBeforeAnythingIsPublished() {
        assertThat(rejected(FhirJson.anc("A".repeat(600), "p-1", "1", "10*9/L")).getMessage())
                .startsWith("INVALID_VALUE").contains("Observation.identifier");
        assertThat(rejected(FhirJson.anc("A1", "p".repeat(101), "1", "10*9/L")).getMessage())
                .startsWith("INVALID_VALUE").contains("patient id");
        assertThat(rejected(FhirJson.anc("A\\u0000B", "p-1", "1", "10*9/L")).getMessage()).contains("control characters");
        assertThat(rejected(FhirJson.observation("A1", "v".repeat(101), "final", "p-1", "2026-01-26T07:30:00Z", "751-8",
                "1", "10*9/L", null, null)).getMessage()).contains("versionId");
        // a retraction is keyed and stored too
        assertThat(rejected(FhirJson.observation("A".repeat(600), "2", "entered-in-error", "p-1", "2026-01-26T07:30:00Z",
                "751-8", "1", "10*9/L", null, null)).reason()).isEqualTo(INVALID_VALUE);
    }

    @Test
    void aSampleTimeMoreThanADayAfterReceiptOrBefore1900IsRefused() {
        String dayAndAMinuteAhead = RECEIVED.plus(Duration.ofDays(1)).plusSeconds(60).toString();
        assertThat(rejected(sampledAt(dayAndAMinuteAhead)).getMessage()).startsWith("INVALID_VALUE").contains("future");
        assertThat(rejected(sampledAt("9999-12-31T23:59:59Z")).reason()).isEqualTo(INVALID_VALUE);
        assertThat(rejected(sampledAt("1899-12-31T23:59:59Z")).reason()).isEqualTo(INVALID_VALUE);
        assertThat(rejected(sampledAt("0001-01-01T00:00:00Z")).reason()).isEqualTo(INVALID_VALUE);
        // within a day ahead (clock skew, local time stamped as UTC) is accepted
        String anHourAhead = RECEIVED.plus(Duration.ofHours(1)).toString();
        assertThat(normalizer.normalize(reader.read(sampledAt(anHourAhead))).effectiveTime()).isEqualTo(anHourAhead);
    }

    @Test
    void aPanelWithTooManyComponentsIsRefused() {
        String component = "{\"code\": {\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"8480-6\"}]},"
                + " \"valueQuantity\": {\"value\": 120, \"unit\": \"mmHg\"}}";
        String json = FhirJson.bloodPressure("BP1", "p-1", 120, 80).replaceFirst("\"component\": \\[",
                "\"component\": [" + (component + ", ").repeat(50));
        assertThat(rejected(json).getMessage()).startsWith("INVALID_VALUE").contains("52 components");
    }

    @Test
    void anElementToxWatchReadsSentWithTheWrongJsonTypeIsRefusedNotSkippedOrCoerced() {
        // HAPI skipped a range sent as a string: the result was graded as if the lab had sent no range
        String rangeAsText = FhirJson.observation("P1", "1", "final", "p-1", "2026-01-26T07:30:00Z", "751-8", "1",
                "10*9/L", "1.8", "7.7").replaceFirst("\"referenceRange\": \\[.*]}", "\"referenceRange\": \"1.8-7.7\"}");
        assertThat(rangeAsText).contains("\"referenceRange\": \"1.8-7.7\"");
        assertThat(rejected(rangeAsText).getMessage()).startsWith("MALFORMED_JSON")
                .contains("Observation.referenceRange is a string where FHIR JSON has an array");
        // HAPI turned a reference given as true into the patient "true"
        assertThat(rejected(FhirJson.anc("P1", "p-1", "1", "10*9/L").replace("\"Patient/p-1\"", "true")).getMessage())
                .contains("Observation.subject.reference is a boolean");
        assertThat(rejected(anc("\"7\"", "10*9/L")).getMessage()).contains("valueQuantity.value is a string");
        assertThat(rejected(anc("1", "10*9/L").replace("\"unit\": \"10*9/L\"", "\"unit\": {}")).getMessage())
                .contains("valueQuantity.unit is an object");
        // elements grading does not read stay HAPI's business
        String noteAsNumber = anc("1", "10*9/L").replace("\"status\"", "\"note\": 42, \"status\"");
        assertThat(normalizer.normalize(reader.read(noteAsNumber)).results()).hasSize(1);
    }

    @Test
    void aNegativeReferenceLimitIsRefusedLikeANegativeValue() {
        assertThat(rejected(FhirJson.observation("P1", "1", "final", "p-1", "2026-01-26T07:30:00Z", "751-8", "1",
                "10*9/L", null, "-1")).getMessage()).startsWith("INVALID_VALUE").contains("referenceRange.high");
    }

    @Test
    void aSampleTimeTheParserWouldGuessAtIsRefused() {
        // HAPI reads the first as midnight in the server's zone and ignores the tail of the second
        assertThat(rejected(sampledAt("2026-01-26")).getMessage()).startsWith("INVALID_VALUE").contains("full date-time");
        assertThat(rejected(sampledAt("2026-01-26T07:30:00Zjunk")).reason()).isEqualTo(INVALID_VALUE);
        assertThat(normalizer.normalize(reader.read(sampledAt("2026-01-26T09:30:00+02:00"))).effectiveTime())
                .isEqualTo("2026-01-26T07:30:00Z");
    }

    @Test
    void aReasonQuotesNeitherAHugeInputNorAnyOther() {
        // the parser quotes the value it refuses; the reason keeps the element and leaves the value out (QuotedInput)
        RejectedObservation rejection = rejected(sampledAt("2026-01-" + "9".repeat(1_000_000)));
        assertThat(rejection.getMessage()).startsWith("MALFORMED_JSON").contains("effectiveDateTime")
                .doesNotContain("2026-01-9").hasSizeLessThan(RejectedObservation.MAX_DETAIL_LENGTH + 100);
    }

    @Test
    void aDetailLongerThanTheLimitIsShortened() {
        String shortened = RejectedObservation.shortened("x".repeat(1_000_000));
        assertThat(shortened).hasSizeLessThan(RejectedObservation.MAX_DETAIL_LENGTH + 100).contains("characters in all");
    }

    private static String dipstick(String reading) {
        String json = FhirJson.observation("P1", "1", "final", "p-1", "2026-01-26T07:30:00Z", "5804-0", "1", "mg/dL",
                null, null);
        return json.replace("\"valueQuantity\": {\"value\": 1, \"unit\": \"mg/dL\"}", "\"valueString\": \"" + reading + "\"");
    }

    private static String sampledAt(String effective) {
        return FhirJson.observation("P1", "1", "final", "p-1", effective, "751-8", "1", "10*9/L", null, null);
    }
}
