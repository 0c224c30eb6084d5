package org.toxwatch.bench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.toxwatch.bench.pipeline.cohort.SyntheticCohort;
import org.toxwatch.bench.pipeline.engine.EngineBenchmark;
import org.toxwatch.bench.pipeline.load.LabProducer;
import org.toxwatch.bench.pipeline.measure.Drain;
import org.toxwatch.bench.pipeline.measure.LoadAverage;
import org.toxwatch.bench.pipeline.measure.UsageLedger;
import org.toxwatch.bench.pipeline.profile.HotFrames;
import org.toxwatch.demo.stack.ProjectLayout;
import org.toxwatch.demo.stack.ServiceProcess;

/**
 * Issue 7's end-to-end benchmark (bench/run.sh). On one broker, in one run: ToxWatch's three services and then the
 * same topology of no-work relays, each measured the same way - the drain of a backlog for sustained throughput, and
 * publish-to-alert latency at fixed offered loads - with CPU and peak memory per process; then the engine's JMH
 * benchmark. Writes a summary to stdout and everything to bench/results/TIMESTAMP/.
 */
public final class PipelineBenchmark {

    private static final String GENERATOR = "load generator (this JVM)";

    private final BenchOptions options;
    private final ProjectLayout layout;
    private final Path results;
    private final StringBuilder transcript = new StringBuilder();

    private PipelineBenchmark(BenchOptions options, ProjectLayout layout) {
        this.options = options;
        this.layout = layout;
        this.results = options.results();
    }

