package org.toxwatch.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs a real single-node Kafka broker (KRaft, broker+controller) on 127.0.0.1 until SIGTERM or, with
 * {@code --stdin-eof}, until its standard input closes.
 *
 * <p>With {@code --sasl-ssl-port}, the broker also serves SASL_SSL with SCRAM-SHA-512 for one user, whose password
 * comes from the environment variable {@value #SCRAM_PASSWORD_VARIABLE} (never the command line); the TLS keystore and
 * the clients' truststore ({@code truststore.p12}, and {@code ca.crt} as PEM) are written to {@code --tls-dir},
 * protected by {@value #STORE_PASSWORD_VARIABLE}.
 *
 * <p>Standard output carries {@code KAFKA_SASL_SSL 127.0.0.1:<port>} (only with a SASL_SSL listener) and then exactly
 * one line {@code KAFKA_READY 127.0.0.1:<port>}, once a client can see the node (and log in over SASL_SSL); whatever
 * else anyone prints goes to standard error. Exit codes: 0 stopped cleanly, 1 failed to start, 2 bad arguments, 143
 * stopped by SIGTERM.
 */
@Command(name = "kafka-broker", mixinStandardHelpOptions = true, version = "toxwatch kafka-broker 0.1.0",
        description = "Runs a single-node Apache Kafka broker (KRaft, broker+controller) on 127.0.0.1.")
public final class KafkaBrokerMain implements Callable<Integer> {

    static final String READY_PREFIX = "KAFKA_READY ";
    static final String SASL_SSL_PREFIX = "KAFKA_SASL_SSL ";
    static final String SCRAM_PASSWORD_VARIABLE = "TOXWATCH_BROKER_SCRAM_PASSWORD";
    static final String STORE_PASSWORD_VARIABLE = "TOXWATCH_BROKER_STORE_PASSWORD";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", paramLabel = "N",
            description = "Client listener port; 0 picks free ports for the client and controller listeners (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", paramLabel = "PATH",
            description = "Data directory, kept across runs (default: a temporary directory deleted on exit).")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "3", paramLabel = "N",
            description = "Partitions of an auto-created topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--sasl-ssl-port", paramLabel = "N",
            description = "Also listen for SASL_SSL (SCRAM-SHA-512) on this port; 0 picks a free one (default: no such listener).")
    Integer saslSslPort;

    @Option(names = "--scram-user", defaultValue = "toxwatch", paramLabel = "NAME",
            description = "The SCRAM user created for the SASL_SSL listener (default: ${DEFAULT-VALUE}); its password is "
                    + "read from " + SCRAM_PASSWORD_VARIABLE + ".")
    String scramUser;

    @Option(names = "--tls-dir", paramLabel = "PATH",
            description = "Where the SASL_SSL listener's keystore, truststore.p12 and ca.crt are written, with the store "
                    + "password from " + STORE_PASSWORD_VARIABLE + " (default: tls/ in the data directory).")
    Path tlsDir;

    @Option(names = "--stdin-eof",
            description = "Stop cleanly when standard input closes, so the broker never outlives the process that started it.")
    boolean stopOnStdinEof;

    private final PrintStream readyChannel;
    private final Map<String, String> environment;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    KafkaBrokerMain(PrintStream readyChannel) {
        this(readyChannel, System.getenv());
    }

    KafkaBrokerMain(PrintStream readyChannel, Map<String, String> environment) {
        this.readyChannel = readyChannel;
        this.environment = environment;
    }

    public static void main(String[] args) {
        // Stdout is a protocol channel for whoever started us: keep it for the ready line, send all else to stderr.
        PrintStream readyChannel = System.out;
        System.setOut(System.err);
        routeLogsToStderrAtWarn();
        CommandLine commandLine = new CommandLine(new KafkaBrokerMain(readyChannel));
        commandLine.setOut(new PrintWriter(System.err, true));
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + port);
        }
        if (partitions < 1) {
            throw new ParameterException(spec.commandLine(), "--partitions must be at least 1, got " + partitions);
        }
        checkSaslSslArguments();
        long startedAt = System.nanoTime();
        boolean throwAwayData = dataDir == null;
        Path dir = throwAwayData ? Files.createTempDirectory("toxwatch-kafka-") : dataDir;
        SaslSslListener saslSsl = saslSslPort == null ? null : new SaslSslListener(saslSslPort, scramUser,
                environment.get(SCRAM_PASSWORD_VARIABLE), tlsDir != null ? tlsDir : dir.resolve("tls"),
                environment.get(STORE_PASSWORD_VARIABLE));
        SingleNodeKafka kafka = SingleNodeKafka.prepare(BrokerSettings.forPort(port, dir, partitions, saslSsl), throwAwayData);

        // SIGTERM (and Ctrl-C) run shutdown hooks; registered before start so a broker stopped mid-startup is still closed.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(kafka), "kafka-broker-shutdown"));
        if (stopOnStdinEof) {
            watchStdinForEof(System.in);
        }

        try {
            kafka.start(READY_TIMEOUT);
        } catch (Exception e) {
            System.err.println("kafka-broker: failed to start on " + kafka.settings().bootstrapServers() + ": " + e);
            e.printStackTrace(System.err);
            stopQuietly(kafka);
            return 1;
        }
        String bootstrap = kafka.settings().bootstrapServers();
        if (kafka.settings().saslSsl() != null) {
            readyChannel.println(SASL_SSL_PREFIX + kafka.settings().saslSslBootstrapServers());
            System.err.printf("kafka-broker: SASL_SSL (SCRAM-SHA-512, user %s) on %s, truststore %s%n",
                    kafka.settings().saslSsl().user(), kafka.settings().saslSslBootstrapServers(),
                    kafka.settings().saslSsl().truststore());
        }
        readyChannel.println(READY_PREFIX + bootstrap);
        readyChannel.flush();
        System.err.printf("kafka-broker: ready on %s in %d ms, data in %s%s%n", bootstrap,
                Duration.ofNanos(System.nanoTime() - startedAt).toMillis(), dir, throwAwayData ? " (deleted on exit)" : "");

        stopRequested.await();
        stopQuietly(kafka);
        return 0;
    }

    /** Before anything is created on disk: the SASL_SSL listener's options and secrets, when one is asked for. */
    private void checkSaslSslArguments() {
        if (saslSslPort == null) {
            return;
        }
        if (saslSslPort < 0 || saslSslPort > 65535) {
            throw new ParameterException(spec.commandLine(), "--sasl-ssl-port must be between 0 and 65535, got " + saslSslPort);
        }
        String password = environment.get(SCRAM_PASSWORD_VARIABLE);
        String storePassword = environment.get(STORE_PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--sasl-ssl-port needs the SCRAM password in " + SCRAM_PASSWORD_VARIABLE);
        }
        if (storePassword == null || storePassword.length() < SaslSslListener.MIN_STORE_PASSWORD_LENGTH) {
            throw new ParameterException(spec.commandLine(), "--sasl-ssl-port needs a keystore password of at least "
                    + SaslSslListener.MIN_STORE_PASSWORD_LENGTH + " characters in " + STORE_PASSWORD_VARIABLE);
        }
        try {
            new SaslSslListener(saslSslPort, scramUser, password, Path.of("tls"), storePassword);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void watchStdinForEof(InputStream stdin) {
        Thread watcher = new Thread(() -> {
            byte[] discard = new byte[256];
            try {
                while (stdin.read(discard) != -1) {
                    // input is ignored; only its end matters
                }
            } catch (IOException closed) {
                // a broken pipe means the parent is gone, the same as end of input
            }
            System.err.println("kafka-broker: standard input closed, stopping");
            stopRequested.countDown();
        }, "kafka-broker-stdin-eof");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void stopQuietly(SingleNodeKafka kafka) {
        try {
            if (kafka.stop()) {
                System.err.println("kafka-broker: stopped");
            }
        } catch (RuntimeException e) {
            System.err.println("kafka-broker: error while stopping: " + e);
            e.printStackTrace(System.err);
        }
    }

    private static void routeLogsToStderrAtWarn() {
        // -D on the command line still wins, e.g. -Dorg.slf4j.simpleLogger.defaultLogLevel=info to debug a start.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
    }
}
