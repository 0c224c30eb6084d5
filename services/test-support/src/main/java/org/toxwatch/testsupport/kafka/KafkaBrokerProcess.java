package org.toxwatch.testsupport.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real Kafka broker running in its own JVM, started from {@code deploy/local/kafka-broker/target/kafka-broker.jar}.
 *
 * <p>The broker is told to stop when its standard input closes. {@link #close()} closes it on purpose, and the
 * operating system closes it when this JVM dies, so a crashed test never leaves a broker behind.
 *
 * <pre>{@code
 * try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
 *     broker.createTopics("lab.observations.fhir.v1");
 *     ... use broker.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final String READY_PREFIX = "KAFKA_READY ";
    static final String SASL_SSL_PREFIX = "KAFKA_SASL_SSL ";
    /** The SCRAM user of {@link #startWithSaslSsl()}. */
    public static final String SCRAM_USER = "toxwatch";
    private static final int LOG_LINES_IN_ERRORS = 30;

    // Small and quick to start: the broker serves a handful of test topics.
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Process process;
    private final Path logFile;
    private final String bootstrapServers;
    private final SaslSslAccess saslSsl;
    private final Path tlsDir;

    private KafkaBrokerProcess(Process process, Path logFile, String bootstrapServers, SaslSslAccess saslSsl, Path tlsDir) {
        this.process = process;
        this.logFile = logFile;
        this.bootstrapServers = bootstrapServers;
        this.saslSsl = saslSsl;
        this.tlsDir = tlsDir;
    }

    /** A broker on free ports with a throw-away data directory. */
    public static KafkaBrokerProcess start() {
        return launch(0, null, false);
    }

    /** A broker on {@code port} (0 = a free one) with a throw-away data directory. */
    public static KafkaBrokerProcess start(int port) {
        return launch(port, null, false);
    }

    /** A broker on {@code port} (0 = a free one) that keeps its data in {@code dataDir} across runs. */
    public static KafkaBrokerProcess start(int port, Path dataDir) {
        return launch(port, Objects.requireNonNull(dataDir, "dataDir"), false);
    }

    /**
     * A broker on free ports with a throw-away data directory that also serves SASL_SSL with SCRAM-SHA-512 for
     * {@value #SCRAM_USER}, with a fresh random password and a self-signed certificate ({@link #saslSsl()}). The
     * PLAINTEXT listener stays, for test clients that do not care how they connect.
     */
    public static KafkaBrokerProcess startWithSaslSsl() {
        return launch(0, null, true);
    }

    /** {@code 127.0.0.1:<port>}, as the broker reported it when it became ready. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The SASL_SSL listener's address and credentials, for a broker started with {@link #startWithSaslSsl()}. */
    public Optional<SaslSslAccess> saslSsl() {
        return Optional.ofNullable(saslSsl);
    }

    /**
     * Creates the topics as {@code contracts/asyncapi.yaml} describes them (a name it lacks gets the broker's defaults,
     * 3 partitions); topics that already exist are left alone.
     */
    public void createTopics(String... names) {
        KafkaTopics.create(bootstrapServers, names);
    }

    /** Creates every topic of {@code contracts/asyncapi.yaml} as it describes them. */
    public void createDocumentedTopics() {
        KafkaTopics.createDocumented(bootstrapServers);
    }

    /** Creates topics with their own settings, e.g. a compacted one; topics that already exist are left alone. */
    public void createTopics(NewTopic... topics) {
        KafkaTopics.create(bootstrapServers, Arrays.asList(topics));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The broker's standard error (its log), kept after close only if the broker did not stop cleanly. */
    public Path logFile() {
        return logFile;
    }

    /** The broker JVM's exit code; 0 after a clean stop, 143 after SIGTERM. */
    public int exitCode() {
        return process.exitValue();
    }

    /**
     * Closes the broker's standard input so it shuts down cleanly, waits up to {@link #STOP_TIMEOUT}, and only then
     * terminates and finally kills it.
     */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // the pipe is closed either way
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return;
        }
        if (process.exitValue() == 0) {
            try {
                Files.deleteIfExists(logFile);
            } catch (IOException keep) {
                // a leftover log in the temp dir is harmless
            }
        }
        if (tlsDir != null) {
            deleteTlsDir(tlsDir);
        }
    }

    @Override
    public String toString() {
        return "Kafka broker pid " + process.pid() + " on " + bootstrapServers;
    }

    private static KafkaBrokerProcess launch(int port, Path dataDir, boolean withSaslSsl) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        Path jar = BrokerLauncherJar.locate();
        Path logFile;
        Path tlsDir = null;
        Process process;
        String scramPassword = withSaslSsl ? randomSecret() : null;
        String storePassword = withSaslSsl ? randomSecret() : null;
        try {
            logFile = Files.createTempFile("toxwatch-kafka-broker-", ".log");
            List<String> command = command(jar, port, dataDir);
            if (withSaslSsl) {
                tlsDir = Files.createTempDirectory("toxwatch-kafka-tls-");
                command.addAll(List.of("--sasl-ssl-port", "0", "--scram-user", SCRAM_USER, "--tls-dir", tlsDir.toString()));
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(logFile.toFile());
            if (withSaslSsl) {
                // secrets travel in the environment, never on a command line other processes can read
                builder.environment().put("TOXWATCH_BROKER_SCRAM_PASSWORD", scramPassword);
                builder.environment().put("TOXWATCH_BROKER_STORE_PASSWORD", storePassword);
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker from " + jar, e);
        }
        CompletableFuture<ReadyLines> ready = watchForReadyLine(process);
        try {
            ReadyLines lines = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            SaslSslAccess saslSsl = null;
            if (withSaslSsl) {
                if (lines.saslSsl() == null) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Kafka broker (pid " + process.pid() + ") reported no "
                            + SASL_SSL_PREFIX.trim() + " listener; its log is " + logFile + tail(logFile));
                }
                saslSsl = new SaslSslAccess(lines.saslSsl(), SCRAM_USER, scramPassword, tlsDir.resolve("truststore.p12"),
                        storePassword, tlsDir.resolve("ca.crt"));
            }
            return new KafkaBrokerProcess(process, logFile, lines.bootstrap(), saslSsl, tlsDir);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Kafka broker (pid " + process.pid() + ") was not ready within "
                    + READY_TIMEOUT.toSeconds() + " s; its log is " + logFile + tail(logFile), e);
        } catch (ExecutionException e) {
            String exit = exitDescription(process);
            throw new IllegalStateException("Kafka broker (pid " + process.pid() + ") " + exit
                    + " before it was ready; its log is " + logFile + tail(logFile), e.getCause());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    /** 24 random bytes, URL-safe Base64: fine in a JAAS line, a keystore and an environment variable alike. */
    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void deleteTlsDir(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException leftOver) {
            // a few certificate files in the temp dir are harmless
        }
    }

    private record ReadyLines(String bootstrap, String saslSsl) {
    }

    /** A mutable list, so that the SASL_SSL options can be added. */
    private static List<String> command(Path jar, int port, Path dataDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString(), "--port", Integer.toString(port), "--stdin-eof"));
        if (dataDir != null) {
            command.addAll(List.of("--dir", dataDir.toAbsolutePath().toString()));
        }
        return command;
    }

    /**
     * Reads the broker's stdout on a daemon thread: completes with the bootstrap address from the ready line, or
     * fails when stdout ends first. Keeps draining afterwards so the broker never blocks on a full pipe.
     */
    private static CompletableFuture<ReadyLines> watchForReadyLine(Process process) {
        CompletableFuture<ReadyLines> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                String saslSsl = null;
                while ((line = stdout.readLine()) != null) {
                    // the SASL_SSL line, when there is one, comes before the ready line
                    if (line.startsWith(SASL_SSL_PREFIX)) {
                        saslSsl = line.substring(SASL_SSL_PREFIX.length()).trim();
                    } else if (line.startsWith(READY_PREFIX)) {
                        ready.complete(new ReadyLines(line.substring(READY_PREFIX.length()).trim(), saslSsl));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("broker stdout ended without " + READY_PREFIX.trim()));
        }, "kafka-broker-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    private static String exitDescription(Process process) {
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return "exited with code " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return "closed its output";
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size());
            return last.isEmpty() ? " (empty)" : "; it ends with:\n" + String.join("\n", last);
        } catch (IOException e) {
            return " (unreadable: " + e.getMessage() + ")";
        }
    }
}
