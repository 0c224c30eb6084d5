package org.toxwatch.bench.pipeline;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.toxwatch.bench.pipeline.cohort.SyntheticCohort;
import org.toxwatch.bench.pipeline.measure.Drain;
import org.toxwatch.bench.pipeline.measure.PlannerStatistics;
import org.toxwatch.bench.pipeline.measure.ProcessUsage;
import org.toxwatch.bench.pipeline.measure.UsageLedger;
import org.toxwatch.demo.scenario.DemoCohort;
import org.toxwatch.demo.stack.CohortReplay;
import org.toxwatch.demo.stack.LocalStack;
import org.toxwatch.demo.stack.ProjectLayout;
import org.toxwatch.demo.stack.ServiceProcess;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * ToxWatch as the demo runs it: the real broker, a fresh database on the local PostgreSQL, and lab-ingest,
 * toxicity-grader and dose-advisor as packaged jars in their own JVMs. The ward dashboard is not started: it only
 * reads the alert and course topics for the ward screen and is on no path from a lab result to an alert.
 */
final class ToxWatchTopology implements Topology {

    static final String DATABASE = "toxwatch_bench";
    static final List<String> SERVICES = List.of("lab-ingest", "toxicity-grader", "dose-advisor");
    private static final String COURSES = "treatment.courses.v1";
    /** Consumer groups from the services' application.properties. */
    private static final List<Drain.Hop> HOPS = List.of(
            new Drain.Hop("lab-ingest", "lab-ingest", "lab.observations.fhir.v1"),
            new Drain.Hop("toxicity-grader", "toxicity-grader", "lab.observations.normalized.v1"),
            new Drain.Hop("dose-advisor", "dose-advisor", "ae.graded.v1"));
    private static final List<String> DEAD_LETTER_TOPICS = List.of("lab.observations.fhir.v1.dlq",
            "lab.observations.normalized.v1.dlq", "ae.graded.v1.dlq");

    private final LocalStack stack;
    private final Drain drain;
    private final ObjectMapper json = new ObjectMapper();
    private PlannerStatistics statistics;

    private ToxWatchTopology(LocalStack stack) {
        this.stack = stack;
        this.drain = new Drain(stack.bootstrapServers());
    }

    /**
     * Starts the stack and registers the cohort's courses as the order system does (PUT /treatment-courses with an
     * integration token), then waits until the grader has read them all.
     */
    static ToxWatchTopology start(ProjectLayout layout, SyntheticCohort cohort, Map<String, List<String>> jvmOptions,
            Consumer<String> say) throws Exception {
        LocalStack stack = LocalStack.start(layout, DATABASE, LocalStack.Options.ALL_SERVICES.withServices(SERVICES)
                .withJvmOptions(jvmOptions)
                .withSettings(Map.of(
                        // the backlog is the point: a service with a long queue is still ready to work it off
                        "TOXWATCH_READINESS_MAX_CONSUMER_LAG", "1000000000",
                        // no escalation storm: nobody acknowledges alerts during a benchmark
                        "TOXWATCH_ALERTS_ACKNOWLEDGE_WITHIN", "PT24H",
                        "TOXWATCH_ALERTS_ACKNOWLEDGE_WITHIN_FEBRILE_NEUTROPENIA", "PT24H")));
        ToxWatchTopology topology = new ToxWatchTopology(stack);
        try {
            topology.statistics = PlannerStatistics.keepFresh(stack::connectDatabase, Duration.ofSeconds(30), say);
            topology.registerCourses(cohort, say);
            return topology;
        } catch (Exception | Error e) {
            topology.close();
            throw e;
        }
    }

