package org.toxwatch.resilience.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionLagTest {

    private static final TopicPartition P0 = new TopicPartition("lab.observations.normalized.v1", 0);

    @Test
    void lagIsTheLogEndMinusTheCommittedOffset() {
        assertThat(lag(0, 120, 100, true)).isEqualTo(20);
        assertThat(lag(0, 120, 100, false)).as("the reset policy plays no part once the group has committed").isEqualTo(20);
    }

    @Test
    void aGroupThatHasProcessedEverythingHasNoLag() {
        assertThat(lag(0, 120, 120, true)).isZero();
        assertThat(lag(0, 0, 0, true)).as("an empty partition").isZero();
    }

    @Test
    void withoutACommitTheGroupStartsWhereItsResetPolicyPutsIt() {
        assertThat(new PartitionLag(P0, 30, 120, OptionalLong.empty(), true).records())
                .as("earliest: everything still in the log waits").isEqualTo(90);
        assertThat(new PartitionLag(P0, 30, 120, OptionalLong.empty(), false).records())
                .as("latest: the group starts at the end").isZero();
    }

    @Test
    void aCommitBelowTheLogStartCountsOnlyRecordsThatStillExist() {
        // retention deleted offsets 0..49: the consumer resets, it cannot wait for deleted records
        assertThat(lag(50, 120, 10, true)).isEqualTo(70);
        assertThat(lag(50, 120, 10, false)).isZero();
    }

    @Test
    void aCommitPastTheLogEndIsNoLagRatherThanANegativeOne() {
        assertThat(lag(0, 5, 40, true)).isZero();
    }

    @Test
    void offsetsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> lag(10, 5, 5, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start 10, end 5");
        assertThatThrownBy(() -> lag(-1, 5, 5, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGroupSumsItsPartitionsPerTopicAndOverall() {
        TopicPartition courses = new TopicPartition("treatment.courses.v1", 0);
        GroupLag group = GroupLag.of("toxicity-grader",
                List.of("lab.observations.normalized.v1", "treatment.courses.v1", "symptom.reports.v1"),
                List.of(
                        new PartitionLag(P0, 0, 120, OptionalLong.of(100), true),
                        new PartitionLag(new TopicPartition("lab.observations.normalized.v1", 1), 0, 7, OptionalLong.empty(), true),
                        new PartitionLag(courses, 0, 3, OptionalLong.of(3), true)));

        assertThat(group.byTopic()).containsExactly(
                Map.entry("lab.observations.normalized.v1", 27L),
                Map.entry("symptom.reports.v1", 0L),
                Map.entry("treatment.courses.v1", 0L));
        assertThat(group.total()).isEqualTo(27);
    }

    private static long lag(long start, long end, long committed, boolean fromEarliest) {
        return new PartitionLag(P0, start, end, OptionalLong.of(committed), fromEarliest).records();
    }
}
