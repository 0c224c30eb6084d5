package org.toxwatch.advisor.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.toxwatch.advisor.alerting.DoseAlertPublisher;
import org.toxwatch.advisor.alerting.DoseAlertRecord;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The outbox relay of the alert lifecycle. Transitions made by a person (acknowledge, override, resolve), by the
 * escalation timer or by a pre-cycle check are committed and then published; no Kafka record is redelivered to repeat
 * the publish if the service dies in between. Every {@code toxwatch.outbox.check-every} this publishes, under
 * their stored ids, the transitions recorded more than {@code toxwatch.outbox.grace} ago and never marked
 * published - an OPENED one together with its alert's content, which the same crash may have cut off.
 * <p>
 * The grace keeps the relay from racing the publish that normally follows the commit; a transition both paths send
 * reaches consumers twice with one id, which they absorb.
 */
@ApplicationScoped
public class TransitionRelay {

    private static final Logger LOG = Logger.getLogger(TransitionRelay.class);
    private static final int BATCH = 500;

    private final LifecyclePublisher lifecycle;
    private final DoseAlertPublisher alerts;
    private final Duration grace;
    private final Counter failures;

    public TransitionRelay(LifecyclePublisher lifecycle, DoseAlertPublisher alerts,
            @ConfigProperty(name = "toxwatch.outbox.grace") Duration grace, MeterRegistry metrics) {
        this.failures = Counter.builder("toxwatch_outbox_relay_failures_total")
                .description("Alert transitions the outbox relay tried and failed to publish (retried on its next run)")
                .register(metrics);
        this.lifecycle = lifecycle;
        this.alerts = alerts;
        this.grace = grace;
    }

    @Scheduled(identity = "transition-relay", every = "${toxwatch.outbox.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> publishCutOffTransitions() {
        return publishUnpublished(Instant.now().minus(grace))
                .invoke(relayed -> {
                    if (!relayed.isEmpty()) {
                        LOG.warnf("published %d alert transition(s) whose publication a crash or outage had cut off",
                                relayed.size());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("relaying unpublished transitions failed (%s); the next run tries again",
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Publishes the unpublished transitions recorded before {@code recordedBefore}, oldest first; returns the lifecycle
     * event ids it published. One that fails (an unreadable stored event, a refused record) is logged, counted and left
     * for the next run: it must not hold back every transition after it.
     */
    public Uni<List<UUID>> publishUnpublished(Instant recordedBefore) {
        return Panache.withSession(() -> AlertTransitionRecord.unpublished(recordedBefore, BATCH))
                .chain(transitions -> Multi.createFrom().iterable(transitions)
                        .onItem().transformToUniAndConcatenate(transition -> relay(transition)
                                .replaceWith(Optional.of(transition.lifecycleEventId))
                                .onFailure().recoverWithItem(e -> {
                                    failures.increment();
                                    LOG.errorf("alert transition %s (alert %s, %s) could not be relayed: %s; the next run"
                                            + " tries again", transition.lifecycleEventId, transition.alertId,
                                            transition.transition, e.getMessage());
                                    return Optional.<UUID>empty();
                                }))
                        .filter(Optional::isPresent)
                        .map(Optional::get)
                        .collect().asList());
    }

    private Uni<Void> relay(AlertTransitionRecord transition) {
        Uni<Void> content = transition.transition == Transition.OPENED
                ? Panache.withSession(() -> DoseAlertRecord.<DoseAlertRecord>findById(transition.alertId))
                        .chain(alert -> alert == null ? Uni.createFrom().voidItem() : alerts.publish(alert))
                : Uni.createFrom().voidItem();
        return content.chain(() -> lifecycle.publish(List.of(transition)));
    }
}
