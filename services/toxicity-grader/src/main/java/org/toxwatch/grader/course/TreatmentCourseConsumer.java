package org.toxwatch.grader.course;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.toxwatch.grader.grading.CtcaeVersions;
import org.toxwatch.grader.messaging.GraderMetrics;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Keeps the grader's view of treatment courses; the last message per course wins (the topic is compacted). */
@ApplicationScoped
public class TreatmentCourseConsumer {

    private static final Logger LOG = Logger.getLogger(TreatmentCourseConsumer.class);

    private final ObjectMapper json;
    private final CtcaeVersions versions;
    private final GraderMetrics metrics;

    public TreatmentCourseConsumer(ObjectMapper json, CtcaeVersions versions, GraderMetrics metrics) {
        this.json = json;
        this.versions = versions;
        this.metrics = metrics;
    }

    @Incoming("treatment-courses")
    public Uni<Void> onCourse(String payload) {
        TreatmentCourse course;
        try {
            course = json.readValue(payload, TreatmentCourse.class);
        } catch (Exception e) {
            return reject("MALFORMED_COURSE", "not a treatment-course.v1 message: " + e.getMessage());
        }
        if (course.courseId() == null || course.patientId() == null || course.firstCycle().isEmpty()) {
            return reject("INCOMPLETE_COURSE", "courseId, patientId and at least one planned cycle are required");
        }
        if (!versions.supports(course.ctcaeVersion())) {
            return reject("UNKNOWN_CTCAE_VERSION", "CTCAE version " + course.ctcaeVersion() + " is not available; known: "
                    + versions.known());
        }
        return Panache.withTransaction(() -> CourseRecord.<CourseRecord>findById(course.courseId())
                .chain(existing -> {
                    CourseRecord row = existing != null ? existing : new CourseRecord();
                    row.courseId = course.courseId();
                    row.patientId = course.patientId();
                    row.ctcaeVersion = course.ctcaeVersion();
                    row.firstCycleStart = course.firstCycle().orElseThrow().plannedStart();
                    row.course = payload;
                    return row.persist();
                }))
                .invoke(() -> LOG.debugf("course %s stored", course.courseId()))
                .replaceWithVoid();
    }

    private Uni<Void> reject(String reason, String detail) {
        metrics.deadLettered(reason);
        return Uni.createFrom().failure(new IllegalArgumentException(reason + ": " + detail));
    }
}
