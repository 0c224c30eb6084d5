package org.toxwatch.bench.pipeline.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.toxwatch.demo.stack.ServiceProcess;

/** One relay hop in its own JVM, with the same JVM settings the services get. */
public final class RelayProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private RelayProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static RelayProcess start(String name, String bootstrap, String from, String to, String group, Path logDir,
            List<String> extraJvmOptions) {
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ServiceProcess.DEFAULT_JVM_OPTIONS);
            command.addAll(extraJvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), RelayMain.class.getName(), bootstrap, from, to,
                    group));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new RelayProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start relay " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Waits until the relay's consumer owns partitions: it is reading from then on. */
    public RelayProcess awaitAssigned(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("relay " + name + " exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                if (Files.readString(log).contains(RelayMain.ASSIGNED)) {
                    return this;
                }
                Thread.sleep(20);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("relay " + name + " owned no partition within " + timeout + "; see " + log);
    }

    /** SIGKILL: nothing of the poll in hand is committed. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ServiceProcess.stop(process);
    }
}
