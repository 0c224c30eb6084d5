package org.toxwatch.cli.replay;

import java.nio.file.Path;
import java.util.ArrayList;

/** A cohort from two files: the courses (JSON array or NDJSON) and the graded events (NDJSON, or a JSON array). */
final class CohortFiles {

    private CohortFiles() {
    }

    static Cohort read(Path coursesFile, Path eventsFile) throws UnreadableInputException {
        var courses = new ArrayList<CohortCourse>();
        for (JsonRecords.Entry entry : JsonRecords.read(coursesFile)) {
            courses.add(CohortMessages.course(entry.json(), coursesFile + " line " + entry.line()));
        }
        var events = new ArrayList<CohortEvent>();
        for (JsonRecords.Entry entry : JsonRecords.read(eventsFile)) {
            events.add(CohortMessages.gradedEvent(entry.json(), eventsFile + " line " + entry.line()));
        }
        return new Cohort(coursesFile + " and " + eventsFile, courses, events);
    }
}
