package org.toxwatch.cli.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Properties;
import java.util.UUID;

/**
 * A cohort from the dose-advisor's database: every course in {@code dose_advisor.treatment_course} and every graded
 * event the advisor took in, from {@code dose_advisor.graded_event_log}. Read only.
 */
final class CohortDatabase {

    static final String COURSES = "dose_advisor.treatment_course";
    static final String EVENTS = "dose_advisor.graded_event_log";

    private CohortDatabase() {
    }

    /**
     * @param url      {@code jdbc:postgresql://host:port/database}; may carry {@code user} and {@code password}
     *                 parameters as the driver reads them
     * @param user     the database user, or null for the URL's (else the driver's default)
     * @param password null unless given outside the command line (PGPASSWORD), so it never shows in a process list
     */
    static Cohort read(String url, String user, String password) throws UnreadableInputException {
        Properties login = new Properties();
        if (user != null) {
            login.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            login.setProperty("password", password);
        }
        login.setProperty("connectTimeout", "10");
        login.setProperty("readOnly", "true");
        String shown = withoutPassword(url);
        try (Connection db = DriverManager.getConnection(url, login)) {
            var courses = new ArrayList<CohortCourse>();
            try (Statement sql = db.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT course_id, course FROM " + COURSES + " ORDER BY course_id")) {
                while (rows.next()) {
                    String where = shown + " " + COURSES + " course_id=" + rows.getString(1);
                    courses.add(CohortMessages.course(json(rows.getString(2), where), where));
                }
            }
            var events = new ArrayList<CohortEvent>();
            try (Statement sql = db.createStatement();
                 ResultSet rows = sql.executeQuery(
                         "SELECT event_id, received_at, event FROM " + EVENTS + " ORDER BY received_at, event_id")) {
                while (rows.next()) {
                    UUID rowId = rows.getObject(1, UUID.class);
                    String where = shown + " " + EVENTS + " event_id=" + rowId;
                    CohortEvent event = CohortMessages.gradedEvent(json(rows.getString(3), where), where);
                    if (!event.eventId().equals(rowId) && !event.retraction()) {
                        throw new UnreadableInputException(where + ": the event inside is " + event.eventId());
                    }
                    events.add(event);
                }
            }
            return new Cohort(shown, courses, events);
        } catch (SQLException e) {
            throw new UnreadableInputException(shown + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode json(String text, String where) throws UnreadableInputException {
        try {
            JsonNode json = JsonRecords.JSON.readTree(text == null ? "" : text);
            if (json == null || !json.isObject()) {
                throw new UnreadableInputException(where + ": not a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new UnreadableInputException(where + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** The URL as it may be printed: a password parameter blanked out. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
