package org.toxwatch.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * What one single-node KRaft broker needs to know: where it listens, where it keeps its data, and how many
 * partitions an auto-created topic gets.
 *
 * @param clientPort      port of the PLAINTEXT listener that clients use
 * @param controllerPort  port of the CONTROLLER listener (only the node itself talks to it)
 * @param dataDir         directory holding server.properties and the log directory
 * @param defaultPartitions partitions of an auto-created topic (num.partitions)
 * @param saslSsl         the SASL_SSL / SCRAM-SHA-512 listener, or null for none; inter-broker and controller traffic
 *                        stays on the PLAINTEXT and CONTROLLER listeners either way
 */
record BrokerSettings(int clientPort, int controllerPort, Path dataDir, int defaultPartitions, SaslSslListener saslSsl) {

    static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    BrokerSettings {
        requireBoundPort(clientPort, "client");
        requireBoundPort(controllerPort, "controller");
        if (clientPort == controllerPort) {
            throw new IllegalArgumentException("client and controller listeners need different ports, both are " + clientPort);
        }
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("default partitions must be at least 1, got " + defaultPartitions);
        }
        if (saslSsl != null) {
            requireBoundPort(saslSsl.port(), "SASL_SSL");
            if (saslSsl.port() == clientPort || saslSsl.port() == controllerPort) {
                throw new IllegalArgumentException("the SASL_SSL listener needs a port of its own, " + saslSsl.port()
                        + " is taken");
            }
        }
        dataDir = dataDir.toAbsolutePath();
    }

    BrokerSettings(int clientPort, int controllerPort, Path dataDir, int defaultPartitions) {
        this(clientPort, controllerPort, dataDir, defaultPartitions, null);
    }

    /**
     * Settings for a broker on {@code requestedPort}, where 0 means "any free port". The controller port is always a
     * free one: static quorum voters must name a real port up front, and nobody outside the node connects to it.
     */
    static BrokerSettings forPort(int requestedPort, Path dataDir, int defaultPartitions) {
        return forPort(requestedPort, dataDir, defaultPartitions, null);
    }

    /** The same with a SASL_SSL listener (or none for null), whose port 0 also means "any free port". */
    static BrokerSettings forPort(int requestedPort, Path dataDir, int defaultPartitions, SaslSslListener saslSsl) {
        requirePort(requestedPort, "client");
        boolean pickSaslSslPort = saslSsl != null && saslSsl.port() == 0;
        try (ServerSocket clientProbe = requestedPort == 0 ? bindFreePort() : null;
             ServerSocket controllerProbe = bindFreePort();
             ServerSocket saslSslProbe = pickSaslSslPort ? bindFreePort() : null) {
            // The probes are held open together so that the free ports cannot coincide.
            int clientPort = clientProbe != null ? clientProbe.getLocalPort() : requestedPort;
            SaslSslListener listener = saslSslProbe != null ? saslSsl.onPort(saslSslProbe.getLocalPort()) : saslSsl;
            return new BrokerSettings(clientPort, controllerProbe.getLocalPort(), dataDir, defaultPartitions, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    String bootstrapServers() {
        return HOST + ":" + clientPort;
    }

    /** {@code 127.0.0.1:<port>} of the SASL_SSL listener; only with one. */
    String saslSslBootstrapServers() {
        if (saslSsl == null) {
            throw new IllegalStateException("this broker has no SASL_SSL listener");
        }
        return HOST + ":" + saslSsl.port();
    }

    Path logDir() {
        return dataDir.resolve("kraft-logs");
    }

    Path propertiesFile() {
        return dataDir.resolve("server.properties");
    }

    /** Server configuration of a combined broker+controller that is its own single-voter quorum. */
    Properties serverProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        String listeners = "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort;
        String advertised = "PLAINTEXT://" + bootstrapServers();
        String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
        if (saslSsl != null) {
            listeners += ",SASL_SSL://" + saslSslBootstrapServers();
            advertised += ",SASL_SSL://" + saslSslBootstrapServers();
            protocols += ",SASL_SSL:SASL_SSL";
            saslSslProperties(p);
        }
        p.setProperty("listeners", listeners);
        p.setProperty("advertised.listeners", advertised);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", protocols);
        p.setProperty("log.dirs", logDir().toString());

        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("num.partitions", Integer.toString(defaultPartitions));
        p.setProperty("default.replication.factor", "1");

        // One node: every internal topic must be satisfied by a single replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions than the default 50: creating them delays the first group join on small machines.
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.num.partitions", "5");
        // Tests start a consumer and expect it to join at once, not after the 3 s default rebalance delay.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /**
     * SCRAM-SHA-512 over TLS on the SASL_SSL listener only. No authorizer: an authenticated client may do anything, as
     * the PLAINTEXT listener allows anyway (ACLs are the production cluster's business, see the README).
     */
    private void saslSslProperties(Properties p) {
        String prefix = "listener.name." + SaslSslListener.LISTENER_NAME.toLowerCase(Locale.ROOT) + ".";
        p.setProperty(prefix + "sasl.enabled.mechanisms", SaslSslListener.MECHANISM);
        // the broker's side of SCRAM takes no options; the credentials live in the cluster metadata
        p.setProperty(prefix + SaslSslListener.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.setProperty(prefix + "ssl.keystore.type", "PKCS12");
        p.setProperty(prefix + "ssl.keystore.location", saslSsl.keystore().toString());
        p.setProperty(prefix + "ssl.keystore.password", saslSsl.storePassword());
        p.setProperty(prefix + "ssl.key.password", saslSsl.storePassword());
    }

    private static ServerSocket bindFreePort() throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        socket.setReuseAddress(true);
        return socket;
    }

    private static void requireBoundPort(int port, String listener) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(listener + " port must be between 1 and 65535, got " + port);
        }
    }

    private static void requirePort(int port, String listener) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(listener + " port must be between 0 and 65535, got " + port);
        }
    }
}
