package org.toxwatch.bench.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;
import org.toxwatch.bench.pipeline.load.AlertLatency;
import org.toxwatch.bench.pipeline.load.LabProducer;
import org.toxwatch.bench.pipeline.measure.Drain;
import org.toxwatch.bench.pipeline.measure.LoadAverage;
import org.toxwatch.bench.pipeline.measure.UsageLedger;

/** The two measurements, done the same way on either topology. */
final class Measurements {

    /** Sustained throughput: a backlog of N observations drained by the whole pipeline. */
    record DrainResult(String topology, long observations, long through, LabProducer.Sent backlog,
            double firstHopStartSeconds, double drainSeconds, boolean drained, String checked, Map<String, Double> cpuSeconds,
            String loadStart, String loadEnd, Instant from, Instant to) {
        /** Observations all the way through per second; when the drain timed out, those through by then. */
        double perSecond() {
            return through / drainSeconds;
        }
    }

    /** Publish-to-alert latency at one offered load. */
    record LatencyResult(String topology, int offeredPerSecond, LabProducer.Sent sent, double settleSeconds, boolean settled,
            long skipped, long alerts, long unmatched, Histogram micros, Map<String, Double> cpuSeconds, String loadStart, String loadEnd) {
        /** Observations the pipeline took in per second over the load and its tail. */
        double processedPerSecond() {
            return sent.count() / (sent.seconds() + settleSeconds);
        }
    }

    private final Topology topology;
    private final String bootstrapServers;
    private final Drain drain;
    private final LabProducer lab;
    private final UsageLedger ledger;
    private final Consumer<String> say;
    private final Duration drainTimeout;
    private final Duration tailTimeout;

    Measurements(Topology topology, String bootstrapServers, Drain drain, LabProducer lab, UsageLedger ledger,
            Consumer<String> say, Duration drainTimeout, Duration tailTimeout) {
        this.topology = topology;
        this.bootstrapServers = bootstrapServers;
        this.drain = drain;
        this.lab = lab;
        this.ledger = ledger;
        this.say = say;
        this.drainTimeout = drainTimeout;
        this.tailTimeout = tailTimeout;
    }

    /**
     * Publishes observations 0 .. n-1 with the first hop stopped, starts it, and times the drain from the moment it
     * is ready (a service's readiness, a relay's partition assignment) to the poll that finds every group caught up and
     * everything persisted. The first hop's start-up is reported apart.
     */
    DrainResult drain(long n) throws InterruptedException {
        say.accept(String.format("%s: publishing a backlog of %,d observations on %s with %s stopped ...", topology.name(), n,
                topology.labTopic(), topology.hops().get(0).name()));
        topology.stopFirstHop();
        LabProducer.Sent backlog = lab.backlog(topology.labTopic(), 0, n);
        lab.assertNoFailures();
        say.accept(String.format("  published in %.1f s (%,.0f/s); starting %s", backlog.seconds(), backlog.perSecond(),
                topology.hops().get(0).name()));
        String loadStart = LoadAverage.line();
        Instant starting = Instant.now();
        topology.startFirstHop();
        UsageLedger.Snapshot from = ledger.snapshot();
        double startSeconds = seconds(starting, from.at());
        long alreadyCommitted = drain.committed(topology.hops().get(0));
        Instant end = drain.awaitDrained(topology.hops(), () -> topology.persisted(n).complete(), drainTimeout,
                Duration.ofMillis(250), Duration.ofSeconds(30), progress -> say.accept(String.format("  %5.0f s: %s",
                        seconds(from.at(), Instant.now()), progress.describe(topology.hops()))));
        UsageLedger.Snapshot to = ledger.snapshot();
        String loadEnd = LoadAverage.line();
        Topology.Persisted persisted = topology.persisted(n);
        double drainSeconds = seconds(from.at(), end == null ? to.at() : end);
        if (alreadyCommitted > 0) {
            say.accept(String.format("  (%,d were committed before the drain clock started; counted in: the service works "
                    + "them during its own start)", alreadyCommitted));
        }
        // every observation becomes one record on each later topic in this cohort (checked: graded events = observations)
        long through = end != null ? n : Math.min(n, drain.committed(topology.hops().get(topology.hops().size() - 1)));
        DrainResult result = new DrainResult(topology.name(), n, through, backlog, startSeconds, drainSeconds, end != null,
                persisted.checked(), UsageLedger.cpuSeconds(from, to), loadStart, loadEnd, from.at(), to.at());
        if (end != null) {
            say.accept(String.format("  %s drained %,d observations in %.1f s: %,.0f observations/s", topology.name(), n,
                    drainSeconds, result.perSecond()));
        } else {
            say.accept(String.format("  %s did NOT drain %,d observations within %d min: %,d went all the way through in %.1f s:"
                    + " %,.1f observations/s; at that rate all %,d would take %.1f h", topology.name(), n,
                    drainTimeout.toMinutes(), through, drainSeconds, result.perSecond(), n, n / result.perSecond() / 3600));
        }
        say.accept("  checked: " + persisted.checked());
        return result;
    }