    public static void main(String[] args) throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, layout.root().resolve("bench/results").resolve(stamp));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new PipelineBenchmark(options, layout).run();
    }

    private void run() throws Exception {
        Files.createDirectories(results.resolve("logs"));
        Instant started = Instant.now();
        say("ToxWatch end-to-end benchmark; results in %s", results);
        say("machine: %d cores, %s; %s; load average at start: %s", Runtime.getRuntime().availableProcessors(), memory(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), LoadAverage.line());
        say("options: %s", options);
        say("JVM options of every service and relay: %s %s", ServiceProcess.DEFAULT_JVM_OPTIONS, options.jvmOptions());

        SyntheticCohort cohort = new SyntheticCohort(options.seed(), options.patients(), options.totalObservations());
        Map<String, List<String>> serviceJvmOptions = new LinkedHashMap<>();
        for (String service : ToxWatchTopology.SERVICES) {
            List<String> jvm = new ArrayList<>(options.jvmOptions());
            if (options.profile()) {
                Files.createDirectories(results.resolve("profile"));
                jvm.add("-XX:StartFlightRecording=filename=" + results.resolve("profile").resolve(service + "-at-exit.jfr")
                        + ",settings=profile,dumponexit=true");
            }
            serviceJvmOptions.put(service, jvm);
        }

        Measurements.DrainResult toxwatchDrain;
        List<Measurements.LatencyResult> toxwatchLatency = new ArrayList<>();
        Map<String, Double> toxwatchPeaks;
        Measurements.DrainResult relayDrain = null;
        List<Measurements.LatencyResult> relayLatency = new ArrayList<>();
        Map<String, Double> relayPeaks = Map.of();
        say("%nStarting the broker, database %s and %s (the ward dashboard is left out: it is on no path from a lab "
                + "result to an alert) ...", ToxWatchTopology.DATABASE, ToxWatchTopology.SERVICES);
        try (ToxWatchTopology toxwatch = ToxWatchTopology.start(layout, cohort, serviceJvmOptions, this::say);
                Drain drain = new Drain(toxwatch.bootstrapServers());
                LabProducer lab = new LabProducer(toxwatch.bootstrapServers(), cohort)) {
            String bootstrap = toxwatch.bootstrapServers();
            UsageLedger ledger = new UsageLedger();
            toxwatch.track(ledger);
            ledger.track(GENERATOR, () -> ProcessHandle.current().pid());
            Measurements toxwatchMeasure = new Measurements(toxwatch, bootstrap, drain, lab, ledger, this::say, options.drainTimeout(),
                    options.tailTimeout());
            toxwatchDrain = toxwatchMeasure.drain(options.observations());
            if (options.profile()) {
                dumpRecordings(toxwatch);
            }
            if (!toxwatchDrain.drained()) {
                toxwatchMeasure.skipBacklog();
            }
            long next = options.observations();
            for (int rate : options.rates()) {
                toxwatchLatency.add(toxwatchMeasure.latency(next, rate, options.loadDuration()));
                next += rate * options.loadDuration().toSeconds();
            }
            say("  after every load: %s", toxwatch.persisted(next).checked());
            Files.writeString(results.resolve("postgres-counters.txt"), toxwatch.databaseCounters());
            toxwatchPeaks = ledger.peakRssMib();
            say("Stopping the services (the broker stays up for the relays) ...");
            toxwatch.stopProcesses();
            for (Path log : toxwatch.logs()) {
                keepTail(log);
            }

            if (!options.skipRelay()) {
                say("%nStarting the no-work relays on %s* ...", RelayTopology.PREFIX);
                try (RelayTopology relay = RelayTopology.start(bootstrap, results.resolve("logs"), options.jvmOptions())) {
                    UsageLedger relayLedger = new UsageLedger();
                    relayLedger.track("kafka-broker", toxwatch::brokerPid);
                    relay.track(relayLedger);
                    relayLedger.track(GENERATOR, () -> ProcessHandle.current().pid());
                    Measurements relayMeasure = new Measurements(relay, bootstrap, drain, lab, relayLedger, this::say,
                            options.drainTimeout(), options.tailTimeout());
                    relayDrain = relayMeasure.drain(options.observations());
                    if (!relayDrain.drained()) {
                        relayMeasure.skipBacklog();
                    }
                    long index = options.observations();
                    for (int rate : options.rates()) {
                        relayLatency.add(relayMeasure.latency(index, rate, options.loadDuration()));
                        index += rate * options.loadDuration().toSeconds();
                    }
                    relayPeaks = relayLedger.peakRssMib();
                }
            }
        }

        EngineBenchmark.Result jmh = null;
        if (!options.skipJmh()) {
            say("%nThe engine alone: JMH GradingBenchmark %s ...", options.jmhArguments());
            jmh = EngineBenchmark.run(layout.root(), options.jmhArguments(), results.resolve("jmh.txt"));
            jmh.rows().forEach(row -> say("  %s", row));
        }

        Map<String, HotFrames.Report> profiles = new LinkedHashMap<>();
        if (options.profile()) {
            for (String service : ToxWatchTopology.SERVICES) {
                Path recording = results.resolve("profile").resolve(service + "-drain.jfr");
                if (!Files.isRegularFile(recording)) {
                    say("no flight recording of %s at %s", service, recording);
                    continue;
                }
                HotFrames.Report report = HotFrames.of(recording, toxwatchDrain.from(), toxwatchDrain.to(), 20);
                Files.writeString(results.resolve("profile").resolve("hot-frames-" + service + ".txt"), report.text());
                profiles.put(service, report);
            }
        }

        String summary = Summary.markdown(options, toxwatchDrain, toxwatchLatency, toxwatchPeaks, relayDrain, relayLatency,
                relayPeaks, jmh, profiles, started, Instant.now());
        Files.writeString(results.resolve("summary.md"), summary);
        writeHistograms(toxwatchLatency);
        writeHistograms(relayLatency);
        Files.writeString(results.resolve("processes.tsv"), Summary.processTable(toxwatchDrain, toxwatchLatency, toxwatchPeaks,
                relayDrain, relayLatency, relayPeaks));
        say("%n%s", summary);
        say("Wall time %s; load average at the end: %s", Duration.between(started, Instant.now()).withNanos(0),
                LoadAverage.line());
        Files.writeString(results.resolve("output.txt"), transcript);
    }

    /**
     * Dumps each service's flight recording as it stands at the end of the drain: a service restarted later (to skip a
     * backlog) starts a new recording, which would not cover the drain.
     */
    private void dumpRecordings(ToxWatchTopology toxwatch) throws IOException, InterruptedException {
        for (String service : ToxWatchTopology.SERVICES) {
            Path file = results.resolve("profile").resolve(service + "-drain.jfr");
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(toxwatch.service(service).pid()), "JFR.dump", "filename=" + file)
                    .redirectErrorStream(true).redirectOutput(results.resolve("profile").resolve(service + "-jcmd.txt").toFile())
                    .start();
            if (!jcmd.waitFor(2, java.util.concurrent.TimeUnit.MINUTES) || jcmd.exitValue() != 0) {
                say("  could not dump the flight recording of %s (see profile/%s-jcmd.txt)", service, service);
            }
        }
    }

    private void writeHistograms(List<Measurements.LatencyResult> latencies) throws IOException {
        for (Measurements.LatencyResult latency : latencies) {
            Path file = results.resolve("latency-" + latency.topology().toLowerCase() + "-" + latency.offeredPerSecond() + ".hgrm");
            try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
                out.printf("# %s, offered %d/s: publish -> alert latency in milliseconds (%d alerts)%n", latency.topology(),
                        latency.offeredPerSecond(), latency.alerts());
                Histogram h = latency.micros();
                if (h.getTotalCount() > 0) {
                    h.outputPercentileDistribution(out, 1000.0);
                }
            }
        }
    }

    /** The last 300 lines of a log, next to the results. */
    private void keepTail(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return;
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        Files.write(results.resolve("logs").resolve(log.getFileName() + ".tail"),
                lines.subList(Math.max(0, lines.size() - 300), lines.size()), StandardCharsets.ISO_8859_1);
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "memory unknown";
        }
    }

    private synchronized void say(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println(line);
        System.out.flush();
        transcript.append(line).append(System.lineSeparator());
    }

    private void say(String line) {
        say("%s", line);
    }
}
