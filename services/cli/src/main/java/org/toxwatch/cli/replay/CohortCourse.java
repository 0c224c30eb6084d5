package org.toxwatch.cli.replay;

import org.toxwatch.regimens.course.CourseSnapshot;

/** A treatment course of the cohort as the rules see it, and where it was read ({@code courses.json line 3}). */
record CohortCourse(CourseSnapshot snapshot, String readFrom) {

    String courseId() {
        return snapshot.courseId();
    }
}
