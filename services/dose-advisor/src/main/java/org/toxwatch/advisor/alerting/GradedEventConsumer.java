package org.toxwatch.advisor.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.toxwatch.advisor.lifecycle.AlertLifecycle;
import org.toxwatch.advisor.monitoring.CourseWatches;
import org.toxwatch.resilience.batch.InOrder;
import org.toxwatch.resilience.deadletter.DeadLetterHeaders;
import org.toxwatch.resilience.retry.OutageRetries;
import org.toxwatch.resilience.retry.RetryThroughOutage;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Graded adverse events in, dose alerts out, a poll's batch at a time.
 * <p>
 * Per batch: events that do not fit the contract are refused first. The rest are assessed in order, one after another,
 * in one transaction (what the batch needs to know of what is stored is read once, {@link KnownEvents}; a course's
 * watch stays locked until the commit). After the commit the alerts the batch opened are published, then the lifecycle
 * transitions its events caused; once the broker has them all, the refused events go to {@code ae.graded.v1.dlq} with
 * their reason and the batch is acknowledged. A redelivered event re-publishes its stored alerts and transitions with
 * the same ids.
 * <p>
 * A database or broker outage is waited out on the batch. Any other failure of the batch (a bug, a constraint the
 * checks missed) is not blamed on all its events: the batch is then taken one event at a time, each in its own
 * transaction, and only an event that fails on its own is dead-lettered (PROCESSING_FAILED). Counters move after a
 * commit, so a batch retaken one at a time counts its duplicates once.
 */
@ApplicationScoped
public class GradedEventConsumer {

    private static final Logger LOG = Logger.getLogger(GradedEventConsumer.class);
    /** Alerts of a batch awaiting the broker's acknowledgement at once. */
    private static final int SENDS_IN_FLIGHT = 64;

    private final ObjectMapper json;
    private final DoseAlerting alerting;
    private final DoseAlertPublisher publisher;
    private final AdvisorMetrics metrics;
    private final AlertLifecycle lifecycle;
    private final CourseWatches watches;
    private final RetryThroughOutage outages;

    /** Refused events, written with the headers SmallRye's dead-letter strategy writes (a batch is acknowledged whole). */
    @Inject
    @Channel("graded-events-dead-letters")
    MutinyEmitter<String> deadLetters;

    public GradedEventConsumer(ObjectMapper json, DoseAlerting alerting, DoseAlertPublisher publisher, AdvisorMetrics metrics,
            AlertLifecycle lifecycle, CourseWatches watches, OutageRetries retries) {
        this.outages = retries.forChannel("graded-events");
        this.watches = watches;
        this.json = json;
        this.alerting = alerting;
        this.publisher = publisher;
        this.metrics = metrics;
        this.lifecycle = lifecycle;
    }

    /** One event of a batch and what became of it. */
    private static final class Input {
        final IncomingKafkaRecord<String, String> record;
        GradedAdverseEvent event;
        RefusedInput refused;
        DoseAlerting.Assessment assessment;
        /** Assessed before: its stored alerts and transitions are published again. */
        boolean redelivered;

        @SuppressWarnings("unchecked")
        Input(KafkaRecord<String, String> record) {
            this.record = record.unwrap(IncomingKafkaRecord.class);
        }
    }

