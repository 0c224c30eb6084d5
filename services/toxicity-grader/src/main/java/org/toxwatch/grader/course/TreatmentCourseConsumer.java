package org.toxwatch.grader.course;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.toxwatch.resilience.retry.OutageRetries;
import org.toxwatch.resilience.retry.RetryThroughOutage;
import org.toxwatch.grader.grading.CtcaeVersions;
import org.toxwatch.grader.grading.GradedEventRecord;
import org.toxwatch.grader.grading.ObservationGrading;
import org.toxwatch.grader.messaging.GradedEventPublisher;
import org.toxwatch.grader.messaging.GraderMetrics;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the grader's view of treatment courses; the last message per course wins (the topic is compacted). When a
 * course changes its CTCAE version, every observation under it is re-graded from its raw values with the new version
 * (never by translating grades) and the new events, which supersede the old ones, are published.
 */
@ApplicationScoped
public class TreatmentCourseConsumer {

    private static final Logger LOG = Logger.getLogger(TreatmentCourseConsumer.class);

    private final ObjectMapper json;
    private final CtcaeVersions versions;
    private final GraderMetrics metrics;
    private final ObservationGrading grading;
    private final GradedEventPublisher publisher;
    private final RetryThroughOutage outages;

    public TreatmentCourseConsumer(ObjectMapper json, CtcaeVersions versions, GraderMetrics metrics,
            ObservationGrading grading, GradedEventPublisher publisher, OutageRetries retries) {
        this.outages = retries.forChannel("treatment-courses");
        this.json = json;
        this.versions = versions;
        this.metrics = metrics;
        this.grading = grading;
        this.publisher = publisher;
    }

    @Incoming("treatment-courses")
    public Uni<Void> onCourse(String payload) {
        TreatmentCourse course;
        try {
            course = json.readValue(payload, TreatmentCourse.class);
        } catch (Exception e) {
            return reject("MALFORMED_COURSE", "not a treatment-course.v1 message: " + e.getMessage());
        }
        // what does not fit the contract never reaches the database (README, hostile input)
        Optional<CourseMessageCheck.Refusal> refusal = CourseMessageCheck.refusal(course, Instant.now());
        if (refusal.isPresent()) {
            return reject(refusal.get().code(), refusal.get().detail());
        }
        if (!versions.supports(course.ctcaeVersion())) {
            return reject("UNKNOWN_CTCAE_VERSION", "CTCAE version " + course.ctcaeVersion() + " is not available; known: "
                    + versions.known());
        }
        return outages.run(() -> store(course, payload))
                .invoke(metrics::courseStored)
                .onFailure(GraderMetrics::unexpected).transform(metrics::processingFailed);
    }

    private Uni<Void> store(TreatmentCourse course, String payload) {
        return Panache.withTransaction(() -> CourseRecord.<CourseRecord>findById(course.courseId())
                .chain(existing -> {
                    if (existing != null && !existing.patientId.equals(course.patientId())) {
                        // the advisor refuses this too: a course never moves to another patient
                        return Uni.createFrom().failure(metrics.refused("COURSE_OF_ANOTHER_PATIENT", "course "
                                + course.courseId() + " belongs to another patient; a course never changes patient"));
                    }
                    boolean versionChanged = existing != null && !existing.ctcaeVersion.equals(course.ctcaeVersion());
                    CourseRecord row = existing != null ? existing : new CourseRecord();
                    row.courseId = course.courseId();
                    row.patientId = course.patientId();
                    row.ctcaeVersion = course.ctcaeVersion();
                    row.firstCycleStart = course.firstCycle().orElseThrow().plannedStart();
                    row.course = payload;
                    Uni<List<GradedEventRecord>> regraded = versionChanged
                            ? row.persist().chain(() -> grading.regrade(course.patientId(), course.courseId()))
                            : row.persist().replaceWith(List.of());
                    return regraded;
                }))
                // after commit: publish the re-graded events, one after another
                .chain(events -> {
                    if (!events.isEmpty()) {
                        LOG.infof("course %s now uses CTCAE %s: %d graded events re-graded", course.courseId(),
                                course.ctcaeVersion(), events.size());
                    }
                    return Multi.createFrom().iterable(events)
                            .onItem().transformToUniAndConcatenate(publisher::publish)
                            .collect().last();
                })
                .replaceWithVoid();
    }

    private Uni<Void> reject(String reason, String detail) {
        return Uni.createFrom().failure(metrics.refused(reason, detail));
    }
}
