package org.toxwatch.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BrokerSettingsTest {

    private static final Path DATA = Path.of("target", "kafka-data");

    @Test
    void portZeroPicksTwoDifferentFreePorts() {
        BrokerSettings settings = BrokerSettings.forPort(0, DATA, 3);

        assertTrue(settings.clientPort() > 0);
        assertTrue(settings.controllerPort() > 0);
        assertNotEquals(settings.clientPort(), settings.controllerPort());
        assertEquals("127.0.0.1:" + settings.clientPort(), settings.bootstrapServers());
    }

    @Test
    void aFixedPortIsKeptAndAdvertisedOnLoopback() {
        BrokerSettings settings = BrokerSettings.forPort(9092, DATA, 3);
        Properties server = settings.serverProperties();

        assertEquals(9092, settings.clientPort());
        assertEquals("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:" + settings.controllerPort(),
                server.getProperty("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:9092", server.getProperty("advertised.listeners"));
        assertEquals("1@127.0.0.1:" + settings.controllerPort(), server.getProperty("controller.quorum.voters"));
    }

    @Test
    void autoCreatedTopicsGetTheRequestedPartitionsOnOneReplica() {
        Properties server = BrokerSettings.forPort(0, DATA, 6).serverProperties();

        assertEquals("true", server.getProperty("auto.create.topics.enable"));
        assertEquals("6", server.getProperty("num.partitions"));
        assertEquals("1", server.getProperty("default.replication.factor"));
        assertEquals("1", server.getProperty("offsets.topic.replication.factor"));
        assertEquals(DATA.toAbsolutePath().resolve("kraft-logs").toString(), server.getProperty("log.dirs"));
    }

    @Test
    void aSaslSslListenerGetsItsOwnFreePortTlsFilesAndScramOnlyThere() {
        SaslSslListener requested = new SaslSslListener(0, "toxwatch", "scram-secret", DATA.resolve("tls"), "store-secret");
        BrokerSettings settings = BrokerSettings.forPort(0, DATA, 3, requested);
        Properties server = settings.serverProperties();
        int saslSslPort = settings.saslSsl().port();

        assertTrue(saslSslPort > 0);
        assertNotEquals(settings.clientPort(), saslSslPort);
        assertNotEquals(settings.controllerPort(), saslSslPort);
        assertEquals("PLAINTEXT://127.0.0.1:" + settings.clientPort() + ",CONTROLLER://127.0.0.1:" + settings.controllerPort()
                + ",SASL_SSL://127.0.0.1:" + saslSslPort, server.getProperty("listeners"));
        assertEquals("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL", server.getProperty("listener.security.protocol.map"));
        assertEquals("PLAINTEXT", server.getProperty("inter.broker.listener.name"));
        assertEquals("SCRAM-SHA-512", server.getProperty("listener.name.sasl_ssl.sasl.enabled.mechanisms"));
        assertEquals(DATA.toAbsolutePath().resolve("tls/broker-keystore.p12").toString(),
                server.getProperty("listener.name.sasl_ssl.ssl.keystore.location"));
        // the broker takes no password of its own from the JAAS line: credentials are SCRAM records in the metadata
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required;",
                server.getProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config"));
        assertEquals(null, server.getProperty("sasl.enabled.mechanisms"));
    }

    @Test
    void passwordsStayOutOfDescriptions() {
        SaslSslListener listener = new SaslSslListener(9094, "toxwatch", "scram-secret", DATA.resolve("tls"), "store-secret");

        assertFalse(listener.toString().contains("scram-secret"));
        assertFalse(listener.toString().contains("store-secret"));
        assertFalse(new BrokerSettings(9092, 9093, DATA, 3, listener).toString().contains("secret"));
    }

    @Test
    void aSaslSslListenerWithoutItsSecretsInTheEnvironmentIsABadArgument() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream readyChannel = new PrintStream(stdout, true, StandardCharsets.UTF_8);

        CommandLine noPassword = new CommandLine(new KafkaBrokerMain(readyChannel, Map.of()));
        noPassword.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertEquals(2, noPassword.execute("--sasl-ssl-port", "0"));

        CommandLine shortStorePassword = new CommandLine(new KafkaBrokerMain(readyChannel, Map.of(
                KafkaBrokerMain.SCRAM_PASSWORD_VARIABLE, "scram-secret", KafkaBrokerMain.STORE_PASSWORD_VARIABLE, "abc")));
        shortStorePassword.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertEquals(2, shortStorePassword.execute("--sasl-ssl-port", "0"));

        CommandLine badUser = new CommandLine(new KafkaBrokerMain(readyChannel, Map.of(
                KafkaBrokerMain.SCRAM_PASSWORD_VARIABLE, "scram-secret", KafkaBrokerMain.STORE_PASSWORD_VARIABLE, "store-secret")));
        badUser.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertEquals(2, badUser.execute("--sasl-ssl-port", "0", "--scram-user", "a\" b"));

        assertEquals("", stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsSettingsNoBrokerCouldRunWith() {
        assertThrows(IllegalArgumentException.class, () -> BrokerSettings.forPort(-1, DATA, 3));
        assertThrows(IllegalArgumentException.class, () -> BrokerSettings.forPort(65536, DATA, 3));
        assertThrows(IllegalArgumentException.class, () -> BrokerSettings.forPort(0, DATA, 0));
        assertThrows(IllegalArgumentException.class, () -> new BrokerSettings(9092, 9092, DATA, 3));
        SaslSslListener onTheClientPort = new SaslSslListener(9092, "toxwatch", "scram-secret", DATA, "store-secret");
        assertThrows(IllegalArgumentException.class, () -> new BrokerSettings(9092, 9093, DATA, 3, onTheClientPort));
        assertThrows(IllegalArgumentException.class, () -> new SaslSslListener(9094, "toxwatch", "", DATA, "store-secret"));
    }

    @Test
    void badArgumentsExitWithUsageErrorAndNeverReportReady() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream readyChannel = new PrintStream(stdout, true, StandardCharsets.UTF_8);

        CommandLine partitions = new CommandLine(new KafkaBrokerMain(readyChannel));
        partitions.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertEquals(2, partitions.execute("--partitions", "0"));

        CommandLine port = new CommandLine(new KafkaBrokerMain(readyChannel));
        port.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertEquals(2, port.execute("--port", "70000"));

        assertEquals("", stdout.toString(StandardCharsets.UTF_8));
    }
}
