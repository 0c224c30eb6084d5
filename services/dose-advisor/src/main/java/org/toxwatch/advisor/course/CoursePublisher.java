package org.toxwatch.advisor.course;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes each stored course version on the compacted {@code treatment.courses.v1} topic, keyed by patient. */
@ApplicationScoped
public class CoursePublisher {

    static final String TYPE = "org.toxwatch.course.TreatmentCourseChanged.v1";
    static final URI SOURCE = URI.create("urn:toxwatch:dose-advisor");

    @Inject
    @Channel("treatment-courses")
    MutinyEmitter<String> channel;

    public Uni<Void> publish(TreatmentCourse course, String json) {
        // same course content, same id: re-posting an unchanged course is absorbed downstream
        UUID id = UUID.nameUUIDFromBytes(("treatment-course|" + course.courseId() + "|" + json).getBytes(StandardCharsets.UTF_8));
        Message<String> message = Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(course.patientId()).build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(id.toString())
                        .withType(TYPE)
                        .withSource(SOURCE)
                        .withSubject(course.courseId())
                        .build());
        return channel.sendMessage(message);
    }
}