    @Incoming("graded-events")
    public Uni<Void> onGradedEvents(KafkaRecordBatch<String, String> batch) {
        List<Input> inputs = batch.getRecords().stream().map(Input::new).toList();
        inputs.forEach(this::check);
        List<Input> valid = inputs.stream().filter(i -> i.refused == null).toList();
        // a database or broker outage is waited out on the batch; only an event's own faults are dead-lettered
        return outages.run(() -> assessTogether(valid))
                .onFailure().recoverWithUni(failure -> {
                    LOG.infof("a batch of %d graded events was not assessed as one (%s: %s); assessing them one at a"
                            + " time", valid.size(), failure.getClass().getSimpleName(), failure.getMessage());
                    metrics.batchRetaken();
                    return oneAtATime(valid);
                })
                .chain(() -> {
                    List<Input> refused = refused(inputs);
                    // the dead-letter topic unreachable is an outage like any other: waited out, never skipped
                    return outages.run(() -> deadLetter(refused));
                })
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /** Reads the event; what does not fit the contract never reaches the rules, the database or an alert. */
    private void check(Input input) {
        try {
            input.event = json.readValue(input.record.getPayload(), GradedAdverseEvent.class);
        } catch (Exception e) {
            input.refused = new RefusedInput("MALFORMED_EVENT", "not a graded-adverse-event.v1 message: " + e.getMessage());
            return;
        }
        Optional<GradedEventCheck.Refusal> refusal = GradedEventCheck.refusal(input.event, Instant.now());
        refusal.ifPresent(r -> input.refused = new RefusedInput(r.code(), r.detail()));
    }

    /** The events assessed in one transaction, counted after the commit, then their alerts and transitions published. */
    private Uni<Void> assessTogether(List<Input> inputs) {
        if (inputs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        inputs.forEach(input -> {
            input.refused = null;
            input.assessment = null;
            input.redelivered = false;
        });
        return Panache.withTransaction(() -> KnownEvents.of(inputs.stream().map(i -> i.event).toList(), watches)
                        .chain(known -> InOrder.each(inputs, input -> assessWithin(input, known))
                                .chain(() -> known.storeWatches(watches))))
                .invoke(() -> inputs.stream().filter(i -> i.redelivered).forEach(i -> metrics.duplicate()))
                .chain(() -> publish(inputs));
    }

    private Uni<Void> assessWithin(Input input, KnownEvents known) {
        GradedAdverseEvent event = input.event;
        if (known.assessed(event.eventId())) {
            input.redelivered = true;
            // what the first delivery stored may not have been published
            return DoseAlertRecord.ofEvent(event.eventId())
                    .invoke(alerts -> input.assessment = new DoseAlerting.Assessment(alerts, true))
                    .replaceWithVoid();
        }
        return alerting.assess(event, known).invoke(assessment -> {
            input.assessment = assessment;
            input.refused = assessment.refusal();
        }).replaceWithVoid();
    }

    /**
     * The alerts the batch opened (sent together, in order), then, event by event, the transitions it caused. Most
     * events change no alert: no query for transitions that cannot exist.
     */
    private Uni<Void> publish(List<Input> inputs) {
        List<Input> assessed = inputs.stream().filter(i -> i.assessment != null && i.refused == null).toList();
        return Multi.createFrom().iterable(assessed)
                .onItem().transformToIterable(input -> input.assessment.opened())
                .onItem().transformToUni(publisher::publish)
                .merge(SENDS_IN_FLIGHT)
                .collect().last()
                .chain(() -> InOrder.each(assessed.stream().filter(i -> i.assessment.transitionsRecorded()).toList(),
                        input -> lifecycle.publishCausedBy(input.event.eventId())));
    }

    /** Each event in its own transaction, published before the next: only an event that fails on its own is refused. */
    private Uni<Void> oneAtATime(List<Input> inputs) {
        return InOrder.each(inputs, input -> outages.run(() -> assessTogether(List.of(input)))
                .onFailure().recoverWithItem(failure -> {
                    input.assessment = null;
                    input.refused = new RefusedInput("PROCESSING_FAILED",
                            failure.getClass().getSimpleName() + ": " + failure.getMessage());
                    return null;
                }));
    }

    /** The refused events of a batch, each counted once. */
    private List<Input> refused(List<Input> inputs) {
        List<Input> refused = inputs.stream().filter(i -> i.refused != null).toList();
        refused.forEach(input -> metrics.deadLettered(input.refused.code()));
        return refused;
    }

    /** The refused events to the dead-letter topic, one after another, in input order. */
    private Uni<Void> deadLetter(List<Input> refused) {
        return InOrder.each(refused,
                input -> deadLetters.sendMessage(DeadLetterHeaders.deadLetterOf(input.record, input.refused)));
    }
}
