package org.toxwatch.bench.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.HdrHistogram.Histogram;
import org.toxwatch.bench.pipeline.engine.EngineBenchmark;
import org.toxwatch.bench.pipeline.profile.HotFrames;

/** The results as a README-ready markdown summary and a per-process table. */
final class Summary {

    private Summary() {
    }

    static String markdown(BenchOptions options, Measurements.DrainResult toxwatch, List<Measurements.LatencyResult> toxwatchLatency,
            Map<String, Double> toxwatchPeaks, Measurements.DrainResult relay, List<Measurements.LatencyResult> relayLatency,
            Map<String, Double> relayPeaks, EngineBenchmark.Result jmh, Map<String, HotFrames.Report> profiles, Instant started,
            Instant ended) {
        StringBuilder md = new StringBuilder();
        md.append("## End-to-end benchmark, ").append(started).append('\n').append('\n');
        md.append(String.format("`bench/run.sh` with %,d observations drained, %,d patients, offered loads %s/s for %d s each, "
                + "seed %d%s. Machine: %d cores, broker, PostgreSQL, services (or relays) and the load generator on one box. "
                + "Wall time %s.%n%n", options.observations(), options.patients(), options.rates(), options.loadDuration().toSeconds(),
                options.seed(), options.profile() ? ", services under JFR (--profile)" : "", Runtime.getRuntime().availableProcessors(),
                Duration.between(started, ended).withNanos(0)));

        md.append("| measure | ToxWatch | no-work relay | ToxWatch ÷ relay |\n|---|---|---|---|\n");
        md.append(String.format("| sustained throughput: %,d observations drained, observations/s | %s | %s | %s |%n",
                options.observations(), rate(toxwatch), rate(relay),
                relay == null ? "–" : String.format("%.3f", toxwatch.perSecond() / relay.perSecond())));
        md.append(String.format("| drain time (first hop's start-up apart) | %s | %s | |%n", drainTime(toxwatch), drainTime(relay)));
        for (int i = 0; i < toxwatchLatency.size(); i++) {
            Measurements.LatencyResult t = toxwatchLatency.get(i);
            Measurements.LatencyResult r = i < relayLatency.size() ? relayLatency.get(i) : null;
            md.append(String.format("| publish → alert at %,d/s offered: p50 / p95 / p99 / max, ms | %s | %s | p99 %s |%n",
                    t.offeredPerSecond(), percentiles(t), percentiles(r),
                    r == null ? "–" : String.format("%.1f×", Measurements.ms(t.micros(), 99) / Measurements.ms(r.micros(), 99))));
            md.append(String.format("| … alerts measured; sent rate achieved; caught up after the load | %s | %s | |%n",
                    load(t), load(r)));
        }
        md.append('\n');
        md.append("Throughput is N (or, when the drain timed out, the observations all the way through by then) ÷ the time from the first hop being ready (a service's `/q/health/ready`, a relay's "
                + "partition assignment) to the poll (every 250 ms) that found every consumer group's committed offsets at its "
                + "topic's end and everything persisted. A service commits an offset only after what it produced for the "
                + "record is acknowledged (SmallRye commits every few seconds), so the drain end is known to within that.\n\n");
        md.append("Checked at the end of the drain:\n\n- ToxWatch: ").append(toxwatch.checked()).append('\n');
        if (relay != null) {
            md.append("- relay: ").append(relay.checked()).append('\n');
        }
        md.append('\n');
        md.append("Latency is from the moment the load generator handed an observation to its Kafka producer to the moment "
                + "an alert naming it (ToxWatch: `trigger.observationId` of dose-alert.v1; relay: every record, matched by a "
                + "header the relays pass on) reached the generator's consumer of the alert topic. When a pipeline cannot "
                + "keep up with the offered load, its latency includes the queue that builds up.\n\n");

        md.append("### CPU seconds and peak memory per process\n\n");
        md.append("| process | drain CPU s | ");
        for (Measurements.LatencyResult t : toxwatchLatency) {
            md.append(String.format("at %,d/s CPU s | ", t.offeredPerSecond()));
        }
        md.append("peak RSS MiB |\n|---|---|");
        toxwatchLatency.forEach(t -> md.append("---|"));
        md.append("---|\n");
        processRows(md, "ToxWatch: ", toxwatch, toxwatchLatency, toxwatchPeaks);
        if (relay != null) {
            processRows(md, "relay: ", relay, relayLatency, relayPeaks);
        }
        md.append('\n');
        md.append("CPU is utime + stime from /proc/PID/stat over each phase (the drain; each load with its tail); peak RSS is "
                + "VmHWM from /proc/PID/status at the end of the topology's run (the broker's over the whole run). PostgreSQL "
                + "is counted as its backends connected to the benchmark's database, and apart its server processes "
                + "(checkpointer, WAL writer, ...), which serve every database on the server, other engineers' included. "
                + "A backend that exits within a phase loses its time in that phase.\n\n");
        md.append(String.format("Load average (1, 5, 15 min) at the drain's start and end: ToxWatch %s → %s", first3(toxwatch.loadStart()),
                first3(toxwatch.loadEnd())));
        if (relay != null) {
            md.append(String.format("; relay %s → %s", first3(relay.loadStart()), first3(relay.loadEnd())));
        }
        md.append(". Each load: ");
        for (Measurements.LatencyResult l : concat(toxwatchLatency, relayLatency)) {
            md.append(String.format("%s %,d/s %s → %s; ", l.topology(), l.offeredPerSecond(), first3(l.loadStart()), first3(l.loadEnd())));
        }
        md.append("\n\n");

        if (jmh != null) {
            md.append("### The engine alone (JMH `GradingBenchmark`, one observation per operation)\n\n");
            md.append("`java -jar ").append(jmh.command().replaceFirst("^-jar \\S*/bench/engine", "bench/engine")).append("`, load ")
                    .append(first3(jmh.loadStart())).append(" → ").append(first3(jmh.loadEnd())).append("\n\n```\n");
            jmh.rows().forEach(row -> md.append(row).append('\n'));
            md.append("```\n\n");
        }
        if (!profiles.isEmpty()) {
            md.append("### Where the services' CPU went during the drain (JFR execution samples; top 5 of the top 20 in profile/)\n\n");
            profiles.forEach((service, report) -> {
                md.append(String.format("**%s** (%,d samples)%n%n", service, report.samples()));
                md.append("| self (method on CPU) | % | first org.toxwatch frame | % |\n|---|---|---|---|\n");
                for (int i = 0; i < 5; i++) {
                    md.append(String.format("| %s | %s | %s | %s |%n", entry(report.topSelf(), i), share(report.topSelf(), i, report.samples()),
                            entry(report.topOurs(), i), share(report.topOurs(), i, report.samples())));
                }
                md.append('\n');
            });
        }
        return md.toString();
    }

