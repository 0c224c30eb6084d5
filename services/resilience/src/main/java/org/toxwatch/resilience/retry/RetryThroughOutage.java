package org.toxwatch.resilience.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs one record's processing again, with growing pauses, for as long as the infrastructure is out; passes any other
 * failure on untouched (to the channel's dead-letter strategy).
 * <p>
 * While a record waits, the channel waits with it: records are processed one at a time per channel and offsets are
 * committed only for acknowledged records, so nothing after it is lost or reordered, and the consumer is paused by
 * the connector once its buffer is full. Each attempt runs on the Vert.x context the record arrived on, because
 * Hibernate Reactive sessions must stay on their event loop.
 * <p>
 * Once the {@link ServiceStop} has begun, a record is not started, an outage is not waited out, and a failure is not
 * passed on: the returned Uni never ends, so the record is neither acknowledged nor dead-lettered and the next instance
 * receives it again.
 */
public final class RetryThroughOutage {

    public static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    public static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final Duration firstPause;
    private final Duration longestPause;
    private final Consumer<Throwable> onOutage;
    private final ServiceStop stop;
    private final Consumer<Throwable> onHeldBack;

    /**
     * @param onOutage told of every failed attempt that will be retried (count it, log it)
     * @param stop the service's stop, after which records are held back for redelivery
     * @param onHeldBack told of every record held back because the stop had begun: its failure, or null when it was
     *            not started at all
     */
    public RetryThroughOutage(Duration firstPause, Duration longestPause, Consumer<Throwable> onOutage, ServiceStop stop,
            Consumer<Throwable> onHeldBack) {
        if (firstPause.isNegative() || firstPause.isZero() || longestPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("pauses must be positive and the longest at least the first");
        }
        this.firstPause = firstPause;
        this.longestPause = longestPause;
        this.onOutage = Objects.requireNonNull(onOutage, "onOutage");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.onHeldBack = Objects.requireNonNull(onHeldBack, "onHeldBack");
    }

    /** Without a stop: for code and tests that never stop. */
    public RetryThroughOutage(Duration firstPause, Duration longestPause, Consumer<Throwable> onOutage) {
        this(firstPause, longestPause, onOutage, new ServiceStop(), held -> { });
    }

    /**
     * Subscribes to {@code attempt}'s Uni, and to a fresh one after each outage, until one does not fail of an outage;
     * after the stop began, holds the record back (a Uni that never ends).
     */
    public <T> Uni<T> run(Supplier<Uni<T>> attempt) {
        return Uni.createFrom().deferred(() -> {
            if (!stop.enter()) {
                onHeldBack.accept(null);
                return Uni.createFrom().<T>nothing();
            }
            return attempt(attempt, Vertx.currentContext(), firstPause)
                    .onItemOrFailure().transformToUni((item, failure) -> {
                        stop.leave();
                        if (failure == null) {
                            return Uni.createFrom().item(item);
                        }
                        if (stop.hasBegun()) {
                            onHeldBack.accept(failure);
                            return Uni.createFrom().<T>nothing();
                        }
                        return Uni.createFrom().<T>failure(failure);
                    });
        });
    }

    private <T> Uni<T> attempt(Supplier<Uni<T>> attempt, Context context, Duration pause) {
        return Uni.createFrom().<T>deferred(attempt::get)
                .onFailure(InfrastructureOutage::isOutage).recoverWithUni(outage -> {
                    if (stop.hasBegun()) {
                        return Uni.createFrom().failure(outage); // not waited out: held back for the next instance
                    }
                    onOutage.accept(outage);
                    Duration next = pause.multipliedBy(2).compareTo(longestPause) > 0 ? longestPause : pause.multipliedBy(2);
                    return after(pause, context).chain(() -> stop.hasBegun()
                            ? Uni.createFrom().<T>failure(outage)
                            : attempt(attempt, context, next));
                });
    }

    /** Completes after {@code pause}, on {@code context} when there is one (a plain thread otherwise, as in unit tests). */
    private static Uni<Void> after(Duration pause, Context context) {
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause);
        }
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(pause.toMillis(),
                timer -> context.runOnContext(ignored -> emitter.complete(null))));
    }
}
