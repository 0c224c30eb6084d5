package org.toxwatch.bench.pipeline.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.toxwatch.bench.pipeline.measure.LoadAverage;

/**
 * The grading engine alone: bench/engine's JMH GradingBenchmark, run in its own JVM with short settings, its output
 * kept whole and its result lines picked out for the summary.
 */
public final class EngineBenchmark {

    public static final String DEFAULT_ARGUMENTS = "-f 1 -wi 2 -w 3s -i 3 -r 5s -t 1";

    private EngineBenchmark() {
    }

    /** The JMH result table's rows ("GradingBenchmark.x  thrpt  3  123.4 ± 5.6  ops/s"), and the load around it. */
    public record Result(List<String> rows, String command, String loadStart, String loadEnd, int exitCode) {
    }

    public static Result run(Path projectRoot, String arguments, Path output) throws IOException, InterruptedException {
        Path jar = projectRoot.resolve("bench/engine/target/benchmarks.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with: mvn -B -DskipTests install");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(arguments.trim().split("\\s+")));
        String loadStart = LoadAverage.line();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("JMH did not finish within 30 minutes; see " + output);
        }
        String loadEnd = LoadAverage.line();
        List<String> rows = new ArrayList<>();
        boolean table = false;
        for (String line : Files.readAllLines(output)) {
            if (line.startsWith("Benchmark ") && line.contains("Mode")) {
                table = true;
            }
            if (table && !line.isBlank()) {
                rows.add(line);
            }
        }
        return new Result(rows, String.join(" ", command.subList(1, command.size())), loadStart, loadEnd, process.exitValue());
    }
}
