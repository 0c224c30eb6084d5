package org.toxwatch.bench.pipeline.measure;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The processes of a run by name, and their CPU ticks at moments the benchmark chooses (a phase's start and end), so
 * each phase gets the CPU each process spent in it. A name may stand for several processes (PostgreSQL's backends):
 * its pids are looked up at each snapshot, and a process that exits between two snapshots loses its time in between.
 */
public final class UsageLedger {

    private final Map<String, Supplier<List<Long>>> processes = new LinkedHashMap<>();

    /** One process, looked up at each snapshot (a restarted service gets a new pid). */
    public synchronized void track(String name, Supplier<Long> pid) {
        processes.put(name, () -> List.of(pid.get()));
    }

    public synchronized void trackGroup(String name, Supplier<List<Long>> pids) {
        processes.put(name, pids);
    }

    public synchronized void forget(String name) {
        processes.remove(name);
    }

    public synchronized List<String> names() {
        return List.copyOf(processes.keySet());
    }

    /** CPU ticks per name and pid at this moment. */
    public record Snapshot(Instant at, double loadAverage, Map<String, Map<Long, Long>> ticks) {
    }

    public synchronized Snapshot snapshot() {
        Map<String, Map<Long, Long>> ticks = new LinkedHashMap<>();
        processes.forEach((name, pids) -> {
            Map<Long, Long> perPid = new LinkedHashMap<>();
            for (long pid : pids.get()) {
                ProcessUsage.cpuTicks(pid).ifPresent(t -> perPid.put(pid, t));
            }
            ticks.put(name, perPid);
        });
        return new Snapshot(Instant.now(), LoadAverage.oneMinute(), ticks);
    }

    /** CPU seconds each name spent between two snapshots (pids new since {@code from} count from zero). */
    public static Map<String, Double> cpuSeconds(Snapshot from, Snapshot to) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        to.ticks().forEach((name, perPid) -> {
            Map<Long, Long> before = from.ticks().getOrDefault(name, Map.of());
            long ticks = 0;
            for (var pid : perPid.entrySet()) {
                ticks += pid.getValue() - before.getOrDefault(pid.getKey(), 0L);
            }
            seconds.put(name, ticks / (double) ProcessUsage.TICKS_PER_SECOND);
        });
        return seconds;
    }

    /** Peak resident set in MiB per name now (for a group: the sum of its processes' peaks). */
    public synchronized Map<String, Double> peakRssMib() {
        Map<String, Double> peaks = new LinkedHashMap<>();
        processes.forEach((name, pids) -> peaks.put(name,
                pids.get().stream().mapToLong(pid -> ProcessUsage.peakRssKib(pid).orElse(0L)).sum() / 1024.0));
        return peaks;
    }
}
