package org.toxwatch.grader.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.toxwatch.grader.grading.GradedEventRecord;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The grader's delivery rule for every input that yields graded events: grade and store in one transaction unless this
 * input version was graded before (a redelivery, a re-sent report), then publish the events that stand, one after
 * another, and only then let the input be acknowledged. A retraction goes the same way: its "grading" is the RETRACTED
 * events it records (and the febrile neutropenia it re-pairs for other observations).
 * <p>
 * A version older than one already graded (a result that arrives after its correction, a retraction after a later
 * correction) is refused as OUTDATED_VERSION, so it cannot replace what the lab corrected since.
 */
@ApplicationScoped
public class OnceOnlyGrading {

    /** An older version of an observation that arrived after a newer one was graded. */
    static final String OUTDATED_VERSION = "OUTDATED_VERSION";
    /** Versions compared as numbers up to this many digits; others cannot be ordered and arrive in their own order. */
    private static final int MAX_NUMERIC_VERSION_DIGITS = 18;

    private final GradedEventPublisher publisher;
    private final GraderMetrics metrics;

    public OnceOnlyGrading(GradedEventPublisher publisher, GraderMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /**
     * What handling one input decided inside its transaction: the events to publish, and whether it was a repeat (a
     * redelivery, a re-sent report, a retraction of what was already withdrawn) that changed nothing.
     */
    public record Graded(List<GradedEventRecord> events, boolean repeat) {
    }

    /**
     * Grades and stores one input in its own transaction, then publishes its events one after another.
     *
     * @param grade grades the input inside the transaction, given every event recorded for the observation so far
     *              (any version, current or superseded, newest first), and returns the events to publish
     */
    public Uni<Void> gradeOnce(String observationId, String version,
            Function<List<GradedEventRecord>, Uni<List<GradedEventRecord>>> grade) {
        return Panache.withTransaction(() -> gradeWithin(observationId, version,
                        GradedEventRecord.ofObservationOrPromptedBy(observationId, version), grade, metrics::refused))
                .invoke(this::count)
                .chain(graded -> Multi.createFrom().iterable(graded.events())
                        .onItem().transformToUniAndConcatenate(publisher::publish)
                        .collect().last())
                .replaceWithVoid();
    }

    /**
     * Grades and stores one input inside the caller's transaction (several inputs may share it) and counts nothing:
     * the caller {@link #count}s once the transaction committed, and publishes.
     *
     * @param history every event of the observation and every event this input recorded for other observations, oldest
     *                first ({@link GradedEventRecord#ofObservationOrPromptedBy}): one read answers both "was this input
     *                handled?" and "what stands for the observation?"
     * @param refuse  makes the refusal of an input (counted or not, as the caller's dead-lettering requires)
     */
    public Uni<Graded> gradeWithin(String observationId, String version, Uni<List<GradedEventRecord>> history,
            Function<List<GradedEventRecord>, Uni<List<GradedEventRecord>>> grade,
            BiFunction<String, String, RefusedInput> refuse) {
        String input = GradedEventRecord.inputKey(observationId, version);
        return history.chain(rows -> {
            List<GradedEventRecord> existing = rows.stream()
                    .filter(r -> input.equals(r.promptedBy)
                            || (observationId.equals(r.observationId) && version.equals(r.observationVersion)))
                    .toList();
            if (!existing.isEmpty()) {
                // a redelivery: publish again what stands for this version, change nothing
                return Uni.createFrom().item(new Graded(existing.stream().filter(GradedEventRecord::isCurrent).toList(),
                        true));
            }
            List<GradedEventRecord> earlier = new ArrayList<>(
                    rows.stream().filter(r -> observationId.equals(r.observationId)).toList());
            Collections.reverse(earlier);
            Optional<String> newer = newerVersion(version, earlier);
            if (newer.isPresent()) {
                return Uni.createFrom().failure(refuse.apply(OUTDATED_VERSION, "version " + version
                        + " of observation " + observationId + " arrived after version " + newer.get()
                        + ", which stands: an older version never replaces a newer one"));
            }
            // nothing new to say (a retraction of a result already retracted) counts as a repeat: absorbed
            return grade.apply(earlier).map(events -> new Graded(events, events.isEmpty()));
        });
    }

    /** Counts a committed input: a repeat, or each event it graded or retracted. */
    public void count(Graded graded) {
        if (graded.repeat()) {
            metrics.duplicate();
            return;
        }
        graded.events().forEach(e -> {
            if (e.isRetraction()) {
                metrics.retracted(e.term);
            } else {
                metrics.graded(e.term, e.grade, e.status);
            }
        });
    }

    /**
     * A version recorded before that is newer than {@code version}, when both are numbers (FHIR versionIds from labs
     * are "1", "2", ...). Versions that are not numbers cannot be ordered: the last to arrive stands, as before.
     */
    static Optional<String> newerVersion(String version, List<GradedEventRecord> earlier) {
        Optional<Long> incoming = number(version);
        if (incoming.isEmpty()) {
            return Optional.empty();
        }
        return earlier.stream().map(e -> e.observationVersion).distinct()
                .filter(v -> number(v).map(n -> n > incoming.get()).orElse(false))
                .max((a, b) -> Long.compare(number(a).orElseThrow(), number(b).orElseThrow()));
    }

    private static Optional<Long> number(String version) {
        if (version == null || version.isEmpty() || version.length() > MAX_NUMERIC_VERSION_DIGITS
                || !version.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(version));
    }
}
