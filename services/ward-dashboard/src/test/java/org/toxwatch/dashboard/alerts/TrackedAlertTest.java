package org.toxwatch.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.toxwatch.dashboard.support.Messages;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Merging records that arrive in any order and more than once. */
class TrackedAlertTest {

    private static final Instant T = Instant.parse("2026-01-26T07:30:00Z");
    private final UUID alertId = UUID.randomUUID();

    @Test
    void contentKeepsItsHighestRevision() {
        ObjectNode first = content(1, "DOSE_HOLD", 3);
        ObjectNode second = content(2, "DISCONTINUE", 4);
        TrackedAlert alert = TrackedAlert.fromContent(alertId, first, T);

        TrackedAlert revised = alert.withContent(second, T.plusSeconds(60)).orElseThrow();
        assertThat(revised.revision()).isEqualTo(2);
        assertThat(revised.alertType()).isEqualTo("DISCONTINUE");
        assertThat(revised.card("5B", 7).grade()).isEqualTo(4);
        assertThat(revised.card("5B", 7).severity()).isEqualTo(5);
        assertThat(revised.withContent(first, T.plusSeconds(120))).as("an older revision").isEmpty();
        assertThat(revised.withContent(second, T.plusSeconds(120))).as("a redelivery").isEmpty();
    }

    @Test
    void theLifecycleOfTheHighestSequenceWinsAndARepeatChangesNothing() {
        ObjectNode content = content(1, "DOSE_HOLD", 3);
        TrackedAlert alert = TrackedAlert.fromContent(alertId, content, T);
        Transition acknowledged = new Transition(alertId, 3, "ACKNOWLEDGED", "OPEN", "ACKNOWLEDGED", "nurse", null,
                T.plusSeconds(600), 1, 1);
        Transition escalated = new Transition(alertId, 2, "ESCALATED", "OPEN", "OPEN", "system:dose-advisor", null,
                T.plusSeconds(300), 1, 1);

        TrackedAlert after = alert.withLifecycle(acknowledged, null).orElseThrow();
        assertThat(after.state()).isEqualTo("ACKNOWLEDGED");
        assertThat(after.withLifecycle(escalated, null)).as("older sequence").isEmpty();
        assertThat(after.withLifecycle(acknowledged, null)).as("redelivery").isEmpty();
    }

    // the two topics are read by separate consumers: the content record may be read before or after the transitions
    @Test
    void theTransitionsDateTheAlertWhicheverTopicIsReadFirst() {
        ObjectNode content = content(1, "DOSE_HOLD", 3);
        Instant arrived = T.plusSeconds(86_400);
        Transition opened = new Transition(alertId, 1, "OPENED", null, "OPEN", "system:dose-advisor", null, T, 1, 0);
        Transition acknowledged = new Transition(alertId, 2, "ACKNOWLEDGED", "OPEN", "ACKNOWLEDGED", "nurse", null,
                T.plusSeconds(600), 1, 0);

        TrackedAlert contentFirst = TrackedAlert.fromContent(alertId, content, arrived);
        contentFirst = contentFirst.withLifecycle(acknowledged, null).orElseThrow();
        contentFirst = contentFirst.withLifecycle(opened, content).orElseThrow();
        TrackedAlert transitionsFirst = TrackedAlert.fromLifecycle(alertId, "p-1", "course-1", "lenvatinib", "DOSE_HOLD");
        transitionsFirst = transitionsFirst.withLifecycle(acknowledged, null).orElseThrow();
        transitionsFirst = transitionsFirst.withLifecycle(opened, content).orElseThrow();
        transitionsFirst = transitionsFirst.withContent(content, arrived).orElse(transitionsFirst);

        for (TrackedAlert alert : java.util.List.of(contentFirst, transitionsFirst)) {
            assertThat(alert.openedAt()).isEqualTo(T);
            assertThat(alert.updatedAt()).isEqualTo(T.plusSeconds(600));
            assertThat(alert.state()).isEqualTo("ACKNOWLEDGED");
        }
    }

    @Test
    void anOpenedEventSaysWhenTheAlertOpenedAndBringsItsContent() {
        ObjectNode content = content(1, "DELAY_CYCLE", 3);
        TrackedAlert alert = TrackedAlert.fromLifecycle(alertId, "p-1", "course-1", "haic-folfox", "DELAY_CYCLE");
        Transition opened = new Transition(alertId, 1, "OPENED", null, "OPEN", "system:dose-advisor", null,
                T.plusSeconds(5), 1, 0);

        TrackedAlert after = alert.withLifecycle(opened, content).orElseThrow();
        assertThat(after.openedAt()).isEqualTo(T.plusSeconds(5));
        assertThat(after.content()).isEqualTo(content);
        assertThat(after.card("unassigned", 1).term()).isEqualTo("Platelet count decreased");
    }

    @Test
    void everyKnownTypeHasItsRankAndAnUnknownOneSitsInTheMiddle() {
        assertThat(Severity.of("DISCONTINUE")).isEqualTo(5);
        assertThat(Severity.of("DOSE_HOLD")).isEqualTo(4);
        assertThat(Severity.of("DELAY_CYCLE")).isEqualTo(3);
        assertThat(Severity.of("DOSE_REDUCE")).isEqualTo(2);
        assertThat(Severity.of("LABS_REQUIRED")).isEqualTo(1);
        assertThat(Severity.of("RESUME_ELIGIBLE")).isZero();
        assertThat(Severity.of("SOMETHING_NEW")).isEqualTo(3);
    }

    private ObjectNode content(int revision, String type, int grade) {
        return Messages.doseAlert(alertId, type, "p-1", "course-1", "haic-folfox", revision, "Platelet count decreased",
                grade, "40", "10*9/L", T);
    }
}