    static String processTable(Measurements.DrainResult toxwatch, List<Measurements.LatencyResult> toxwatchLatency,
            Map<String, Double> toxwatchPeaks, Measurements.DrainResult relay, List<Measurements.LatencyResult> relayLatency,
            Map<String, Double> relayPeaks) {
        StringBuilder tsv = new StringBuilder("topology\tphase\tprocess\tcpu_seconds\tpeak_rss_mib\n");
        tsvRows(tsv, toxwatch, toxwatchLatency, toxwatchPeaks);
        if (relay != null) {
            tsvRows(tsv, relay, relayLatency, relayPeaks);
        }
        return tsv.toString();
    }

    private static void tsvRows(StringBuilder tsv, Measurements.DrainResult drain, List<Measurements.LatencyResult> latency,
            Map<String, Double> peaks) {
        drain.cpuSeconds().forEach((process, cpu) -> tsv.append(String.format("%s\tdrain %d\t%s\t%.2f\t%.1f%n", drain.topology(),
                drain.observations(), process, cpu, peaks.getOrDefault(process, Double.NaN))));
        for (Measurements.LatencyResult l : latency) {
            l.cpuSeconds().forEach((process, cpu) -> tsv.append(String.format("%s\tload %d/s\t%s\t%.2f\t%.1f%n", l.topology(),
                    l.offeredPerSecond(), process, cpu, peaks.getOrDefault(process, Double.NaN))));
        }
    }

    private static void processRows(StringBuilder md, String prefix, Measurements.DrainResult drain,
            List<Measurements.LatencyResult> latency, Map<String, Double> peaks) {
        Set<String> processes = new LinkedHashSet<>(drain.cpuSeconds().keySet());
        for (String process : processes) {
            md.append("| ").append(prefix).append(process).append(String.format(" | %.1f | ", drain.cpuSeconds().get(process)));
            for (Measurements.LatencyResult l : latency) {
                md.append(String.format("%.1f | ", l.cpuSeconds().getOrDefault(process, Double.NaN)));
            }
            md.append(String.format("%.0f |%n", peaks.getOrDefault(process, Double.NaN)));
        }
        double total = drain.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        // per observation all the way through: when the drain timed out, the upstream hops also worked on more than that
        md.append("| ").append(prefix).append(String.format("**all of the above** | %.1f (%.2f ms per observation through) | ",
                total, 1000 * total / drain.through()));
        for (Measurements.LatencyResult l : latency) {
            md.append(String.format("%.1f | ", l.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum()));
        }
        md.append(" |\n");
    }

    private static String rate(Measurements.DrainResult drain) {
        if (drain == null) {
            return "–";
        }
        return drain.drained() ? String.format("%,.0f", drain.perSecond())
                : String.format("%,.1f (did not drain: %,d of %,d through when the drain timed out)", drain.perSecond(),
                        drain.through(), drain.observations());
    }

    private static String drainTime(Measurements.DrainResult drain) {
        return drain == null ? "–" : String.format("%.1f s (start-up %.1f s)", drain.drainSeconds(), drain.firstHopStartSeconds());
    }

    private static String percentiles(Measurements.LatencyResult latency) {
        if (latency == null) {
            return "–";
        }
        Histogram h = latency.micros();
        if (h.getTotalCount() == 0) {
            return "no alerts";
        }
        return String.format("%s / %s / %s / %s", ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
                ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()));
    }

    private static String load(Measurements.LatencyResult latency) {
        if (latency == null) {
            return "–";
        }
        return String.format("%,d; %,.0f/s; %s", latency.alerts(), latency.sent().perSecond(), latency.settled()
                ? String.format("%.1f s", latency.settleSeconds())
                : String.format("not within %.0f s: %,d observations skipped", latency.settleSeconds(), latency.skipped()));
    }

    private static String ms(long micros) {
        double ms = micros / 1000.0;
        return ms < 10 ? String.format("%.1f", ms) : String.format("%,.0f", ms);
    }

    private static String first3(String loadLine) {
        String[] parts = loadLine.split(" ");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : loadLine;
    }

    private static String entry(List<Map.Entry<String, Long>> entries, int i) {
        return i < entries.size() ? "`" + entries.get(i).getKey() + "`" : "";
    }

    private static String share(List<Map.Entry<String, Long>> entries, int i, long total) {
        return i < entries.size() ? String.format("%.1f", 100.0 * entries.get(i).getValue() / Math.max(1, total)) : "";
    }

    private static List<Measurements.LatencyResult> concat(List<Measurements.LatencyResult> a, List<Measurements.LatencyResult> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
