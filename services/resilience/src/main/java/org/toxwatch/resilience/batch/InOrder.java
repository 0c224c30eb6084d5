package org.toxwatch.resilience.batch;

import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The inputs of a batch taken one after another, in order, as the batch consumers need it. */
public final class InOrder {

    private InOrder() {
    }

    /**
     * One step per item, each subscribed after the previous one completed. A Multi, not a chain of Unis built in a loop:
     * a batch-long chain that completes synchronously nests one call per step and overflowed the stack at 500 records.
     */
    public static <T> Uni<Void> each(List<T> items, Function<T, Uni<Void>> step) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(item -> step.apply(item))
                .collect().last().replaceWithVoid();
    }
}
