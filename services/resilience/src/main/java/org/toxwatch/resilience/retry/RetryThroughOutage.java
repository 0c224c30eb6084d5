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
 */
public final class RetryThroughOutage {

    public static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    public static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final Duration firstPause;
    private final Duration longestPause;
    private final Consumer<Throwable> onOutage;

    /** @param onOutage told of every failed attempt that will be retried (count it, log it) */
    public RetryThroughOutage(Duration firstPause, Duration longestPause, Consumer<Throwable> onOutage) {
        if (firstPause.isNegative() || firstPause.isZero() || longestPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("pauses must be positive and the longest at least the first");
        }
        this.firstPause = firstPause;
        this.longestPause = longestPause;
        this.onOutage = Objects.requireNonNull(onOutage, "onOutage");
    }

    public RetryThroughOutage(Consumer<Throwable> onOutage) {
        this(FIRST_PAUSE, LONGEST_PAUSE, onOutage);
    }

    /** Subscribes to {@code attempt}'s Uni, and to a fresh one after each outage, until one does not fail of an outage. */
    public <T> Uni<T> run(Supplier<Uni<T>> attempt) {
        return Uni.createFrom().deferred(() -> attempt(attempt, Vertx.currentContext(), firstPause));
    }

    private <T> Uni<T> attempt(Supplier<Uni<T>> attempt, Context context, Duration pause) {
        return Uni.createFrom().<T>deferred(attempt::get)
                .onFailure(InfrastructureOutage::isOutage).recoverWithUni(outage -> {
                    onOutage.accept(outage);
                    Duration next = pause.multipliedBy(2).compareTo(longestPause) > 0 ? longestPause : pause.multipliedBy(2);
                    return after(pause, context).chain(() -> attempt(attempt, context, next));
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
