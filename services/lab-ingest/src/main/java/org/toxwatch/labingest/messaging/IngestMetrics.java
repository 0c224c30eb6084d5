package org.toxwatch.labingest.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.toxwatch.labingest.normalization.RejectedObservation;

import io.micrometer.core.instrument.MeterRegistry;

/** Counters for what came in and where it went; tags are bounded sets, never a patient id. */
@ApplicationScoped
public class IngestMetrics {

    private static final String SERVICE = "lab-ingest";

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void received() {
        registry.counter("toxwatch.observations.received", "service", SERVICE).increment();
    }

    void normalized(String analyte) {
        registry.counter("toxwatch.observations.normalized", "service", SERVICE, "analyte", analyte).increment();
    }

    /** A result the lab declared entered in error, passed on as a retraction. */
    void retracted() {
        registry.counter("toxwatch.retractions", "service", SERVICE).increment();
    }

    /**
     * A batch that failed as a whole and was taken again one input at a time: rare in a healthy ward (an input that
     * fails on its own, or a conflict between inputs of one batch); a steady rate means the batch path is broken.
     */
    void batchRetaken() {
        registry.counter("toxwatch.batches.retaken", "service", SERVICE).increment();
    }

    void duplicate() {
        registry.counter("toxwatch.observations.duplicates", "service", SERVICE).increment();
    }

    void deadLettered(RejectedObservation.Reason reason) {
        registry.counter("toxwatch.dead.letters", "service", SERVICE, "reason", reason.name()).increment();
    }
}
