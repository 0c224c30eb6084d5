package org.toxwatch.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/**
 * Stops and starts the machine's PostgreSQL cluster (the Debian cluster the services use), as a database outage or
 * a failover would look to them: connections dropped, then refused, then accepted again.
 */
final class PostgresOutage {

    private final String version;

    private PostgresOutage(String version) {
        this.version = version;
    }

    /** The newest cluster under /etc/postgresql, or null when this machine has none that pg_ctlcluster manages. */
    static PostgresOutage ofLocalCluster() {
        Path clusters = Path.of("/etc/postgresql");
        if (!Files.isDirectory(clusters) || !Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster"))) {
            return null;
        }
        try (Stream<Path> versions = Files.list(clusters)) {
            return versions.map(p -> p.getFileName().toString())
                    .filter(v -> Files.isDirectory(clusters.resolve(v).resolve("main")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.replaceAll("\\D", "0"))))
                    .map(PostgresOutage::new).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    void stop() {
        run("stop", "-m", "fast");
        Awaitility.await("PostgreSQL stopped").atMost(Duration.ofSeconds(60)).until(() -> !answers());
    }

    void start() {
        run("start");
        Awaitility.await("PostgreSQL accepting connections").atMost(Duration.ofSeconds(120)).until(PostgresOutage::answers);
    }

    static boolean answers() {
        try {
            Process check = new ProcessBuilder("pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q").start();
            return check.waitFor(10, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run(String... action) {
        List<String> command = new java.util.ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main"));
        command.addAll(List.of(action));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + version + "/main";
    }
}
