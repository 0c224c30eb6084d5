package org.toxwatch.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    void rejectsSettingsNoBrokerCouldRunWith() {
        assertThrows(IllegalArgumentException.class, () -> BrokerSettings.forPort(-1, DATA, 3));
        assertThrows(IllegalArgumentException.class, () -> BrokerSettings.forPort(65536, DATA, 3));
        assertThrows(IllegalArgumentException.class, () -> BrokerSettings.forPort(0, DATA, 0));
        assertThrows(IllegalArgumentException.class, () -> new BrokerSettings(9092, 9092, DATA, 3));
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
