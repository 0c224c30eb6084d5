package org.toxwatch.resilience.retry;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Gives each incoming channel its {@link RetryThroughOutage}, counted in {@code toxwatch_outage_retries_total}
 * (tags: channel, and the failure's type, a bounded set) and logged, so an outage is visible while it lasts and is
 * never mistaken for bad input.
 * <p>
 * Also the service's {@link ServiceStop}: the stop begins with Quarkus' shutdown event, before the Kafka connector
 * and the database pools close, and waits up to {@code toxwatch.shutdown.drain-timeout} for the records in flight.
 * Keep it below the platform's grace period (Kubernetes: 30 s by default), or the drain is cut by SIGKILL.
 */
@ApplicationScoped
public class OutageRetries {

    private static final Logger LOG = Logger.getLogger(OutageRetries.class);

    private final MeterRegistry registry;
    private final Duration drainTimeout;
    private final ServiceStop stop = new ServiceStop();

    public OutageRetries(MeterRegistry registry,
            @ConfigProperty(name = "toxwatch.shutdown.drain-timeout", defaultValue = "10s") Duration drainTimeout) {
        this.registry = registry;
        this.drainTimeout = drainTimeout;
    }

    public RetryThroughOutage forChannel(String channel) {
        return new RetryThroughOutage(RetryThroughOutage.FIRST_PAUSE, RetryThroughOutage.LONGEST_PAUSE, outage -> {
            registry.counter("toxwatch.outage.retries", "channel", channel, "cause", rootType(outage)).increment();
            // the type and message of the infrastructure failure only: never the record, which may carry patient data
            LOG.warnf("channel %s: infrastructure unavailable (%s: %s); retrying the same record",
                    channel, outage.getClass().getSimpleName(), outage.getMessage());
        }, stop, failure -> {
            registry.counter("toxwatch.records.held.back", "channel", channel).increment();
            if (failure == null) {
                LOG.infof("channel %s: stopping; a record is left for the next instance", channel);
            } else {
                LOG.infof("channel %s: stopping; a record that failed during the stop (%s: %s) is left for the next"
                        + " instance, not dead-lettered", channel, failure.getClass().getSimpleName(), failure.getMessage());
            }
        });
    }

    /** First of the shutdown: no record starts after this, and those in flight get {@code drainTimeout} to finish. */
    void beginStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        try {
            int left = stop.beginAndDrain(drainTimeout);
            if (left > 0) {
                LOG.warnf("stopping with %d record(s) still in flight after %s; they are left unacknowledged for the"
                        + " next instance", left, drainTimeout);
            } else {
                LOG.info("stopping: no record in flight; unprocessed records are left for the next instance");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootType(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
