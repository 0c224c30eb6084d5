package org.toxwatch.bench.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command line of bench/run.sh. */
record BenchOptions(long observations, int patients, List<Integer> rates, Duration loadDuration, long seed, boolean profile,
        boolean skipJmh, boolean skipRelay, String jmhArguments, Duration drainTimeout, Duration tailTimeout, List<String> jvmOptions,
        Path results) {

    static final String USAGE = """
            usage: bench/run.sh [options]
              --observations N      backlog drained for the throughput figure (default 1000000)
              --patients N          synthetic cohort size (default 10000)
              --rates R1,R2         offered loads for the latency figures, observations/s (default 1000,5000)
              --duration S          seconds each offered load runs (default 60)
              --seed N              cohort seed (default 7); the same seed gives the same observations
              --profile             run the services with JFR and write their hot frames (drain window)
              --skip-jmh            do not run the engine benchmark
              --skip-relay          do not measure the no-work relay topology
              --jmh "ARGS"          JMH arguments (default "-f 1 -wi 2 -w 3s -i 3 -r 5s -t 1")
              --drain-timeout MIN   longest wait for the drain, minutes (default 30); if it is not done by then,
                                    throughput is what went through so far, and the rest of the backlog is skipped
              --tail-timeout MIN    longest wait after an offered load for the pipeline to catch up (default 5);
                                    then its remaining backlog is skipped and only alerts so far are measured
              --jvm-option OPT      extra JVM option for every service and relay (repeatable; after the defaults,
                                    which are the demo's plus -XX:TieredStopAtLevel=4: C2 compiles the hot code, as
                                    in production; the demo stops at C1 to boot fast)
              --results DIR         where to write the results (default bench/results/<UTC timestamp>)
            """;

    /** Lifts the demo's -XX:TieredStopAtLevel=1 (a later option wins). */
    static final String PRODUCTION_JIT = "-XX:TieredStopAtLevel=4";

    static BenchOptions parse(String[] args, Path defaultResults) {
        long observations = 1_000_000;
        int patients = 10_000;
        List<Integer> rates = List.of(1000, 5000);
        Duration duration = Duration.ofSeconds(60);
        long seed = 7;
        boolean profile = false;
        boolean skipJmh = false;
        boolean skipRelay = false;
        String jmh = org.toxwatch.bench.pipeline.engine.EngineBenchmark.DEFAULT_ARGUMENTS;
        Duration drainTimeout = Duration.ofMinutes(30);
        Duration tailTimeout = Duration.ofMinutes(5);
        // the demo's JVM settings stop at C1 for a quick boot; a benchmark measures the steady state, as a pod runs it
        List<String> jvmOptions = new ArrayList<>(List.of(PRODUCTION_JIT));
        Path results = defaultResults;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--observations" -> observations = Long.parseLong(args[++i].replace("_", ""));
                case "--patients" -> patients = Integer.parseInt(args[++i].replace("_", ""));
                case "--rates" -> rates = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
                case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--profile" -> profile = true;
                case "--skip-jmh" -> skipJmh = true;
                case "--skip-relay" -> skipRelay = true;
                case "--jmh" -> jmh = args[++i];
                case "--drain-timeout" -> drainTimeout = Duration.ofMinutes(Long.parseLong(args[++i]));
                case "--tail-timeout" -> tailTimeout = Duration.ofMinutes(Long.parseLong(args[++i]));
                case "--jvm-option" -> jvmOptions.add(args[++i]);
                case "--results" -> results = Path.of(args[++i]).toAbsolutePath();
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (observations < 1 || patients < 1 || rates.stream().anyMatch(r -> r < 1) || duration.isNegative()
                || duration.isZero()) {
            throw new IllegalArgumentException("observations, patients, rates and duration must be positive\n" + USAGE);
        }
        return new BenchOptions(observations, patients, rates, duration, seed, profile, skipJmh, skipRelay, jmh, drainTimeout, tailTimeout,
                List.copyOf(jvmOptions), results);
    }

    /** Every observation the run publishes: the backlog, then each offered load's. */
    long totalObservations() {
        return observations + rates.stream().mapToLong(r -> r * loadDuration.toSeconds()).sum();
    }
}
