package org.toxwatch.demo.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged ToxWatch service running in its own JVM, as it would in production. */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /**
     * The JVM settings every service runs with here: a small heap and C1 only, so four JVMs boot quickly beside the
     * broker and the tests on a small machine.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Process process;
    private final URI baseUri;
    private final Path log;
    private final Path jar;
    private final Map<String, String> environment;
    private final List<String> extraJvmOptions;

    private ServiceProcess(String name, Process process, URI baseUri, Path log, Path jar, Map<String, String> environment,
            List<String> extraJvmOptions) {
        this.name = name;
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
    }

    /** Starts the service; call {@link #awaitReady()} before using it. */
    public static ServiceProcess start(String name, Path jar, Map<String, String> environment, Path logDir) {
        return start(name, jar, environment, logDir, List.of());
    }

    /**
     * The same with JVM options after {@link #DEFAULT_JVM_OPTIONS} (a later option wins, so {@code -Xmx1g} overrides
     * the default heap), e.g. a flight recording for a benchmark. A restart keeps them.
     */
    public static ServiceProcess start(String name, Path jar, Map<String, String> environment, Path logDir,
            List<String> extraJvmOptions) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logDir, e);
        }
        return launch(name, jar, environment, extraJvmOptions, logDir.resolve(name + ".log"), freePort(), false);
    }

    private static ServiceProcess launch(String name, Path jar, Map<String, String> environment, List<String> extraJvmOptions,
            Path log, int port, boolean appendLog) {
        try {
            List<String> command = new java.util.ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(DEFAULT_JVM_OPTIONS);
            command.addAll(extraJvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                            : ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("HTTP_PORT", Integer.toString(port));
            return new ServiceProcess(name, builder.start(), URI.create("http://127.0.0.1:" + port), log, jar, environment,
                    extraJvmOptions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Kills the JVM with SIGKILL, as a crash or an out-of-memory kill would: no shutdown hook runs, nothing in flight
     * is committed. For fault-injection tests.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    /** The same service again, on the same port with the same settings, its output appended to the same log. */
    public ServiceProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running; kill or close it first");
        }
        return launch(name, jar, environment, extraJvmOptions, log, baseUri.getPort(), true);
    }

    /** The operating-system process id of the service's JVM (for CPU and memory figures). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /q/health/ready} answers UP: the database and the Kafka channels are connected. */
    public ServiceProcess awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUri.resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            pause();
        }
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + "; see " + log);
    }

    public String name() {
        return name;
    }

    public URI baseUri() {
        return baseUri;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop(process); // SIGTERM: Quarkus shuts down gracefully, committing what it has processed
    }

    /** SIGTERM, then SIGKILL if the process is still there 30 s later. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250); // polling a process we launched; there is nothing to subscribe to
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
