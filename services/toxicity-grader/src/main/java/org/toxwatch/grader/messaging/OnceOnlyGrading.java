package org.toxwatch.grader.messaging;

import java.util.List;
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
 */
@ApplicationScoped
public class OnceOnlyGrading {

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
                    return grade.get().invoke(events -> events.forEach(e -> {
                        if (e.isRetraction()) {
                            metrics.retracted(e.term);
                        } else {
                            metrics.graded(e.term, e.grade, e.status);
                        }
                    }));
                }))
                .chain(events -> Multi.createFrom().iterable(events)
                        .onItem().transformToUniAndConcatenate(publisher::publish)
                        .collect().last())
                .replaceWithVoid();
    }
}
