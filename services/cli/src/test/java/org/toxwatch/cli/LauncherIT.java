package org.toxwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/toxwatch against the packaged jar (runs after package, from failsafe): arguments pass through, the exit code
 * comes back, and the project is found from the script's own location, also through a symlink from elsewhere.
 */
class LauncherIT {

    private static final Path PROJECT = Path.of(System.getProperty("toxwatch.project.dir", "../..")).toAbsolutePath()
            .normalize();
    private static final Path LAUNCHER = PROJECT.resolve("bin/toxwatch");
    private static final Path SAMPLE = PROJECT.resolve("services/cli/src/test/resources/sample/labs.csv");
    private static final Path REPLAY = PROJECT.resolve("services/cli/src/test/resources/replay");

    @TempDir
    Path dir;

    @Test
    void gradesTheSampleThroughTheLauncher() throws Exception {
        Path out = dir.resolve("graded.csv");

        Result result = run(LAUNCHER, "grade", "--in", SAMPLE.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).startsWith("id,term,ctcae_version,grade,status,explanation");
        int inputRows = Files.readAllLines(SAMPLE).size() - 1;
        Matcher summary = Pattern.compile("(\\d+) rows read, (\\d+) results").matcher(result.err());
        assertThat(summary.find()).as(result.err()).isTrue();
        assertThat(Integer.parseInt(summary.group(1))).isEqualTo(inputRows);
        // the sample has no quoted line breaks, so one line per result after the header
        assertThat(lines).hasSize(1 + Integer.parseInt(summary.group(2)));
    }

    @Test
    void replaysTheCohortThroughTheLauncher() throws Exception {
        Path out = dir.resolve("changes.csv");

        Result result = run(LAUNCHER, "replay", "--courses", REPLAY.resolve("courses.json").toString(),
                "--events", REPLAY.resolve("events.ndjson").toString(),
                "--overrides", REPLAY.resolve("site-precycle-platelets-100.yaml").toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Alerts (pages) per rule:", "site-haic-precycle-platelets-100");
        assertThat(result.err()).contains("4 appeared, 2 disappeared");
        // header and one line per change (the explanations hold no line breaks)
        assertThat(Files.readAllLines(out)).hasSize(1 + 6);
    }

    @Test
    void passesTheCliExitCodeThrough() throws Exception {
        Result result = run(LAUNCHER, "grade", "--in", SAMPLE.toString(), "--ctcae", "4.03");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown CTCAE version '4.03'");
    }

    @Test
    void findsTheProjectThroughASymlinkFromAnotherDirectory() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("toxwatch"), LAUNCHER);

        Result result;
        try {
            result = run(link, "--help");
        } finally {
            Files.delete(link);
        }

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Usage: toxwatch").contains("grade").contains("replay");
    }

    private Result run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/toxwatch did not finish within 2 minutes");
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {
    }
}
