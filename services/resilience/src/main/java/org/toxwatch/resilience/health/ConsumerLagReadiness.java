package org.toxwatch.resilience.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;

/**
 * Readiness that tells whether the service keeps up with its input: DOWN, with the figures, when one of its consumer
 * groups has more than {@code toxwatch.readiness.max-consumer-lag} records waiting (log-end offset minus committed
 * offset, summed over the group's partitions), and DOWN when the broker does not give the figures.
 * <p>
 * The lag is measured in the background every {@code toxwatch.readiness.consumer-lag.refresh-every} with bounded
 * Admin-client calls; a probe only reads the latest figures, so it never waits on the broker. Readiness only: a
 * restart does not make a backlog smaller.
 */
@Readiness
@ApplicationScoped
public class ConsumerLagReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(ConsumerLagReadiness.class);

    private final List<WatchedGroup> groups;
    private final long threshold;
    private final Duration refreshEvery;
    private final Duration staleAfter;
    private final Supplier<LagMeter> meters;
    private final Clock clock;

    private volatile Optional<LagReading> latest = Optional.empty();
    private volatile LagMeter meter;
    private ScheduledExecutorService refresher;

    /**
     * The default threshold, 10,000 records, is half a minute to two minutes of work at the rates lab-ingest sustained
     * in the hostile-input suite (10,000 inputs in 30 to 135 s on a shared 2-core machine) and well above a morning
     * draw's burst: DOWN then means an instance stuck or far behind, not one that is merely busy.
     */
    @Inject
    ConsumerLagReadiness(Config config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "toxwatch") String service,
            @ConfigProperty(name = "toxwatch.readiness.consumer-groups") Optional<List<String>> named,
            @ConfigProperty(name = "toxwatch.readiness.max-consumer-lag", defaultValue = "10000") long threshold,
            @ConfigProperty(name = "toxwatch.readiness.consumer-lag.refresh-every", defaultValue = "5s") Duration refreshEvery,
            @ConfigProperty(name = "toxwatch.readiness.consumer-lag.broker-timeout", defaultValue = "3s") Duration brokerTimeout) {
        this(WatchedGroup.from(channelProperties(config), named), threshold, refreshEvery, brokerTimeout,
                () -> LagMeter.connect(kafka, service + "-readiness", brokerTimeout, Clock.systemUTC()), Clock.systemUTC());
    }

    ConsumerLagReadiness(List<WatchedGroup> groups, long threshold, Duration refreshEvery, Duration brokerTimeout,
            Supplier<LagMeter> meters, Clock clock) {
        if (threshold < 0 || refreshEvery.isNegative() || refreshEvery.isZero() || brokerTimeout.isNegative()
                || brokerTimeout.isZero()) {
            throw new IllegalArgumentException("toxwatch.readiness: the threshold must not be negative, the refresh"
                    + " interval and the broker timeout must be positive");
        }
        this.groups = List.copyOf(groups);
        this.threshold = threshold;
        this.refreshEvery = refreshEvery;
        // a reading is always replaced within one interval plus one timeout; three of those missed means stuck
        this.staleAfter = refreshEvery.plus(brokerTimeout).multipliedBy(3);
        this.meters = meters;
        this.clock = clock;
    }

    /** Takes the first reading before the service reports ready (bounded by the broker timeout), then keeps it fresh. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.infof("readiness watches the lag of consumer group(s) %s, threshold %d records",
                groups.stream().map(g -> g.group() + " " + g.topics()).toList(), threshold);
        refresh();
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "toxwatch-consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, refreshEvery.toMillis(), refreshEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void refresh() {
        try {
            if (meter == null) {
                meter = meters.get();
            }
            LagReading reading = meter.measure(groups);
            reading.failure().ifPresent(reason -> LOG.warnf("consumer lag not measured: %s", reason));
            latest = Optional.of(reading);
        } catch (RuntimeException e) {
            // an exception would end the scheduled refreshes for good; record it as a failed reading instead
            LOG.warn("consumer lag not measured", e);
            latest = Optional.of(LagReading.failed(clock.instant(), e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    @Override
    public HealthCheckResponse call() {
        return LagReading.verdict(latest, groups.stream().map(WatchedGroup::group).toList(), threshold, clock.instant(),
                staleAfter);
    }

    @PreDestroy
    void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        if (meter != null) {
            meter.close();
        }
    }

    /**
     * The channel properties the watched groups are read from. Only these: another property (a password from an
     * unset variable, say) must not fail the check.
     */
    private static Map<String, String> channelProperties(Config config) {
        Map<String, String> properties = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            boolean wanted = name.equals("kafka.auto.offset.reset") || name.startsWith(WatchedGroup.INCOMING)
                    && CHANNEL_ATTRIBUTES.stream().anyMatch(attribute -> name.endsWith("." + attribute));
            if (wanted) {
                config.getOptionalValue(name, String.class).ifPresent(value -> properties.put(name, value));
            }
        }
        return properties;
    }

    private static final List<String> CHANNEL_ATTRIBUTES = List.of("group.id", "connector", "enabled", "pattern", "topic",
            "topics", "auto.offset.reset");
}
