package org.toxwatch.bench.pipeline.measure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Stands in for autovacuum's analyze when the server has autovacuum off (this machine's CI configuration does): the
 * benchmark's tables start empty and fill by a million rows, and a planner that never learns that keeps sequential
 * scans chosen on empty tables (one of the grader's tables was read whole for every observation). A hospital's
 * PostgreSQL runs autovacuum; the benchmark should measure ToxWatch against that, not against a frozen planner.
 */
public final class PlannerStatistics implements AutoCloseable {

    /** Connects to the benchmark's database. */
    public interface Database {
        Connection connect() throws SQLException;
    }

    private final ScheduledExecutorService schedule;
    private final AtomicInteger runs = new AtomicInteger();
    private final boolean autovacuum;

    private PlannerStatistics(ScheduledExecutorService schedule, boolean autovacuum) {
        this.schedule = schedule;
        this.autovacuum = autovacuum;
    }

    /** Analyzes the database every {@code period} if, and only if, the server's autovacuum is off. */
    public static PlannerStatistics keepFresh(Database database, Duration period, Consumer<String> say) throws SQLException {
        boolean autovacuum;
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("show autovacuum")) {
            rows.next();
            autovacuum = rows.getString(1).equals("on");
        }
        if (autovacuum) {
            say.accept("  PostgreSQL's autovacuum is on: it keeps the planner's statistics");
            return new PlannerStatistics(null, true);
        }
        say.accept("  PostgreSQL's autovacuum is off on this server: the benchmark runs ANALYZE on its database every "
                + period.toSeconds() + " s instead");
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bench-analyze");
            thread.setDaemon(true);
            return thread;
        });
        PlannerStatistics statistics = new PlannerStatistics(schedule, false);
        schedule.scheduleWithFixedDelay(() -> statistics.analyze(database, say), 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return statistics;
    }

    private void analyze(Database database, Consumer<String> say) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("analyze");
            runs.incrementAndGet();
        } catch (SQLException e) {
            say.accept("  ANALYZE failed (the next run tries again): " + e.getMessage());
        }
    }

    /** For the results: who kept the statistics. */
    public String describe() {
        return autovacuum ? "autovacuum (on)" : "ANALYZE by the benchmark (autovacuum off), " + runs.get() + " runs";
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }
}
