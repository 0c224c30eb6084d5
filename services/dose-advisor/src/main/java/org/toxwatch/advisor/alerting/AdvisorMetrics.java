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

    void duplicate() {
        registry.counter("toxwatch.graded.events.duplicates", "service", SERVICE).increment();
    }

    void deadLettered(String reason) {
        registry.counter("toxwatch.dead.letters", "service", SERVICE, "reason", reason).increment();
    }

    /** Refuses an input: counted now, dead-lettered with the reason when the returned failure reaches the channel. */
    RefusedInput refused(String code, String detail) {
        deadLettered(code);
        return new RefusedInput(code, detail);
    }

    /**
     * A failure that is not a refusal of the input nor an outage (a bug, a constraint the input checks missed): the
     * record is dead-lettered as PROCESSING_FAILED, counted like every other dead letter, and can be replayed as is.
     */
    RefusedInput processingFailed(Throwable failure) {
        return refused("PROCESSING_FAILED", failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    /** Whether a failure still needs {@link #processingFailed}: every refusal is a {@link RefusedInput}, counted already. */
    static boolean unexpected(Throwable failure) {
        return !(failure instanceof RefusedInput);
    }
}
