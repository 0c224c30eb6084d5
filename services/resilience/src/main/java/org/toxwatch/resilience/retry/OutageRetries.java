package org.toxwatch.resilience.retry;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gives each incoming channel its {@link RetryThroughOutage}, counted in {@code toxwatch_outage_retries_total}
 * (tags: channel, and the failure's type, a bounded set) and logged, so an outage is visible while it lasts and is
 * never mistaken for bad input.
 */
@ApplicationScoped
public class OutageRetries {

    private static final Logger LOG = Logger.getLogger(OutageRetries.class);

    private final MeterRegistry registry;

    public OutageRetries(MeterRegistry registry) {
        this.registry = registry;
    }

    public RetryThroughOutage forChannel(String channel) {
        return new RetryThroughOutage(outage -> {
            registry.counter("toxwatch.outage.retries", "channel", channel, "cause", rootType(outage)).increment();
            // the type and message of the infrastructure failure only: never the record, which may carry patient data
            LOG.warnf("channel %s: infrastructure unavailable (%s: %s); retrying the same record",
                    channel, outage.getClass().getSimpleName(), outage.getMessage());
        });
    }

    private static String rootType(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
