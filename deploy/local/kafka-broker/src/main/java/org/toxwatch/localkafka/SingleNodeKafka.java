package org.toxwatch.localkafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * One Kafka node in KRaft mode acting as both broker and controller, run in this JVM from Kafka's own server classes.
 * {@link #close()} is idempotent and safe to call from a shutdown hook while {@link #start} is still running.
 */
final class SingleNodeKafka implements AutoCloseable {

    /** Kafka's default and Strimzi's: enough work per login to slow a guesser, quick enough for a test. */
    private static final int SCRAM_ITERATIONS = 4096;

    private final BrokerSettings settings;
    private final boolean throwAwayData;
    private KafkaRaftServer server;
    private boolean closed;

    private SingleNodeKafka(BrokerSettings settings, boolean throwAwayData) {
        this.settings = settings;
        this.throwAwayData = throwAwayData;
    }

    /**
     * @param throwAwayData delete {@code settings.dataDir()} on close (it was made for this run only)
     */
    static SingleNodeKafka prepare(BrokerSettings settings, boolean throwAwayData) {
        return new SingleNodeKafka(settings, throwAwayData);
    }

    BrokerSettings settings() {
        return settings;
    }

    /**
     * Formats the storage if needed, starts the node and returns once a client sees it in the cluster; with a SASL_SSL
     * listener, once its SCRAM user can log in over it as well.
     */
    void start(Duration readyTimeout) throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        Files.createDirectories(settings.dataDir());
        if (settings.saslSsl() != null) {
            BrokerCertificate.create(settings.saslSsl());
        }
        writeServerProperties();
        formatStorage();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("stopped before it started");
            }
            server = new KafkaRaftServer(new KafkaConfig(settings.serverProperties(), false), Time.SYSTEM);
            server.startup();
        }
        awaitClusterVisible(plaintextClient(), deadline);
        if (settings.saslSsl() != null) {
            upsertScramUser(settings.saslSsl());
            // the credential reaches the listener through the metadata log: wait until a login over TLS succeeds
            awaitClusterVisible(saslSslClient(settings.saslSsl()), deadline);
        }
    }

    /**
     * Creates the SCRAM user, or sets its password when a kept data directory has it from an earlier run. Through the
     * PLAINTEXT listener, which needs no credential.
     */
    private void upsertScramUser(SaslSslListener listener) throws InterruptedException {
        ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS);
        try (Admin admin = Admin.create(plaintextClient())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(listener.user(), info,
                    listener.password()))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the SCRAM user " + listener.user(), e);
        }
    }

    private Map<String, Object> plaintextClient() {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    }

    private Map<String, Object> saslSslClient(SaslSslListener listener) {
        Map<String, Object> config = listener.clientSettings(listener.password());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        return config;
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops the node and, for a throw-away one, deletes its data; returns false if it was already stopped. */
    synchronized boolean stop() {
        if (closed) {
            return false;
        }
        closed = true;
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
        if (throwAwayData) {
            deleteRecursively(settings.dataDir());
        }
        return true;
    }

    private void writeServerProperties() throws IOException {
        try (Writer out = Files.newBufferedWriter(settings.propertiesFile(), StandardCharsets.UTF_8)) {
            settings.serverProperties().store(out, "written by org.toxwatch.localkafka on every start");
        }
    }

    /**
     * The equivalent of {@code kafka-storage.sh format}, for a fresh directory only: one from an earlier run keeps
     * its cluster id and data. (Formatting it again, even with --ignore-formatted, fails on the new cluster id.)
     */
    private void formatStorage() {
        if (Files.exists(settings.logDir().resolve("meta.properties"))) {
            return;
        }
        String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", settings.propertiesFile().toString()};
        int rc = StorageTool.execute(args, new PrintStream(OutputStream.nullOutputStream()));
        if (rc != 0) {
            throw new IllegalStateException("formatting " + settings.logDir() + " failed with exit code " + rc);
        }
    }

    private static void awaitClusterVisible(Map<String, Object> config, long deadline)
            throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // the node is still catching up with its own metadata log; ask again
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("no broker visible on " + config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                            + " in time");
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the broker");
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
