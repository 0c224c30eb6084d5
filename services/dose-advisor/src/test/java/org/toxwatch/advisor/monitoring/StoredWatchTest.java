package org.toxwatch.advisor.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.toxwatch.advisor.config.ExactNumbersJson;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.course.OccurrenceKey;
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.monitoring.CourseWatch;
import org.toxwatch.regimens.monitoring.OpenCondition;
import org.toxwatch.regimens.monitoring.RecordedFinding;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** How a course watch is stored: what it keeps, what it leaves out, and that it reads back what was written. */
class StoredWatchTest {

    private static final Instant TAKEN = Instant.parse("2026-01-12T08:00:00.123456789Z");
    private static final Instant LATER = Instant.parse("2026-01-19T08:00:00Z");

    private final CourseWatches watches = new CourseWatches(quarkusLikeMapper());

    /** As Quarkus configures its mapper (ISO dates, unknown fields ignored), with the advisor's customizer. */
    private static ObjectMapper quarkusLikeMapper() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new ExactNumbersJson().customize(mapper);
        return mapper;
    }

    private static Finding neutrophils(Integer grade, String value, Instant at, String explanation) {
        return new Finding("Neutrophil count decreased", "5.0", grade, "NEUTROPHILS", value == null ? null : new BigDecimal(value),
                "10*9/L", new BigDecimal("1.8"), new BigDecimal("7.7"), null, null, at, explanation, grade == null ? null : at);
    }

    private static CourseWatch watch() {
        var graded = new RecordedFinding("e1", neutrophils(3, "0.80", TAKEN, "ANC 0.80 10*9/L is grade 3: 0.5 <= ANC < 1.0"));
        var notGradable = new RecordedFinding("e2", neutrophils(null, null, LATER, "no reference range was reported"));
        var hold = new OpenCondition("lenvatinib|Neutrophil count decreased", UUID.nameUUIDFromBytes(new byte[] {1}),
                "lenvatinib", "lenvatinib-neutropenia-g3", "Neutrophil count decreased", DoseAction.HOLD, 3, TAKEN, "e1",
                null, false);
        var family = new OccurrenceKey("lenvatinib", "neutropenia");
        return new CourseWatch(List.of(graded, notGradable), List.of(hold), Map.of(family, 1), Map.of(family, "e1"),
                Set.of("prednisone-10mg-or-less"), Set.of(2));
    }

    @Test
    void aWatchReadsBackAsWrittenWithExactInstants() {
        CourseWatch read = watches.read(watches.write(watch()));

        assertThat(read.open()).isEqualTo(watch().open());
        assertThat(read.episodes()).isEqualTo(watch().episodes());
        assertThat(read.openEpisodes()).isEqualTo(watch().openEpisodes());
        assertThat(read.confirmedQualifiers()).isEqualTo(watch().confirmedQualifiers());
        assertThat(read.preCycleChecked()).isEqualTo(watch().preCycleChecked());
        assertThat(read.findings().get(0).finding().effectiveTime()).isEqualTo(TAKEN);
        assertThat(read.findings().get(0).finding().value()).isEqualByComparingTo("0.80");
        assertThat(read.findings().get(1)).isEqualTo(watch().findings().get(1));
    }

    @Test
    void aGradedFindingIsStoredWithoutItsExplanationANotGradableOneWithIts() {
        String stored = watches.write(watch());
        CourseWatch read = watches.read(stored);

        assertThat(stored).doesNotContain("grade 3: 0.5").contains("no reference range was reported")
                .doesNotContain("null").doesNotContain("2026-01-12T08");
        assertThat(read.findings().get(0).finding())
                .isEqualTo(watch().findings().get(0).finding().withExplanation(null));
        assertThat(StoredWatch.explained(read.findings().get(0))).isFalse();
        assertThat(StoredWatch.explained(read.findings().get(1))).isTrue();
        assertThat(StoredWatch.explained(watch().findings().get(0))).isTrue();
    }

    @Test
    void aWatchStoredBeforeAsIsoTextStillReads() throws Exception {
        String storedBefore = quarkusLikeMapper().writeValueAsString(StoredWatch.of(watch()));
        assertThat(storedBefore).contains("\"effectiveTime\":\"2026-01-12T08:00:00.123456789Z\"");

        CourseWatch read = watches.read(storedBefore);

        assertThat(read.findings()).isEqualTo(watches.read(watches.write(watch())).findings());
        assertThat(read.open()).isEqualTo(watch().open());
    }
}
