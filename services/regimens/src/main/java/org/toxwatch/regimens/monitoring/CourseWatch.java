package org.toxwatch.regimens.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.toxwatch.regimens.course.CourseHistory;
import org.toxwatch.regimens.course.OccurrenceKey;

/**
 * What the advisor remembers of one course between findings: recent findings, the conditions that have paged and are
 * not closed, occurrence episodes, clinician-confirmed qualifiers, and the cycles whose pre-cycle check has run. Plain
 * immutable data: the advisor stores it per course; the what-if replay keeps it in memory.
 *
 * @param episodes     episodes counted so far per (drug, occurrence family)
 * @param openEpisodes families whose latest episode is still running, with the event that started it
 */
public record CourseWatch(
        List<RecordedFinding> findings,
        List<OpenCondition> open,
        Map<OccurrenceKey, Integer> episodes,
        Map<OccurrenceKey, String> openEpisodes,
        Set<String> confirmedQualifiers,
        Set<Integer> preCycleChecked) {

    /** Findings older than this (before the latest, and before every open condition) are no longer read. */
    static final Duration REMEMBERED = Duration.ofDays(90);

    public CourseWatch {
        findings = findings == null ? List.of() : inEventTimeOrder(findings);
        open = open == null ? List.of() : List.copyOf(open);
        episodes = episodes == null ? Map.of() : Map.copyOf(episodes);
        openEpisodes = openEpisodes == null ? Map.of() : Map.copyOf(openEpisodes);
        confirmedQualifiers = confirmedQualifiers == null ? Set.of() : Set.copyOf(confirmedQualifiers);
        preCycleChecked = preCycleChecked == null ? Set.of() : Set.copyOf(preCycleChecked);
    }

    private static final Comparator<RecordedFinding> BY_EVENT_TIME = Comparator.comparing(f -> f.finding().effectiveTime(),
            Comparator.nullsFirst(Comparator.naturalOrder()));

    /**
     * The findings sorted by event time (a stable sort). Every step of the monitor builds a new watch from one already
     * in order, so the order is checked first (sorting each time was 3.7 % of the advisor's samples in stop 16's run).
     */
    private static List<RecordedFinding> inEventTimeOrder(List<RecordedFinding> findings) {
        for (int i = 1; i < findings.size(); i++) {
            if (BY_EVENT_TIME.compare(findings.get(i - 1), findings.get(i)) > 0) {
                return findings.stream().sorted(BY_EVENT_TIME).toList();
            }
        }
        return List.copyOf(findings);
    }

    public static CourseWatch empty() {
        return new CourseWatch(List.of(), List.of(), Map.of(), Map.of(), Set.of(), Set.of());
    }

    /** The history the rules read for a new finding: prior episodes (a running episode is not prior) and qualifiers. */
    CourseHistory history(List<OccurrenceKey> countedNow) {
        var prior = new java.util.HashMap<OccurrenceKey, Integer>(episodes);
        for (OccurrenceKey key : countedNow) {
            if (openEpisodes.containsKey(key)) {
                prior.merge(key, -1, Integer::sum);
            }
        }
        return new CourseHistory(true, prior, confirmedQualifiers);
    }

    public Optional<OpenCondition> condition(String key) {
        return open.stream().filter(condition -> condition.key().equals(key)).findFirst();
    }

    /** This watch without the conditions {@code closed} says are closed (a clinician resolved the alert, ...). */
    public CourseWatch without(Predicate<OpenCondition> closed) {
        return withOpen(open.stream().filter(closed.negate()).toList());
    }

    /** This watch with the condition of {@code alertId} marked overridden by a clinician. */
    public CourseWatch overriding(UUID alertId) {
        return withOpen(open.stream().map(c -> c.alertId().equals(alertId) ? c.asOverridden() : c).toList());
    }

    public CourseWatch confirming(String qualifierId) {
        var confirmed = new java.util.HashSet<>(confirmedQualifiers);
        confirmed.add(qualifierId);
        return new CourseWatch(findings, open, episodes, openEpisodes, confirmed, preCycleChecked);
    }

    CourseWatch withOpen(List<OpenCondition> conditions) {
        return new CourseWatch(findings, conditions, episodes, openEpisodes, confirmedQualifiers, preCycleChecked);
    }

    CourseWatch withFindings(List<RecordedFinding> kept) {
        return new CourseWatch(kept, open, episodes, openEpisodes, confirmedQualifiers, preCycleChecked);
    }

    CourseWatch withEpisodes(Map<OccurrenceKey, Integer> counted, Map<OccurrenceKey, String> running) {
        return new CourseWatch(findings, open, counted, running, confirmedQualifiers, preCycleChecked);
    }

    CourseWatch withPreCycleChecked(int cycle) {
        return new CourseWatch(findings, open, episodes, openEpisodes, confirmedQualifiers,
                Stream.concat(preCycleChecked.stream(), Stream.of(cycle)).collect(java.util.stream.Collectors.toSet()));
    }

    /** Forgets findings no rule will read again: older than {@link #REMEMBERED} before the latest and every open hold. */
    CourseWatch pruned() {
        Instant latest = findings.stream().map(f -> f.finding().effectiveTime()).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        if (latest == null) {
            return this;
        }
        Instant keepFrom = latest.minus(REMEMBERED);
        for (OpenCondition condition : open) {
            if (condition.since() != null && condition.since().isBefore(keepFrom)) {
                keepFrom = condition.since();
            }
        }
        Instant from = keepFrom;
        return withFindings(findings.stream()
                .filter(f -> f.finding().effectiveTime() == null || !f.finding().effectiveTime().isBefore(from)).toList());
    }
}
