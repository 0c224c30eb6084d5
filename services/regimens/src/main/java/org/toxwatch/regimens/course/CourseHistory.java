package org.toxwatch.regimens.course;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the advisor remembers of a course, handed to the pure rules with each evaluation.
 *
 * @param occurrencesCounted false when the caller does not count occurrences: rules for a first occurrence then fire
 *                           with "first occurrence assumed", and rules for later occurrences are reported not evaluable
 * @param priorOccurrences   episodes before the finding being evaluated, per (drug, occurrence family); a missing key
 *                           is zero when {@code occurrencesCounted}
 * @param confirmedQualifiers qualifier ids a clinician has confirmed for this patient now (e.g.
 *                           {@code despite-optimal-antihypertensive-therapy})
 */
public record CourseHistory(boolean occurrencesCounted, Map<OccurrenceKey, Integer> priorOccurrences,
        Set<String> confirmedQualifiers) {

    public CourseHistory {
        priorOccurrences = priorOccurrences == null ? Map.of() : Map.copyOf(priorOccurrences);
        priorOccurrences.forEach((key, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("prior occurrences of " + key + " must be 0 or more, was " + count);
            }
        });
        confirmedQualifiers = confirmedQualifiers == null ? Set.of() : Set.copyOf(confirmedQualifiers);
    }

    public static CourseHistory unknown() {
        return new CourseHistory(false, Map.of(), Set.of());
    }

    /** Counted occurrences; keys not given had none. */
    public static CourseHistory counted(Map<OccurrenceKey, Integer> priorOccurrences) {
        return new CourseHistory(true, priorOccurrences, Set.of());
    }

    public CourseHistory confirming(String... qualifierIds) {
        var confirmed = new java.util.HashSet<>(confirmedQualifiers);
        confirmed.addAll(Set.of(qualifierIds));
        return new CourseHistory(occurrencesCounted, priorOccurrences, confirmed);
    }

    public boolean confirmed(String qualifierId) {
        return confirmedQualifiers.contains(qualifierId);
    }

    /** Prior occurrences of {@code key}: 0 when counted and absent. */
    public int prior(OccurrenceKey key) {
        Objects.requireNonNull(key, "key");
        return priorOccurrences.getOrDefault(key, 0);
    }
}
