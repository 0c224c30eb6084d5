package org.toxwatch.advisor.alerting;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import org.toxwatch.advisor.lifecycle.AlertLifecycle;
import org.toxwatch.resilience.retry.OutageRetries;
import org.toxwatch.resilience.retry.RetryThroughOutage;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Graded adverse event in, dose alerts out. The assessment and its alerts are committed first, then published (the
 * alerts, then the lifecycle transitions the event caused), then the record is acknowledged; a redelivered event
 * re-publishes its stored alerts and transitions with the same ids. A database or broker outage is waited out on the
 * record (retried, never dead-lettered for it).
 */
@ApplicationScoped
public class GradedEventConsumer {

    private final ObjectMapper json;
    private final DoseAlerting alerting;
    private final DoseAlertPublisher publisher;
    private final AdvisorMetrics metrics;
    private final AlertLifecycle lifecycle;
    private final RetryThroughOutage outages;

    public GradedEventConsumer(ObjectMapper json, DoseAlerting alerting, DoseAlertPublisher publisher, AdvisorMetrics metrics,
            AlertLifecycle lifecycle, OutageRetries retries) {
        this.outages = retries.forChannel("graded-events");
        this.json = json;
        this.alerting = alerting;
        this.publisher = publisher;
        this.metrics = metrics;
        this.lifecycle = lifecycle;
    }

    @Incoming("graded-events")
    public Uni<Void> onGradedEvent(String payload) {
        GradedAdverseEvent event;
        try {
            event = json.readValue(payload, GradedAdverseEvent.class);
        } catch (Exception e) {
            return reject("MALFORMED_EVENT", "not a graded-adverse-event.v1 message: " + e.getMessage());
        }
        // what does not fit the contract never reaches the rules, the database or an alert (README, hostile input)
        Optional<GradedEventCheck.Refusal> refusal = GradedEventCheck.refusal(event, Instant.now());
        if (refusal.isPresent()) {
            return reject(refusal.get().code(), refusal.get().detail());
        }
        return outages.run(() -> assessOnce(event))
                .onFailure(AdvisorMetrics::unexpected).transform(metrics::processingFailed);
    }

    private Uni<Void> assessOnce(GradedAdverseEvent event) {
        return Panache.withTransaction(() -> AssessedEvent.<AssessedEvent>findById(event.eventId())
                .chain(seen -> {
                    if (seen != null) {
                        metrics.duplicate();
                        // a redelivery: what the first delivery stored may not have been published
                        return DoseAlertRecord.ofEvent(event.eventId())
                                .map(alerts -> new DoseAlerting.Assessment(alerts, true));
                    }
                    return alerting.assess(event);
                }))
                .chain(assessment -> Multi.createFrom().iterable(assessment.opened())
                        .onItem().transformToUniAndConcatenate(publisher::publish)
                        .collect().last()
                        // most events change no alert: no query for transitions that cannot exist
                        .chain(() -> assessment.transitionsRecorded() ? lifecycle.publishCausedBy(event.eventId())
                                : Uni.createFrom().voidItem()))
                .replaceWithVoid();
    }

    private Uni<Void> reject(String reason, String detail) {
        return Uni.createFrom().failure(metrics.refused(reason, detail));
    }
}
