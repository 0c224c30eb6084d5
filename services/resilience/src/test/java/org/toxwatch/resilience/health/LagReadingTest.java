package org.toxwatch.resilience.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

class LagReadingTest {

    private static final Instant AT = Instant.parse("2026-02-06T07:30:00Z");
    private static final Duration STALE_AFTER = Duration.ofSeconds(24);
    private static final List<String> WATCHED = List.of("toxicity-grader");

    @Test
    void upWhileTheLagIsAtMostTheThresholdWithTheFigures() {
        HealthCheckResponse response = verdict(reading(Map.of("lab.observations.normalized.v1", 500L,
                "treatment.courses.v1", 0L)), 500, AT.plusSeconds(2));

        assertThat(response.getName()).isEqualTo("Kafka consumer lag");
        assertThat(response.getStatus()).isEqualTo(Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("group", "toxicity-grader")
                .containsEntry("lag", 500L).containsEntry("threshold", 500L)
                .containsEntry("lag by topic", "lab.observations.normalized.v1=500, treatment.courses.v1=0")
                .doesNotContainKey("reason");
    }

    @Test
    void downAboveTheThresholdSayingWhichGroupAndHowFarBehind() {
        HealthCheckResponse response = verdict(reading(Map.of("lab.observations.normalized.v1", 501L)), 500,
                AT.plusSeconds(2));

        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("lag", 501L).containsEntry("threshold", 500L)
                .containsEntry("reason", "toxicity-grader has 501 records waiting, more than the threshold of 500");
    }

    @Test
    void theGroupFurthestBehindDecides() {
        LagReading reading = LagReading.measured(AT, List.of(
                new GroupLag("ward-dashboard", Map.of("dose.alerts.v1", 3L)),
                new GroupLag("audit-reader", Map.of("dose.alerts.v1", 40L))));

        HealthCheckResponse response = LagReading.verdict(Optional.of(reading), List.of("ward-dashboard", "audit-reader"),
                10, AT, STALE_AFTER);

        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("group", "ward-dashboard, audit-reader")
                .containsEntry("lag", 40L)
                .containsEntry("lag by topic", "ward-dashboard/dose.alerts.v1=3, audit-reader/dose.alerts.v1=40");
    }

    @Test
    void downWhenTheBrokerGaveNoFigures() {
        HealthCheckResponse response = verdict(LagReading.failed(AT, "Kafka did not answer within 3000 ms"), 10_000, AT);

        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("group", "toxicity-grader")
                .containsEntry("threshold", 10_000L).containsEntry("reason", "Kafka did not answer within 3000 ms")
                .doesNotContainKey("lag");
    }

    @Test
    void downBeforeTheFirstReading() {
        HealthCheckResponse response = LagReading.verdict(Optional.empty(), WATCHED, 10_000, AT, STALE_AFTER);

        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("reason", "not measured yet");
    }

    @Test
    void anOldReadingIsNotPassedOffAsCurrent() {
        LagReading noLag = reading(Map.of("lab.observations.normalized.v1", 0L));

        assertThat(verdict(noLag, 10_000, AT.plus(STALE_AFTER)).getStatus()).isEqualTo(Status.UP);
        HealthCheckResponse stale = verdict(noLag, 10_000, AT.plus(STALE_AFTER).plusSeconds(1));
        assertThat(stale.getStatus()).isEqualTo(Status.DOWN);
        assertThat(stale.getData().orElseThrow().get("reason").toString()).contains("25 s ago");
    }

    private static LagReading reading(Map<String, Long> byTopic) {
        return LagReading.measured(AT, List.of(new GroupLag("toxicity-grader", byTopic)));
    }

    private static HealthCheckResponse verdict(LagReading reading, long threshold, Instant now) {
        return LagReading.verdict(Optional.of(reading), WATCHED, threshold, now, STALE_AFTER);
    }
}
