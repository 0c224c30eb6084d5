package org.toxwatch.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toxwatch.cli.CliRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.toxwatch.cli.replay.ReplayFixture.COURSES;
import static org.toxwatch.cli.replay.ReplayFixture.EVENTS;
import static org.toxwatch.cli.replay.ReplayFixture.SITE_PLATELETS_100;

/**
 * {@code toxwatch replay --db}: the fixture cohort stored as the dose-advisor stores it, in a throw-away database on
 * the local PostgreSQL (TOXWATCH_TEST_PG_HOST, _PORT, _USER, _PASSWORD; default postgres@127.0.0.1:5432), dropped at
 * the end. The tables have the advisor's columns (V1 treatment_course, V3 graded_event_log).
 */
class ReplayFromDatabaseTest {

    private static final String HOST = env("TOXWATCH_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("TOXWATCH_TEST_PG_PORT", "5432");
    private static final String USER = env("TOXWATCH_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("TOXWATCH_TEST_PG_PASSWORD", "");
    private static final String DATABASE = "toxwatch_test_replay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final Instant RECEIVED = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static Connection connect(String database) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", USER);
        if (!PASSWORD.isEmpty()) {
            login.setProperty("password", PASSWORD);
        }
        return DriverManager.getConnection(url(database), login);
    }

    @BeforeAll
    static void storeTheCohort() throws Exception {
        try (Connection maintenance = connect("postgres"); Statement sql = maintenance.createStatement()) {
            sql.execute("CREATE DATABASE " + DATABASE);
        }
        try (Connection db = connect(DATABASE)) {
            try (Statement sql = db.createStatement()) {
                sql.execute("CREATE SCHEMA dose_advisor");
                sql.execute("CREATE TABLE dose_advisor.treatment_course (course_id VARCHAR(100) PRIMARY KEY,"
                        + " patient_id VARCHAR(100) NOT NULL, course TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL)");
                sql.execute("CREATE TABLE dose_advisor.graded_event_log (event_id UUID PRIMARY KEY,"
                        + " patient_id VARCHAR(100) NOT NULL, course_id VARCHAR(100), effective_time TIMESTAMPTZ NOT NULL,"
                        + " received_at TIMESTAMPTZ NOT NULL, event TEXT NOT NULL)");
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO dose_advisor.treatment_course VALUES (?, ?, ?, ?)")) {
                for (JsonNode course : JsonRecords.JSON.readTree(COURSES.toFile())) {
                    insert.setString(1, course.get("courseId").asText());
                    insert.setString(2, course.get("patientId").asText());
                    insert.setString(3, course.toString());
                    insert.setTimestamp(4, Timestamp.from(RECEIVED));
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO dose_advisor.graded_event_log VALUES (?, ?, ?, ?, ?, ?)")) {
                List<String> lines = Files.readAllLines(EVENTS);
                for (int i = 0; i < lines.size(); i++) {
                    JsonNode event = JsonRecords.JSON.readTree(lines.get(i));
                    insert.setObject(1, UUID.fromString(event.get("eventId").asText()));
                    insert.setString(2, event.get("patientId").asText());
                    insert.setString(3, event.get("courseId").isNull() ? null : event.get("courseId").asText());
                    insert.setTimestamp(4, Timestamp.from(Instant.parse(event.get("effectiveTime").asText())));
                    // received in file order, one second apart: not event time order
                    insert.setTimestamp(5, Timestamp.from(RECEIVED.plusSeconds(i)));
                    insert.setString(6, lines.get(i));
                    insert.executeUpdate();
                }
            }
        }
    }

    @AfterAll
    static void dropTheDatabase() throws SQLException {
        try (Connection maintenance = connect("postgres"); Statement sql = maintenance.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    private String[] replayFromDatabase(Path out) {
        String url = url(DATABASE) + (PASSWORD.isEmpty() ? "" : "?password=" + PASSWORD);
        return new String[] {"replay", "--db", url, "--db-user", USER, "--overrides", SITE_PLATELETS_100.toString(),
                "--out", out.toString()};
    }

    @Test
    void theStoredCohortGivesTheSameDifferencesAsItsFiles() throws Exception {
        Path fromDb = dir.resolve("db.csv");
        Path fromFiles = dir.resolve("files.csv");

        CliRun db = CliRun.of(replayFromDatabase(fromDb));
        CliRun files = CliRun.of("replay", "--courses", COURSES.toString(), "--events", EVENTS.toString(),
                "--overrides", SITE_PLATELETS_100.toString(), "--out", fromFiles.toString());

        assertThat(db.exitCode()).as(db.err()).isZero();
        assertThat(files.exitCode()).as(files.err()).isZero();
        assertThat(ReplayFixture.changes(fromDb)).hasSize(6);
        assertThat(Files.readString(fromDb)).isEqualTo(Files.readString(fromFiles));
        assertThat(ReplayFixture.ruleTable(db)).isEqualTo(ReplayFixture.ruleTable(files));
        assertThat(db.out()).contains("What-if replay of 3 courses and 27 graded events (" + url(DATABASE));
        assertThat(db.err()).contains("1 of no known course, skipped");
    }

    @Test
    void anUnreadableStoredEventNamesItsRow() throws Exception {
        String broken = ReplayFixture.P102_PLATELETS_80;
        String stored;
        try (Connection db = connect(DATABASE); Statement sql = db.createStatement()) {
            var row = sql.executeQuery("SELECT event FROM dose_advisor.graded_event_log WHERE event_id = '" + broken + "'");
            row.next();
            stored = row.getString(1);
            sql.executeUpdate("UPDATE dose_advisor.graded_event_log SET event = '{\"eventId\": ' WHERE event_id = '" + broken + "'");
        }
        Path out = dir.resolve("db.csv");
        CliRun run;
        try {
            run = CliRun.of(replayFromDatabase(out));
        } finally {
            try (Connection db = connect(DATABASE);
                 PreparedStatement restore = db.prepareStatement(
                         "UPDATE dose_advisor.graded_event_log SET event = ? WHERE event_id = ?::uuid")) {
                restore.setString(1, stored);
                restore.setString(2, broken);
                restore.executeUpdate();
            }
        }

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("dose_advisor.graded_event_log event_id=" + broken + ": not JSON");
        assertThat(out).doesNotExist();
    }

    @Test
    void aDatabaseThatCannotBeReachedIsExitTwo() {
        CliRun run = CliRun.of("replay", "--db", url("toxwatch_test_no_such_database"), "--db-user", USER,
                "--overrides", SITE_PLATELETS_100.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read " + url("toxwatch_test_no_such_database"));
    }
}
