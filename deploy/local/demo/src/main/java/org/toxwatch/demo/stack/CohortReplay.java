package org.toxwatch.demo.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.toxwatch.demo.scenario.DemoCohort;
import org.toxwatch.demo.scenario.FhirObservations;
import org.toxwatch.demo.scenario.LabResultRow;

/**
 * Drives a scenario into a running stack the way the hospital would: courses over REST from the order system (a bearer
 * token with role integration), labs as FHIR on Kafka, ward actions with the acting person's token.
 */
public final class CohortReplay implements AutoCloseable {

    public static final String LAB_TOPIC = "lab.observations.fhir.v1";

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KafkaProducer<String, String> producer;
    private final FhirObservations fhir = new FhirObservations();

    public CohortReplay(LocalStack stack) {
        this.stack = stack;
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /** PUTs the course to the dose-advisor as the order system; returns the HTTP status and body. */
    public HttpResponse<String> putCourse(DemoCohort.Course course) {
        URI uri = stack.service("dose-advisor").baseUri().resolve("/treatment-courses/" + course.courseId());
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Authorization", stack.wardKeys().orderSystem())
                .PUT(HttpRequest.BodyPublishers.ofString(course.json())).build());
    }

    /**
     * POSTs a ward action on an alert to the dose-advisor (acknowledge, override, resolve) as {@code user} in
     * {@code role}: the advisor records who acted from the token.
     */
    public HttpResponse<String> alertAction(String alertId, String action, String user, String role, String body) {
        URI uri = stack.service("dose-advisor").baseUri().resolve("/alerts/" + alertId + "/" + action);
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Authorization", stack.wardKeys().bearer(user, role))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * POSTs a ward action to the ward dashboard as {@code user} in {@code role}, as the ward screen does: the dashboard
     * checks the role, audits the attempt and forwards it to the dose-advisor with the same token.
     */
    public HttpResponse<String> wardAction(String alertId, String action, String user, String role, String body) {
        URI uri = stack.service("ward-dashboard").baseUri().resolve("/api/alerts/" + alertId + "/" + action);
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Authorization", stack.wardKeys().bearer(user, role))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Whether the grader has received the course from the course topic yet (grading needs its baseline and cycles). */
    public boolean graderKnows(DemoCohort.Course course) {
        URI uri = stack.service("toxicity-grader").baseUri().resolve("/treatment-courses/" + course.courseId());
        return send(HttpRequest.newBuilder(uri).header("Authorization", stack.wardKeys().orderSystem()).GET().build())
                .statusCode() == 200;
    }

    /** Publishes one lab result as a FHIR Observation keyed by patient and waits for the broker's acknowledgement. */
    public Instant publish(LabResultRow row) {
        return publishRaw(row.patientId(), fhir.render(row));
    }

    public Instant publishRaw(String patientKey, String payload) {
        try {
            producer.send(new ProducerRecord<>(LAB_TOPIC, patientKey, payload)).get();
            return Instant.now();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish to " + LAB_TOPIC, e.getCause());
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
