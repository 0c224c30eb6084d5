package org.toxwatch.testsupport.postgres;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a {@link ThrowawayDatabase} of its own as the default datasource, for both the
 * reactive client and JDBC (Flyway), and drops it after the test class.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private ThrowawayDatabase database;

    @Override
    public Map<String, String> start() {
        database = ThrowawayDatabase.create();
        return Map.of(
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
