package org.toxwatch.resilience.health;

import java.util.Objects;
import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;

/**
 * How many records of one partition a consumer group has yet to process: the log-end offset minus the group's
 * committed offset.
 *
 * @param logStart the first offset still in the log (older records were deleted by retention)
 * @param logEnd the offset the next record will get
 * @param committed the group's committed offset, empty when the group never committed on this partition
 * @param fromEarliest whether the group starts at the log start when it has no valid position
 *        ({@code auto.offset.reset=earliest}) rather than at the log end
 */
public record PartitionLag(TopicPartition partition, long logStart, long logEnd, OptionalLong committed,
        boolean fromEarliest) {

    public PartitionLag {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(committed, "committed");
        if (logStart < 0 || logEnd < logStart) {
            throw new IllegalArgumentException(partition + ": log offsets out of order, start " + logStart + ", end " + logEnd);
        }
    }

    /** Records still to process, never negative. */
    public long records() {
        // no commit yet, or a commit pointing at records retention has deleted: the consumer resets as configured
        long position = committed.isPresent() && committed.getAsLong() >= logStart
                ? committed.getAsLong()
                : fromEarliest ? logStart : logEnd;
        // a commit past the end (a topic deleted and created again) leaves nothing waiting, not a negative lag
        return Math.max(0, logEnd - position);
    }
}
