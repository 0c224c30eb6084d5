package org.toxwatch.resilience.concurrency;

import java.util.function.Supplier;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Runs one record's reactive processing from the worker thread SmallRye hands it to, and waits for it.
 * <p>
 * A channel configured with {@code throttled.ordered=key} and consumed by a {@code @Blocking(ordered = false)} method
 * processes records of different patients (keys) at the same time and one patient's records strictly one after the
 * other; offsets are still committed only up to the last record processed without a gap. Processing one record at a
 * time left every service waiting on PostgreSQL and broker round trips (bench/README.md). The processing itself stays
 * reactive: Hibernate Reactive needs a Vert.x context, so each record gets a fresh duplicated context on an event
 * loop, and the worker thread only waits.
 */
public final class KeyOrderedProcessing {

    private KeyOrderedProcessing() {
    }

    /** Subscribes to {@code processing} on a Vert.x context and waits; its failure is thrown as it is (for the DLQ). */
    public static <T> T await(Supplier<Uni<T>> processing) {
        try {
            return VertxContextSupport.subscribeAndAwait(processing);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
