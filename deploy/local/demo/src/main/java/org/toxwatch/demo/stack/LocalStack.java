package org.toxwatch.demo.stack;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.toxwatch.testsupport.kafka.KafkaBrokerProcess;
import org.toxwatch.testsupport.postgres.PostgresServer;

/**
 * A whole ToxWatch on this machine: a real Kafka broker, a fresh PostgreSQL database on the local server, and the three
 * packaged services. Closing it stops everything it started, services first.
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> TOPICS = List.of(
            "lab.observations.fhir.v1", "lab.observations.fhir.v1.dlq",
            "lab.observations.normalized.v1", "lab.observations.normalized.v1.dlq",
            "treatment.courses.v1", "treatment.courses.v1.dlq",
            "symptom.reports.v1", "symptom.reports.v1.dlq",
            "ae.graded.v1", "ae.graded.v1.dlq",
            "dose.alerts.v1", "dose.alerts.lifecycle.v1");

    private final KafkaBrokerProcess broker;
    private final WardKeys wardKeys;
    private final PostgresServer postgres;
    private final String database;
    private final List<ServiceProcess> services;
    private volatile boolean dropDatabaseOnClose;
    private volatile boolean closed;

    private LocalStack(KafkaBrokerProcess broker, PostgresServer postgres, String database, List<ServiceProcess> services,
            WardKeys wardKeys) {
        this.broker = broker;
        this.wardKeys = wardKeys;
        this.postgres = postgres;
        this.database = database;
        this.services = services;
    }

    /** Starts the stack on a freshly created database named {@code database} (dropped first if it exists). */
    public static LocalStack start(ProjectLayout layout, String database) {
        return start(layout, database, Map.of());
    }

    /** The same, with extra environment settings for the services (e.g. shorter escalation timers for the demo). */
    public static LocalStack start(ProjectLayout layout, String database, Map<String, String> settings) {
        PostgresServer postgres = PostgresServer.fromEnvironment();
        recreate(postgres, database);
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(0);
        WardKeys wardKeys = WardKeys.generate(layout.logDir().resolve("keys-" + database));
        List<ServiceProcess> services = new ArrayList<>();
        try {
            broker.createTopics(TOPICS.toArray(String[]::new));
            Map<String, String> environment = new java.util.HashMap<>(settings);
            environment.putAll(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "DB_HOST", postgres.host(),
                    "DB_PORT", Integer.toString(postgres.port()),
                    "DB_NAME", database,
                    "DB_USER", postgres.user(),
                    "DB_PASSWORD", postgres.password() == null ? "" : postgres.password()));
            for (String name : List.of("lab-ingest", "toxicity-grader", "dose-advisor")) {
                services.add(ServiceProcess.start(name, layout.serviceJar(name), environment, layout.logDir()));
            }
            // the ward dashboard forwards actions to the advisor and verifies tokens signed with this run's key
            Map<String, String> dashboard = new java.util.HashMap<>(environment);
            dashboard.put("TOXWATCH_DOSE_ADVISOR_URL", services.get(2).baseUri().toString());
            dashboard.put("TOXWATCH_JWT_PUBLIC_KEY", wardKeys.publicKeyFile().toString());
            dashboard.put("TOXWATCH_JWT_ISSUER", WardKeys.ISSUER);
            services.add(ServiceProcess.start("ward-dashboard", layout.serviceJar("ward-dashboard"), dashboard, layout.logDir()));
            // the three JVMs boot in parallel; wait for all of them
            CompletableFuture.allOf(services.stream()
                    .map(s -> CompletableFuture.runAsync(s::awaitReady))
                    .toArray(CompletableFuture[]::new)).join();
            return new LocalStack(broker, postgres, database, services, wardKeys);
        } catch (RuntimeException e) {
            services.forEach(ServiceProcess::close);
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Signs bearer tokens the ward dashboard accepts. */
    public WardKeys wardKeys() {
        return wardKeys;
    }

    public ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public Connection connectDatabase() throws SQLException {
        return postgres.connect(database);
    }

    /** For tests: leave no database behind. */
    public void dropDatabaseOnClose() {
        this.dropDatabaseOnClose = true;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        services.forEach(ServiceProcess::close);
        broker.close();
        if (dropDatabaseOnClose) {
            try (Connection connection = postgres.connect("postgres"); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop database " + database, e);
            }
        }
    }

    private static void recreate(PostgresServer postgres, String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain identifier: " + database);
        }
        try (Connection connection = postgres.connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on " + postgres, e);
        }
    }
}
