package org.toxwatch.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Where the tests' PostgreSQL server is and how to log in as a user that may create databases.
 * Defaults match the developers' and CI's machines: {@code postgres@127.0.0.1:5432}, trust authentication.
 */
public record PostgresServer(String host, int port, String user, String password) {

    public static final String HOST_ENV = "TOXWATCH_TEST_PG_HOST";
    public static final String PORT_ENV = "TOXWATCH_TEST_PG_PORT";
    public static final String USER_ENV = "TOXWATCH_TEST_PG_USER";
    public static final String PASSWORD_ENV = "TOXWATCH_TEST_PG_PASSWORD";
    /** Connected to for creating and dropping databases; the server always has it. */
    static final String MAINTENANCE_DATABASE = "postgres";

    public PostgresServer {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("PostgreSQL host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("PostgreSQL port must be between 1 and 65535, got " + port);
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("PostgreSQL user is empty");
        }
        password = password == null ? "" : password;
    }

    public static PostgresServer fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static PostgresServer fromEnvironment(Map<String, String> env) {
        String port = env.getOrDefault(PORT_ENV, "5432").trim();
        try {
            return new PostgresServer(env.getOrDefault(HOST_ENV, "127.0.0.1").trim(), Integer.parseInt(port),
                    env.getOrDefault(USER_ENV, "postgres"), env.getOrDefault(PASSWORD_ENV, ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_ENV + " is not a port number: '" + port + "'", e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + hostAndPort() + "/" + database;
    }

    /** The URL form of Quarkus's reactive PostgreSQL client: {@code postgresql://host:port/database}. */
    public String reactiveUrl(String database) {
        return "postgresql://" + hostAndPort() + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", user);
        if (!password.isEmpty()) {
            login.setProperty("password", password);
        }
        login.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(database), login);
    }

    String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return user + "@" + hostAndPort();
    }
}
