package org.toxwatch.testsupport.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ThrowawayDatabaseTest {

    private static final PostgresServer SERVER = PostgresServer.fromEnvironment();

    @Test
    void keepsRowsUntilClosedAndIsDroppedEvenWithASessionStillOpen() throws SQLException {
        String name;
        Connection forgotten;
        try (ThrowawayDatabase database = ThrowawayDatabase.create()) {
            name = database.name();
            assertTrue(name.matches("toxwatch_test_[0-9a-f]{16}"), name);
            assertEquals("jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + name, database.jdbcUrl());
            assertEquals("postgresql://" + database.host() + ":" + database.port() + "/" + name, database.reactiveUrl());

            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                 Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE lab_result (patient_id text NOT NULL, analyte text NOT NULL, value numeric NOT NULL)");
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lab_result VALUES (?, ?, ?)")) {
                    insert.setString(1, "p-7f3a");
                    insert.setString(2, "NEUTROPHILS");
                    insert.setBigDecimal(3, new BigDecimal("0.80"));
                    assertEquals(1, insert.executeUpdate());
                }
                try (ResultSet row = sql.executeQuery("SELECT current_database(), patient_id, analyte, value FROM lab_result")) {
                    assertTrue(row.next());
                    assertEquals(name, row.getString(1));
                    assertEquals("p-7f3a", row.getString(2));
                    assertEquals("NEUTROPHILS", row.getString(3));
                    assertEquals(new BigDecimal("0.80"), row.getBigDecimal(4));
                    assertFalse(row.next());
                }
            }
            assertTrue(exists(name));
            forgotten = database.connect(); // as a connection pool a test failed to close would
        }
        assertFalse(exists(name), name + " still exists after close");
        assertFalse(forgotten.isValid(5), "the drop ends sessions still connected");
        forgotten.close();
    }

    @Test
    void everyRunGetsItsOwnDatabase() {
        try (ThrowawayDatabase first = ThrowawayDatabase.create(SERVER);
             ThrowawayDatabase second = ThrowawayDatabase.create(SERVER)) {
            assertNotEquals(first.name(), second.name());
        }
    }

    @Test
    void closingTwiceIsHarmless() throws SQLException {
        ThrowawayDatabase database = ThrowawayDatabase.create(SERVER);
        database.close();
        database.close();
        assertFalse(exists(database.name()));
    }

    @Test
    void anUnreachableServerIsReportedWithWhereToConfigureIt() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        PostgresServer nowhere = new PostgresServer("127.0.0.1", closedPort, "postgres", "secret");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ThrowawayDatabase.create(nowhere));
        assertTrue(e.getMessage().contains("postgres@127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(e.getMessage().contains(PostgresServer.HOST_ENV), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "passwords stay out of messages");
    }

    @Test
    void theServerComesFromTheEnvironmentWithTheMachinesDefaults() {
        assertEquals(new PostgresServer("127.0.0.1", 5432, "postgres", ""), PostgresServer.fromEnvironment(Map.of()));
        assertEquals(new PostgresServer("db.ward.local", 6543, "toxwatch", "pw"), PostgresServer.fromEnvironment(Map.of(
                PostgresServer.HOST_ENV, "db.ward.local", PostgresServer.PORT_ENV, "6543",
                PostgresServer.USER_ENV, "toxwatch", PostgresServer.PASSWORD_ENV, "pw")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostgresServer.fromEnvironment(Map.of(PostgresServer.PORT_ENV, "five")));
        assertTrue(e.getMessage().contains(PostgresServer.PORT_ENV), e.getMessage());
    }

    static boolean exists(String database) throws SQLException {
        try (Connection maintenance = SERVER.connect(PostgresServer.MAINTENANCE_DATABASE);
             PreparedStatement query = maintenance.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getInt(1) == 1;
            }
        }
    }
}
