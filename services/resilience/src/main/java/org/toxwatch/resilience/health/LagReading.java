package org.toxwatch.resilience.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * One measurement of the watched groups' lag, or why there is none, and the readiness it means.
 *
 * @param at when it was taken (machine clock: this is about the service's own health, not clinical time)
 * @param groups each watched group's lag; empty when the measurement failed
 * @param failure why the broker gave no figures, if it did not
 */
public record LagReading(Instant at, List<GroupLag> groups, Optional<String> failure) {

    public static final String CHECK_NAME = "Kafka consumer lag";

    public LagReading {
        Objects.requireNonNull(at, "at");
        groups = List.copyOf(groups);
        Objects.requireNonNull(failure, "failure");
    }

    public static LagReading measured(Instant at, List<GroupLag> groups) {
        return new LagReading(at, groups, Optional.empty());
    }

    public static LagReading failed(Instant at, String reason) {
        return new LagReading(at, List.of(), Optional.of(reason));
    }

    /** The group furthest behind, the one that decides readiness. */
    public Optional<GroupLag> furthestBehind() {
        return groups.stream().max(Comparator.comparingLong(GroupLag::total));
    }

    /**
     * DOWN when a group has more than {@code threshold} records waiting, when the broker did not answer, and when the
     * latest reading is older than {@code staleAfter} (the measuring itself is stuck): an orchestrator must never read
     * an old UP as a current one.
     *
     * @param reading the latest reading; empty before the first
     * @param watched the groups' names, reported in every answer
     */
    public static HealthCheckResponse verdict(Optional<LagReading> reading, List<String> watched, long threshold,
            Instant now, Duration staleAfter) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("group", String.join(", ", watched));
        data.put("threshold", threshold);
        if (reading.isEmpty()) {
            return down(data, "not measured yet");
        }
        LagReading latest = reading.get();
        data.put("measured at", latest.at().toString());
        if (latest.failure().isPresent()) {
            return down(data, latest.failure().get());
        }
        Duration age = Duration.between(latest.at(), now);
        if (age.compareTo(staleAfter) > 0) {
            return down(data, "lag last measured " + age.toSeconds() + " s ago; the measurement is stuck");
        }
        Optional<GroupLag> worst = latest.furthestBehind();
        data.put("lag", worst.map(GroupLag::total).orElse(0L));
        data.put("lag by topic", byTopic(latest.groups()));
        if (worst.isPresent() && worst.get().total() > threshold) {
            return down(data, worst.get().group() + " has " + worst.get().total()
                    + " records waiting, more than the threshold of " + threshold);
        }
        return new HealthCheckResponse(CHECK_NAME, HealthCheckResponse.Status.UP, Optional.of(data));
    }

    private static HealthCheckResponse down(Map<String, Object> data, String reason) {
        data.put("reason", reason);
        return new HealthCheckResponse(CHECK_NAME, HealthCheckResponse.Status.DOWN, Optional.of(data));
    }

    private static String byTopic(List<GroupLag> groups) {
        boolean oneGroup = groups.size() == 1;
        return groups.stream()
                .flatMap(group -> group.byTopic().entrySet().stream()
                        .map(topic -> (oneGroup ? "" : group.group() + "/") + topic.getKey() + "=" + topic.getValue()))
                .collect(Collectors.joining(", "));
    }
}
