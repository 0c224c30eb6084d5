package org.toxwatch.advisor.alerting;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/** Counters by outcome, drug and alert type; never a patient id. */
@ApplicationScoped
public class AdvisorMetrics {

    private static final String SERVICE = "dose-advisor";

    private final MeterRegistry registry;

    public AdvisorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void assessed(AssessedEvent.Outcome outcome) {
        registry.counter("toxwatch.graded.events.assessed", "service", SERVICE, "outcome", outcome.name()).increment();
    }

    void alerted(String drug, DoseAlert.AlertType type) {
        registry.counter("toxwatch.alerts", "service", SERVICE, "drug", drug, "type", type.name()).increment();
    }

    /** A repeat of an open alert's condition that did not page: the alert-fatigue figure's other half. */
    void absorbed() {
        registry.counter("toxwatch.alerts.absorbed", "service", SERVICE).increment();
    }

    /**
     * A batch that failed as a whole and was taken again one input at a time: rare in a healthy ward (an input that
     * fails on its own, or a conflict between inputs of one batch); a steady rate means the batch path is broken.
     */
    void batchRetaken() {
        registry.counter("toxwatch.batches.retaken", "service", SERVICE).increment();
    }

    void duplicate() {
        registry.counter("toxwatch.graded.events.duplicates", "service", SERVICE).increment();
    }

    void deadLettered(String reason) {
        registry.counter("toxwatch.dead.letters", "service", SERVICE, "reason", reason).increment();
    }
}
