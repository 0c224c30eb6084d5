package org.toxwatch.dashboard.readmodel;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Unreadable records are logged, counted and skipped rather than sent to a dead-letter topic: the dashboard is a read
 * model, the source topic keeps the record, and its owner dead-letters what it could not process. The count keeps the
 * name every service uses, so one alert rule covers them all. Never a patient id in a tag.
 */
@ApplicationScoped
public class SkippedRecords {

    static final String SERVICE = "ward-dashboard";
    private static final Logger LOG = Logger.getLogger(SkippedRecords.class);

    private final MeterRegistry registry;

    public SkippedRecords(MeterRegistry registry) {
        this.registry = registry;
    }

    public void skip(String topic, long partition, long offset, UnreadableRecord reason) {
        LOG.warnf("skipped unreadable record %s-%d@%d: %s", topic, partition, offset, reason.getMessage());
        registry.counter("toxwatch.dead.letters", "service", SERVICE, "reason", reason.code(), "topic", topic)
                .increment();
    }
}
