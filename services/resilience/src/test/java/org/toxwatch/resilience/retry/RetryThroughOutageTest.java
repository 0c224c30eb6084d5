package org.toxwatch.resilience.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

class RetryThroughOutageTest {

    private final List<Throwable> outages = new CopyOnWriteArrayList<>();
    private final RetryThroughOutage retry = new RetryThroughOutage(Duration.ofMillis(1), Duration.ofMillis(4), outages::add);
    private Vertx vertx;

    @AfterEach
    void closeVertx() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRecordIsProcessedOnceTheOutagePasses() {
        AtomicInteger attempts = new AtomicInteger();

        String result = retry.run(() -> attempts.incrementAndGet() <= 5
                ? Uni.createFrom().failure(new ConnectException("Connection refused"))
                : Uni.createFrom().item("graded")).await().atMost(Duration.ofSeconds(10));

        assertThat(result).isEqualTo("graded");
        assertThat(attempts).hasValue(6);
        assertThat(outages).hasSize(5).allMatch(ConnectException.class::isInstance);
    }

    @Test
    void aFailureOfTheRecordItselfIsPassedOnAtOnceForDeadLettering() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(() -> {
            attempts.incrementAndGet();
            return Uni.createFrom().<String>failure(new IllegalArgumentException("MALFORMED_EVENT"));
        }).await().atMost(Duration.ofSeconds(10))).isInstanceOf(IllegalArgumentException.class);

        assertThat(attempts).hasValue(1);
        assertThat(outages).isEmpty();
    }

    @Test
    void anOutageThenARecordFailureEndsInTheRecordFailure() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(() -> attempts.incrementAndGet() == 1
                ? Uni.createFrom().<String>failure(new ConnectException("Connection refused"))
                : Uni.createFrom().<String>failure(new IllegalArgumentException("CONFLICTING_DUPLICATE")))
                .await().atMost(Duration.ofSeconds(10))).hasMessage("CONFLICTING_DUPLICATE");

        assertThat(attempts).hasValue(2);
    }

    @Test
    void everyAttemptRunsOnTheContextTheRecordArrivedOn() throws Exception {
        vertx = Vertx.vertx();
        Context context = vertx.getOrCreateContext();
        List<Context> attemptContexts = new CopyOnWriteArrayList<>();
        CompletableFuture<String> done = new CompletableFuture<>();

        context.runOnContext(ignored -> retry.run(() -> {
            attemptContexts.add(Vertx.currentContext());
            return attemptContexts.size() < 4
                    ? Uni.createFrom().<String>failure(new ConnectException("Connection refused"))
                    : Uni.createFrom().item("persisted");
        }).subscribe().with(done::complete, done::completeExceptionally));

        assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo("persisted");
        assertThat(attemptContexts).hasSize(4).allMatch(c -> c == context);
    }

    @Test
    void pausesMustBePositiveAndOrdered() {
        assertThatThrownBy(() -> new RetryThroughOutage(Duration.ZERO, Duration.ofSeconds(1), t -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryThroughOutage(Duration.ofSeconds(2), Duration.ofSeconds(1), t -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
