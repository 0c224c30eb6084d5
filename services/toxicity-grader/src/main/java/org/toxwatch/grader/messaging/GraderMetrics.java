package org.toxwatch.grader.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/** Counters by term, grade and status; tags are bounded sets, never a patient id. */
@ApplicationScoped
public class GraderMetrics {

    private static final String SERVICE = "toxicity-grader";
    static final String PROCESSING_FAILED = "PROCESSING_FAILED";

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

    /**
     * A batch that failed as a whole and was taken again one input at a time: rare in a healthy ward (an input that
     * fails on its own, or a conflict between inputs of one batch); a steady rate means the batch path is broken.
     */
    public void batchRetaken() {
        registry.counter("toxwatch.batches.retaken", "service", SERVICE).increment();
    }

    public void duplicate() {
        registry.counter("toxwatch.observations.duplicates", "service", SERVICE).increment();
    }

    public void deadLettered(String reason) {
        registry.counter("toxwatch.dead.letters", "service", SERVICE, "reason", reason).increment();
    }

    /** A treatment course stored (new or changed) from treatment.courses.v1. */
    public void courseStored() {
        registry.counter("toxwatch.treatment.courses.stored", "service", SERVICE).increment();
    }

    /**
     * A failure that is not a refusal of the input nor an outage (a bug, a constraint the input checks missed): the
     * record is dead-lettered as PROCESSING_FAILED, counted like every other dead letter, and can be replayed as is.
     */
    public RefusedInput processingFailed(Throwable failure) {
        deadLettered(PROCESSING_FAILED);
        return new RefusedInput(PROCESSING_FAILED, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    /** Refuses an input: counted now, dead-lettered with the reason when the returned failure reaches the channel. */
    public RefusedInput refused(String code, String detail) {
        deadLettered(code);
        return new RefusedInput(code, detail);
    }

    /** Whether a failure still needs {@link #processingFailed}: every refusal is a {@link RefusedInput}, counted already. */
    public static boolean unexpected(Throwable failure) {
        return !(failure instanceof RefusedInput);
    }
}
