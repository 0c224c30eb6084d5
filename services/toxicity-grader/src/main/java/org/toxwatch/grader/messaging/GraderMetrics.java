package org.toxwatch.grader.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/** Counters by term, grade and status; tags are bounded sets, never a patient id. */
@ApplicationScoped
public class GraderMetrics {

    private static final String SERVICE = "toxicity-grader";

    private final MeterRegistry registry;

    public GraderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received() {
        registry.counter("toxwatch.observations.received", "service", SERVICE).increment();
    }

    public void graded(String term, Integer grade, String status) {
        registry.counter("toxwatch.gradings", "service", SERVICE, "term", term,
                "grade", grade == null ? "none" : grade.toString(), "status", status).increment();
    }

    /** A graded event withdrawn because its lab result was entered in error. */
    public void retracted(String term) {
        registry.counter("toxwatch.retractions", "service", SERVICE, "term", term).increment();
    }

    public void duplicate() {
        registry.counter("toxwatch.observations.duplicates", "service", SERVICE).increment();
    }

    public void deadLettered(String reason) {
        registry.counter("toxwatch.dead.letters", "service", SERVICE, "reason", reason).increment();
    }
}