    private void registerCourses(SyntheticCohort cohort, Consumer<String> say) throws Exception {
        long started = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try (CohortReplay orderSystem = new CohortReplay(stack)) {
            List<Future<?>> puts = new ArrayList<>();
            for (int patient = 0; patient < cohort.patients(); patient++) {
                DemoCohort.Course course = cohort.course(patient);
                puts.add(workers.submit(() -> {
                    var response = orderSystem.putCourse(course);
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("PUT " + course.courseId() + " -> HTTP " + response.statusCode() + ": "
                                + response.body());
                    }
                    int count = done.incrementAndGet();
                    if (count % 2000 == 0) {
                        say.accept(String.format("  %,d courses registered", count));
                    }
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            workers.shutdown();
        }
        Drain.Hop courses = new Drain.Hop("toxicity-grader (courses)", "toxicity-grader", COURSES);
        if (drain.awaitDrained(List.of(courses), () -> true, Duration.ofMinutes(15), Duration.ofMillis(500),
                Duration.ofSeconds(15), p -> say.accept("  grader reading courses: " + p.describe(List.of(courses)))) == null) {
            throw new IllegalStateException("the grader did not read the courses within 15 minutes");
        }
        say.accept(String.format("  %,d courses registered over REST and read by the grader in %.1f s", cohort.patients(),
                (System.nanoTime() - started) / 1e9));
    }

    long brokerPid() {
        return stack.brokerPid();
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    public String name() {
        return "ToxWatch";
    }

    @Override
    public String labTopic() {
        return HOPS.get(0).topic();
    }

    @Override
    public String alertTopic() {
        return "dose.alerts.v1";
    }

    @Override
    public List<Drain.Hop> hops() {
        return HOPS;
    }

    @Override
    public void stopFirstHop() {
        stack.stop("lab-ingest");
    }

    @Override
    public void startFirstHop() {
        stack.startAgain("lab-ingest").awaitReady();
    }

    /** dose-alert.v1 names the graded event's source observation: trigger.observationId = "system|identifier". */
    @Override
    public ToLongFunction<ConsumerRecord<String, String>> alertCause() {
        return record -> {
            try {
                String observationId = json.readTree(record.value()).path("trigger").path("observationId").asText("");
                return SyntheticCohort.indexOf(observationId);
            } catch (Exception e) {
                return -1;
            }
        };
    }

    @Override
    public Persisted persisted(long published) {
        try (Connection connection = stack.connectDatabase(); Statement statement = connection.createStatement()) {
            long received = count(statement, "select count(*) from lab_ingest.received_observation");
            long gradedObservations = count(statement,
                    "select count(distinct observation_id) from toxicity_grader.graded_event");
            long gradedEvents = count(statement, "select count(*) from toxicity_grader.graded_event");
            long assessed = count(statement, "select count(*) from dose_advisor.assessed_event");
            long alerts = count(statement, "select count(*) from dose_advisor.dose_alert");
            long gradedPublished = drain.endOffsets("ae.graded.v1");
            long deadLetters = DEAD_LETTER_TOPICS.stream().mapToLong(drain::endOffsets).sum();
            boolean complete = received + deadLetters >= published && gradedObservations + deadLetters >= published
                    && gradedEvents == gradedPublished && assessed >= gradedPublished;
            String checked = String.format("committed offsets: every group at its topic's end (%s); rows: "
                    + "lab_ingest.received_observation %,d, toxicity_grader.graded_event %,d for %,d distinct observations "
                    + "(%,d on ae.graded.v1), dose_advisor.assessed_event %,d, dose_advisor.dose_alert %,d; dead letters %,d; "
                    + "observations published %,d", drain.progress(HOPS).describe(HOPS), received, gradedEvents,
                    gradedObservations, gradedPublished, assessed, alerts, deadLetters, published);
            return new Persisted(complete, checked);
        } catch (SQLException e) {
            return new Persisted(false, "cannot count rows: " + e.getMessage());
        }
    }

    /**
     * PostgreSQL's own counters for the benchmark's database: per table, sequential scans and the rows they read, index
     * scans and inserts (a table read sequentially once per record makes the drain slow down as it fills), and the
     * database's transactions. Text for the results folder.
     */
    String databaseCounters() {
        StringBuilder text = new StringBuilder("planner statistics: " + statistics.describe() + "\n\n");
        text.append(String.format("%-45s %10s %14s %10s %10s %10s%n", "table", "seq_scan",
                "seq_tup_read", "idx_scan", "n_tup_ins", "n_live_tup"));
        try (Connection connection = stack.connectDatabase(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select schemaname || '.' || relname, seq_scan, seq_tup_read, "
                    + "coalesce(idx_scan, 0), n_tup_ins, n_live_tup from pg_stat_user_tables order by seq_tup_read desc")) {
                while (rows.next()) {
                    text.append(String.format("%-45s %10d %14d %10d %10d %10d%n", rows.getString(1), rows.getLong(2),
                            rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6)));
                }
            }
            try (ResultSet rows = statement.executeQuery("select xact_commit, xact_rollback, tup_returned, tup_fetched, "
                    + "tup_inserted, tup_updated from pg_stat_database where datname = current_database()")) {
                rows.next();
                text.append(String.format("%ndatabase: %,d commits, %,d rollbacks, %,d rows returned, %,d fetched, %,d inserted, "
                        + "%,d updated%n", rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5),
                        rows.getLong(6)));
            }
        } catch (SQLException e) {
            text.append("cannot read PostgreSQL's counters: ").append(e.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void track(UsageLedger ledger) {
        ledger.track("kafka-broker", stack::brokerPid);
        for (String service : SERVICES) {
            ledger.track(service, () -> stack.service(service).pid());
        }
        trackPostgres(ledger);
    }

    /** PostgreSQL's backends of the benchmark's database, and its server processes (shared with every database). */
    static void trackPostgres(UsageLedger ledger) {
        ProcessUsage.uidOf("postgres").ifPresent(uid -> {
            ledger.trackGroup("postgresql (" + DATABASE + " backends)",
                    () -> ProcessUsage.processesOf(uid, cmd -> cmd.contains(" " + DATABASE + " ")));
            ledger.trackGroup("postgresql (server processes, all databases)",
                    () -> ProcessUsage.processesOf(uid, cmd -> !cmd.contains("(") && !cmd.contains("[local]")));
        });
    }

    @Override
    public void killProcesses() {
        for (String service : SERVICES) {
            stack.service(service).kill();
        }
    }

    @Override
    public void startProcesses() {
        List<ServiceProcess> started = SERVICES.stream().map(stack::startAgain).toList();
        started.parallelStream().forEach(ServiceProcess::awaitReady);
    }

    @Override
    public void stopProcesses() {
        for (String service : SERVICES) {
            stack.stop(service);
        }
    }

    @Override
    public List<Path> logs() {
        return SERVICES.stream().map(s -> stack.service(s).log()).toList();
    }

    /** Stops everything, the broker too. */
    @Override
    public void close() {
        if (statistics != null) {
            statistics.close();
        }
        drain.close();
        stack.close();
    }

    ServiceProcess service(String name) {
        return stack.service(name);
    }
}
