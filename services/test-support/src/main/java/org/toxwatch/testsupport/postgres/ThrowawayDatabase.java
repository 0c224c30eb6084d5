package org.toxwatch.testsupport.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own on the shared PostgreSQL server, created for one test run and dropped by {@link #close()},
 * so test runs of several developers and CI never see each other's rows.
 *
 * <p>Should a test JVM exit without closing it, a shutdown hook still drops it; only a killed JVM leaves a
 * {@code toxwatch_test_*} database behind.
 */
public final class ThrowawayDatabase implements AutoCloseable {

    public static final String NAME_PREFIX = "toxwatch_test_";

    private final PostgresServer server;
    private final String name;
    private final Thread dropOnExit;
    private boolean dropped;

    private ThrowawayDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
        this.dropOnExit = new Thread(this::drop, "drop-" + name);
    }

    /** On the server named by the {@code TOXWATCH_TEST_PG_*} environment variables (default postgres@127.0.0.1:5432). */
    public static ThrowawayDatabase create() {
        return create(PostgresServer.fromEnvironment());
    }

    public static ThrowawayDatabase create(PostgresServer server) {
        // Lower-case letters and digits only, so the name needs no quoting anywhere (JDBC URL, SQL, psql).
        String name = NAME_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection maintenance = server.connect(PostgresServer.MAINTENANCE_DATABASE);
             Statement sql = maintenance.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " on " + server
                    + " (the server is set with " + PostgresServer.HOST_ENV + ", " + PostgresServer.PORT_ENV + ", "
                    + PostgresServer.USER_ENV + ", " + PostgresServer.PASSWORD_ENV + "): " + e.getMessage(), e);
        }
        ThrowawayDatabase database = new ThrowawayDatabase(server, name);
        Runtime.getRuntime().addShutdownHook(database.dropOnExit);
        return database;
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    public String name() {
        return name;
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** {@code postgresql://host:port/name}, the form {@code quarkus.datasource.reactive.url} takes. */
    public String reactiveUrl() {
        return server.reactiveUrl(name);
    }

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** Drops the database, ending any session still connected to it. */
    @Override
    public void close() {
        drop();
        try {
            Runtime.getRuntime().removeShutdownHook(dropOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; drop() is idempotent
        }
    }

    private synchronized void drop() {
        if (dropped) {
            return;
        }
        try (Connection maintenance = server.connect(PostgresServer.MAINTENANCE_DATABASE);
             Statement sql = maintenance.createStatement()) {
            // FORCE: a connection pool the test forgot to close must not keep the database alive.
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            dropped = true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name + " on " + server + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "test database " + name + " on " + server;
    }
}
