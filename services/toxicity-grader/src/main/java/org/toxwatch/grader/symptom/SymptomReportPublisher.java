package org.toxwatch.grader.symptom;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Puts a report accepted over REST on {@code symptom.reports.v1}, where it is graded like any other report. */
@ApplicationScoped
public class SymptomReportPublisher {

    static final String TYPE = "org.toxwatch.symptom.SymptomReported.v1";
    static final URI SOURCE = URI.create("urn:toxwatch:toxicity-grader");

    @Inject
    @Channel("reported-symptoms")
    MutinyEmitter<String> channel;

    public Uni<Void> publish(SymptomReport report, String json) {
        UUID id = UUID.nameUUIDFromBytes(("symptom-report|" + report.reportId()).getBytes(StandardCharsets.UTF_8));
        return channel.sendMessage(Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(report.patientId()).build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(id.toString())
                        .withType(TYPE)
                        .withSource(SOURCE)
                        .withSubject(report.reportId())
                        .withTimestamp(report.assessedAt().atZone(ZoneOffset.UTC))
                        .build()));
    }
}
