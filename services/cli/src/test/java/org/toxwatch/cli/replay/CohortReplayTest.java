package org.toxwatch.cli.replay;

import org.junit.jupiter.api.Test;
import org.toxwatch.cli.replay.ReplayedAlert.Decision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.toxwatch.cli.replay.ReplayFixture.COURSES;
import static org.toxwatch.cli.replay.ReplayFixture.EVENTS;
import static org.toxwatch.cli.replay.ReplayFixture.P103_AST_CORRECTED;
import static org.toxwatch.cli.replay.ReplayFixture.P103_AST_GRADE_3;

/** One rule set's replay of the fixture: event order, corrections, retractions, what pages. */
class CohortReplayTest {

    private static final String P103 = "course-p103-1";

    private final RuleSet shipped = rules();

    private static RuleSet rules() {
        try {
            return RuleSet.of(null, null, null);
        } catch (UnreadableInputException e) {
            throw new IllegalStateException(e);
        }
    }

    // the corrected AST (grade 1) has an id that sorts before the original's (grade 3): it still comes after it, so the
    // grade 3 alerts open and are then withdrawn, and the correction pages nothing
    @Test
    void aCorrectionWithdrawsTheAlertsOfTheEventItReplaces() throws Exception {
        assertThat(P103_AST_CORRECTED).isLessThan(P103_AST_GRADE_3);
        Cohort cohort = CohortFiles.read(COURSES, EVENTS);

        List<ReplayedAlert> pages = new CohortReplay(shipped).replay(cohort);

        var ast = pages.stream().filter(p -> p.courseId().equals(P103) && p.trigger().equals(P103_AST_GRADE_3)).toList();
        assertThat(ast).isNotEmpty().allSatisfy(p -> {
            assertThat(p.retracted()).isTrue();
            assertThat(p.decision()).isEqualTo(Decision.OPEN);
        });
        assertThat(ast).extracting(ReplayedAlert::drug).contains("lenvatinib", "sintilimab");
        assertThat(pages).noneMatch(p -> p.trigger().equals(P103_AST_CORRECTED));
        assertThat(cohort.eventsOf(P103)).extracting(e -> e.eventId().toString())
                .containsSubsequence(P103_AST_GRADE_3, P103_AST_CORRECTED);
    }

    // lenvatinib label (rules.csv line 2): grade 3 hypertension holds, grade 2 three days later makes it resume-eligible
    @Test
    void aHoldAndItsResumeNoticeAreBothPages() throws Exception {
        List<ReplayedAlert> pages = new CohortReplay(shipped).replay(CohortFiles.read(COURSES, EVENTS));

        var hypertension = pages.stream().filter(p -> p.rule().equals("lenvatinib-hypertension-g3")).toList();
        assertThat(hypertension).extracting(ReplayedAlert::decision)
                .containsExactly(Decision.OPEN, Decision.RESUME_ELIGIBLE);
        assertThat(hypertension).allSatisfy(p -> {
            assertThat(p.condition()).isEqualTo("lenvatinib|Hypertension");
            assertThat(p.retracted()).isFalse();
        });
        assertThat(hypertension.get(0).action()).isEqualTo("HOLD_AND_REDUCE");
        assertThat(hypertension.get(1).effectiveTime()).hasToString("2026-01-22T08:00:00Z");
    }

    @Test
    void aRetractedEventWithdrawsItsAlertsAndIsNotReadAsAFinding(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(EVENTS));
        String original = lines.stream().filter(l -> l.contains(P103_AST_GRADE_3) && !l.contains(P103_AST_CORRECTED))
                .findFirst().orElseThrow();
        lines.removeIf(l -> l.contains(P103_AST_CORRECTED));
        String retraction = original.replace("\"eventId\":\"" + P103_AST_GRADE_3 + "\"",
                        "\"eventId\":\"" + UUID.nameUUIDFromBytes("retraction".getBytes()) + "\"")
                .replace("\"status\":\"GRADED\"", "\"status\":\"RETRACTED\"")
                .replace("\"supersedes\":null", "\"supersedes\":\"" + P103_AST_GRADE_3 + "\"");
        lines.add(retraction);
        Path events = dir.resolve("events.ndjson");
        Files.write(events, lines);

        List<ReplayedAlert> pages = new CohortReplay(shipped).replay(CohortFiles.read(COURSES, events));

        var ast = pages.stream().filter(p -> p.trigger().equals(P103_AST_GRADE_3)).toList();
        assertThat(ast).isNotEmpty().allSatisfy(p -> assertThat(p.retracted()).isTrue());
        assertThat(pages).filteredOn(p -> p.courseId().equals(P103)).hasSize(ast.size() + 2);
    }

    @Test
    void theSameCohortReplaysToTheSamePages() throws Exception {
        Cohort cohort = CohortFiles.read(COURSES, EVENTS);

        assertThat(new CohortReplay(shipped).replay(cohort)).isNotEmpty()
                .isEqualTo(new CohortReplay(rules()).replay(CohortFiles.read(COURSES, EVENTS)));
    }

    @Test
    void aRepeatedDeliveryCountsOnceAndEventsWithoutACourseAreSkipped(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException, UnreadableInputException {
        List<String> lines = new ArrayList<>(Files.readAllLines(EVENTS));
        lines.add(lines.get(6));
        Path events = dir.resolve("events.ndjson");
        Files.write(events, lines);

        Cohort cohort = CohortFiles.read(COURSES, events);

        assertThat(cohort.eventCount()).isEqualTo(27);
        assertThat(cohort.redeliveredCount()).isEqualTo(1);
        assertThat(cohort.withoutCourseCount()).isEqualTo(1);
        assertThat(new CohortReplay(shipped).replay(cohort))
                .isEqualTo(new CohortReplay(shipped).replay(CohortFiles.read(COURSES, EVENTS)));
    }
}
