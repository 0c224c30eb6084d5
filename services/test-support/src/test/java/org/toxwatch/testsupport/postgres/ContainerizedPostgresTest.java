package org.toxwatch.testsupport.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * On a developer machine with Docker but no local PostgreSQL, the throw-away databases can live in a container instead.
 * Without a Docker engine (our CI) this class is skipped, never failed: nothing else depends on it.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerizedPostgresTest {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:15-alpine");

    @Test
    void throwawayDatabasesWorkOnAContainerizedServer() throws SQLException {
        PostgresServer server = new PostgresServer(POSTGRES.getHost(), POSTGRES.getFirstMappedPort(),
                POSTGRES.getUsername(), POSTGRES.getPassword());
        String name;
        try (ThrowawayDatabase database = ThrowawayDatabase.create(server);
                Connection connection = database.connect();
                Statement sql = connection.createStatement()) {
            name = database.name();
            sql.execute("CREATE TABLE graded_event (grade smallint)");
            sql.execute("INSERT INTO graded_event VALUES (3)");
            try (ResultSet row = sql.executeQuery("SELECT grade FROM graded_event")) {
                assertTrue(row.next());
                assertEquals(3, row.getInt(1));
            }
        }
        try (Connection maintenance = server.connect("postgres");
                ResultSet row = maintenance.createStatement()
                        .executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            row.next();
            assertFalse(row.getLong(1) > 0, name + " was not dropped");
        }
    }
}
