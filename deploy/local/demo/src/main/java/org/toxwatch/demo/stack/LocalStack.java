package org.toxwatch.demo.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.toxwatch.testsupport.kafka.KafkaBrokerProcess;
import org.toxwatch.testsupport.kafka.KafkaTopics;
import org.toxwatch.testsupport.postgres.PostgresServer;

/**
 * A whole ToxWatch on this machine: a real Kafka broker, a fresh PostgreSQL database on the local server, and the three
 * packaged services. Closing it stops everything it started, services first.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * Every topic of contracts/asyncapi.yaml; {@code createTopics} gives each the partitions and configuration the
     * document does (the compacted course topic, dead-letter topics that take 2 MiB).
     */
    public static final List<String> TOPICS = KafkaTopics.documented();

    private volatile KafkaBrokerProcess broker;
    private final Path brokerData;
    private final WardKeys wardKeys;
    private final PostgresServer postgres;
    private final String database;
    private final List<ServiceProcess> services;
    private volatile boolean dropDatabaseOnClose;
    private volatile boolean closed;

    private LocalStack(KafkaBrokerProcess broker, Path brokerData, PostgresServer postgres, String database,
            List<ServiceProcess> services, WardKeys wardKeys) {
        this.broker = broker;
        this.brokerData = brokerData;
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
        return start(layout, database, Options.ALL_SERVICES.withSettings(settings));
    }

    /**
     * What to start and how: the services by name (the ward dashboard needs the dose-advisor), extra environment
     * settings for all of them, and extra JVM options per service (see {@link ServiceProcess#start(String, Path, Map,
     * Path, List)}).
     */
    public record Options(List<String> services, Map<String, String> settings, Map<String, List<String>> jvmOptions) {

        public static final Options ALL_SERVICES = new Options(
                List.of("lab-ingest", "toxicity-grader", "dose-advisor", "ward-dashboard"), Map.of(), Map.of());

        public Options {
            services = List.copyOf(services);
            settings = Map.copyOf(settings);
            jvmOptions = Map.copyOf(jvmOptions);
            if (services.contains("ward-dashboard") && !services.contains("dose-advisor")) {
                throw new IllegalArgumentException("the ward dashboard forwards actions to the dose-advisor: start both");
            }
        }

        public Options withServices(List<String> names) {
            return new Options(names, settings, jvmOptions);
        }

        public Options withSettings(Map<String, String> extra) {
            return new Options(services, extra, jvmOptions);
        }

        public Options withJvmOptions(Map<String, List<String>> perService) {
            return new Options(services, settings, perService);
        }
    }

    /** Starts the services {@code options} names on a freshly created database named {@code database}. */
    public static LocalStack start(ProjectLayout layout, String database, Options options) {
        PostgresServer postgres = PostgresServer.fromEnvironment();
        recreate(postgres, database);
        // the broker keeps its log in the run's folder so that it can be restarted on the same port with its data
        Path brokerData = layout.logDir().resolve("kafka-" + database);
        deleteRecursively(brokerData);
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(0, brokerData);
        WardKeys wardKeys = WardKeys.generate(layout.logDir().resolve("keys-" + database));
        List<ServiceProcess> services = new ArrayList<>();
        try {
            broker.createTopics(TOPICS.toArray(String[]::new));
            Map<String, String> environment = new java.util.HashMap<>(options.settings());
            environment.putAll(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "DB_HOST", postgres.host(),
                    "DB_PORT", Integer.toString(postgres.port()),
                    "DB_NAME", database,
                    "DB_USER", postgres.user(),
                    "DB_PASSWORD", postgres.password() == null ? "" : postgres.password()));
            // every service verifies bearer tokens signed with this run's key
            environment.put("TOXWATCH_JWT_PUBLIC_KEY", wardKeys.publicKeyFile().toString());
            environment.put("TOXWATCH_JWT_ISSUER", WardKeys.ISSUER);
            for (String name : List.of("lab-ingest", "toxicity-grader", "dose-advisor", "ward-dashboard")) {
                if (!options.services().contains(name)) {
                    continue;
                }
                Map<String, String> serviceEnvironment = new java.util.HashMap<>(environment);
                if (name.equals("ward-dashboard")) {
                    // the ward dashboard forwards actions to the advisor, with the ward user's own token
                    ServiceProcess advisor = services.stream().filter(s -> s.name().equals("dose-advisor")).findFirst()
                            .orElseThrow();
                    serviceEnvironment.put("TOXWATCH_DOSE_ADVISOR_URL", advisor.baseUri().toString());
                }
                services.add(ServiceProcess.start(name, layout.serviceJar(name), serviceEnvironment, layout.logDir(),
                        options.jvmOptions().getOrDefault(name, List.of())));
            }
            // the JVMs boot in parallel; wait for all of them
            CompletableFuture.allOf(services.stream()
                    .map(s -> CompletableFuture.runAsync(s::awaitReady))
                    .toArray(CompletableFuture[]::new)).join();
            return new LocalStack(broker, brokerData, postgres, database, services, wardKeys);
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

    public synchronized ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Fault injection: SIGKILLs the service, starts it again on the same port and waits until it is ready. */
    public ServiceProcess killAndRestart(String name) {
        ServiceProcess restarted;
        synchronized (this) {
            ServiceProcess running = service(name);
            running.kill();
            restarted = running.restart();
            services.set(services.indexOf(running), restarted);
        }
        return restarted.awaitReady();
    }

    /**
     * Stops the service gracefully (SIGTERM: it commits what it has processed) and keeps it for {@link #startAgain}:
     * a benchmark builds a backlog while a consumer is down.
     */
    public synchronized void stop(String name) {
        service(name).close();
    }

    /** Starts a service stopped by {@link #stop} again, on the same port with the same settings; does not wait. */
    public synchronized ServiceProcess startAgain(String name) {
        ServiceProcess stopped = service(name);
        ServiceProcess restarted = stopped.restart();
        services.set(services.indexOf(stopped), restarted);
        return restarted;
    }

    /** The broker's operating-system process id (for CPU and memory figures). */
    public long brokerPid() {
        return broker.pid();
    }

    /** Fault injection: stops the broker cleanly and starts it again on the same port with the same data. */
    public synchronized void restartBroker() {
        int port = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
        broker.close();
        broker = KafkaBrokerProcess.start(port, brokerData);
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
        deleteRecursively(brokerData);
        if (dropDatabaseOnClose) {
            try (Connection connection = postgres.connect("postgres"); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop database " + database, e);
            }
        }
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot delete " + folder, e);
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
