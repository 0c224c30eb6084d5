package org.toxwatch.resilience.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;

/** What a graceful stop does to the records a channel is processing: none is blamed, none is lost. */
class ServiceStopTest {

    private final ServiceStop stop = new ServiceStop();
    private final List<Throwable> outages = new CopyOnWriteArrayList<>();
    private final List<String> heldBack = new CopyOnWriteArrayList<>();
    private final RetryThroughOutage retry = new RetryThroughOutage(Duration.ofMillis(1), Duration.ofMillis(4),
            outages::add, stop, failure -> heldBack.add(failure == null ? "not started" : failure.getMessage()));

    @Test
    void aRecordArrivingAfterTheStopBeganIsNotStartedAndNeverEnds() throws Exception {
        assertThat(stop.beginAndDrain(Duration.ofSeconds(1))).isZero();
        AtomicInteger attempts = new AtomicInteger();

        UniAssertSubscriber<String> record = retry.run(() -> {
            attempts.incrementAndGet();
            return Uni.createFrom().item("graded");
        }).subscribe().withSubscriber(UniAssertSubscriber.create());

        assertThat(attempts).hasValue(0);
        record.assertNotTerminated();
        assertThat(heldBack).containsExactly("not started");
    }

    @Test
    void aRecordFailingAfterTheStopBeganIsHeldBackNotPassedOnForDeadLettering() throws Exception {
        RecordInFlight record = startRecord();

        CompletableFuture<Integer> drain = beginStop();
        // what a closing session factory does to the record in flight
        record.processing.fail(new IllegalStateException("EntityManagerFactory is closed"));

        assertThat(drain.get(10, TimeUnit.SECONDS)).as("records still in flight when the drain ended").isZero();
        record.outcome.assertNotTerminated();
        assertThat(heldBack).containsExactly("EntityManagerFactory is closed");
    }

    @Test
    void aRecordInFlightWhenTheStopBeginsFinishesAndTheDrainWaitsForIt() throws Exception {
        RecordInFlight record = startRecord();

        CompletableFuture<Integer> drain = beginStop();
        assertThat(drain).as("the drain waits for the record in flight").isNotDone();
        record.processing.complete("graded");

        assertThat(drain.get(10, TimeUnit.SECONDS)).isZero();
        record.outcome.assertCompleted().assertItem("graded");
        assertThat(heldBack).isEmpty();
    }

    @Test
    void theDrainGivesUpAfterItsTimeoutAndSaysHowManyAreLeft() throws Exception {
        retry.run(() -> Uni.createFrom().<String>emitter(emitter -> { })).subscribe().withSubscriber(UniAssertSubscriber.create());

        assertThat(stop.inFlight()).isEqualTo(1);
        assertThat(stop.beginAndDrain(Duration.ofMillis(50))).isEqualTo(1);
    }

    @Test
    void anOutageIsNotWaitedOutOnceTheStopBegan() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        UniAssertSubscriber<String> record = retry.run(() -> {
            if (attempts.incrementAndGet() == 3) {
                drain(Duration.ZERO); // the stop begins while the database is away
            }
            return Uni.createFrom().<String>failure(new ConnectException("Connection refused"));
        }).subscribe().withSubscriber(UniAssertSubscriber.create());

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> heldBack.size() == 1);
        assertThat(attempts).hasValue(3);
        assertThat(outages).hasSize(2);
        assertThat(heldBack).containsExactly("Connection refused");
        record.assertNotTerminated();
        assertThat(stop.inFlight()).isZero();
    }

    @Test
    void withoutAStopFailuresArePassedOnAsBefore() {
        UniAssertSubscriber<String> record = retry.run(() -> Uni.createFrom().<String>failure(
                new IllegalArgumentException("MALFORMED_EVENT"))).subscribe().withSubscriber(UniAssertSubscriber.create());

        record.assertFailedWith(IllegalArgumentException.class, "MALFORMED_EVENT");
        assertThat(heldBack).isEmpty();
        assertThat(stop.inFlight()).isZero();
    }

    /** A record whose processing has started and ends when the test says so. */
    private record RecordInFlight(UniEmitter<? super String> processing, UniAssertSubscriber<String> outcome) {
    }

    private RecordInFlight startRecord() throws Exception {
        CompletableFuture<UniEmitter<? super String>> running = new CompletableFuture<>();
        UniAssertSubscriber<String> outcome = retry.run(() -> Uni.createFrom().<String>emitter(running::complete))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        return new RecordInFlight(running.get(10, TimeUnit.SECONDS), outcome);
    }

    /** The shutdown thread's part: begins the stop and drains, in the background; returns once the stop has begun. */
    private CompletableFuture<Integer> beginStop() {
        CompletableFuture<Integer> drain = CompletableFuture.supplyAsync(() -> drain(Duration.ofSeconds(30)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(stop::hasBegun);
        return drain;
    }

    private int drain(Duration timeout) {
        try {
            return stop.beginAndDrain(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
