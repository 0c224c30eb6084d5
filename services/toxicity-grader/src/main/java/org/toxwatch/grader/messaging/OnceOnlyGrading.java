package org.toxwatch.grader.messaging;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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

    public Uni<Void> gradeOnce(String observationId, String version, Supplier<Uni<List<GradedEventRecord>>> grade) {
        return Panache.withTransaction(() -> GradedEventRecord.recordedFor(observationId, version)
                .chain(existing -> {
                    if (!existing.isEmpty()) {
                        // a redelivery: publish again what stands for this version, change nothing
                        metrics.duplicate();
                        return Uni.createFrom().item(existing.stream().filter(GradedEventRecord::isCurrent).toList());
                    }
                    return GradedEventRecord.ofObservation(observationId).chain(earlier -> {
                        Optional<String> newer = newerVersion(version, earlier);
                        if (newer.isPresent()) {
                            return Uni.createFrom().failure(metrics.refused(OUTDATED_VERSION, "version " + version
                                    + " of observation " + observationId + " arrived after version " + newer.get()
                                    + ", which stands: an older version never replaces a newer one"));
                        }
                        return grade.get().invoke(events -> {
                            if (events.isEmpty()) {
                                // nothing new to say (a retraction of a result already retracted): absorbed
                                metrics.duplicate();
                            }
                            events.forEach(e -> {
                                if (e.isRetraction()) {
                                    metrics.retracted(e.term);
                                } else {
                                    metrics.graded(e.term, e.grade, e.status);
                                }
                            });
                        });
                    });
                }))
                .chain(events -> Multi.createFrom().iterable(events)
                        .onItem().transformToUniAndConcatenate(publisher::publish)
                        .collect().last())
                .replaceWithVoid();
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