    /**
     * Publishes observations {@code from} .. at {@code perSecond} for {@code duration} while watching the alert topic,
     * then waits until every group has caught up (the tail), and reports the publish-to-alert latencies.
     */
    LatencyResult latency(long from, int perSecond, Duration duration) throws InterruptedException {
        int count = (int) (perSecond * duration.toSeconds());
        AtomicLongArray sentAt = new AtomicLongArray(count);
        say.accept(String.format("%s: %,d observations/s offered for %d s (observations %,d..%,d) ...", topology.name(),
                perSecond, duration.toSeconds(), from, from + count - 1));
        try (AlertLatency alerts = new AlertLatency(bootstrapServers, topology.alertTopic(), topology.alertCause(), from,
                sentAt)) {
            String loadStart = LoadAverage.line();
            UsageLedger.Snapshot start = ledger.snapshot();
            LabProducer.Sent sent = lab.paced(topology.labTopic(), from, perSecond, duration, sentAt);
            lab.assertNoFailures();
            Instant loadEnded = Instant.now();
            Instant settled = drain.awaitDrained(topology.hops(), () -> true, tailTimeout, Duration.ofMillis(250),
                    Duration.ofSeconds(30), progress -> say.accept("  tail: " + progress.describe(topology.hops())));
            Thread.sleep(1000); // alerts are published before their event is committed; let the watcher read the last
            UsageLedger.Snapshot end = ledger.snapshot();
            String loadEnd = LoadAverage.line();
            double settleSeconds = seconds(loadEnded, settled == null ? end.at() : settled);
            long skipped = 0;
            if (settled == null) {
                say.accept(String.format("  %s did not catch up within %d min of the load's end", topology.name(),
                        tailTimeout.toMinutes()));
                skipped = skipBacklog();
            }
            LatencyResult result = new LatencyResult(topology.name(), perSecond, sent, settleSeconds, settled != null, skipped,
                    alerts.received() - alerts.unmatched(), alerts.unmatched(), alerts.histogram(),
                    UsageLedger.cpuSeconds(start, end), loadStart, loadEnd);
            Histogram h = result.micros();
            say.accept(String.format("  sent %,d at %,.0f/s (offered %,d/s); %s; "
                    + "%,d alerts matched (%d unmatched): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                    sent.count(), sent.perSecond(), perSecond, settled == null
                            ? String.format("NOT caught up %.0f s after the load ended, %,d observations skipped", settleSeconds, skipped)
                            : String.format("caught up %.1f s after the load ended", settleSeconds),
                    result.alerts(), result.unmatched(), ms(h, 50), ms(h, 95), ms(h, 99), h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0));
            return result;
        }
    }

    /**
     * Skips what the pipeline has not worked off, so the next measurement starts from an empty pipeline: kills every
     * hop, moves each group's offsets to its topic's end, starts them again. Returns the observations skipped at the
     * first hop.
     */
    long skipBacklog() {
        topology.killProcesses();
        long first = 0;
        List<String> skipped = new ArrayList<>();
        for (Drain.Hop hop : topology.hops()) {
            long records = drain.skipToEnd(hop);
            first = skipped.isEmpty() ? records : first;
            skipped.add(String.format("%s %,d", hop.name(), records));
        }
        say.accept("  skipped what was still waiting (" + String.join(", ", skipped) + "); restarting "
                + topology.hops().stream().map(Drain.Hop::name).toList() + " ...");
        topology.startProcesses();
        return first;
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
