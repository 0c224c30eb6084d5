package org.toxwatch.testsupport.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PostgresTestResourceTest {

    @Test
    void pointsBothDatasourceFlavoursAtOneFreshDatabaseAndDropsItOnStop() throws SQLException {
        PostgresTestResource resource = new PostgresTestResource();
        Map<String, String> config = resource.start();
        String database;
        try {
            assertEquals(Set.of("quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url",
                    "quarkus.datasource.username", "quarkus.datasource.password"), config.keySet());
            String jdbcUrl = config.get("quarkus.datasource.jdbc.url");
            assertEquals(jdbcUrl, "jdbc:" + config.get("quarkus.datasource.reactive.url"),
                    "both URLs name the same database");

            try (Connection connection = DriverManager.getConnection(jdbcUrl,
                    config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                 Statement sql = connection.createStatement();
                 ResultSet current = sql.executeQuery("SELECT current_database()")) {
                current.next();
                database = current.getString(1);
            }
            assertTrue(database.startsWith(ThrowawayDatabase.NAME_PREFIX), database);
            assertTrue(ThrowawayDatabaseTest.exists(database));
        } finally {
            resource.stop();
        }
        assertFalse(ThrowawayDatabaseTest.exists(database));
    }
}
