package org.toxwatch.resilience.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class InOrderTest {

    @Test
    void takesEveryItemOnceInOrderEvenWhenEveryStepCompletesAtOnce() {
        List<Integer> items = IntStream.range(0, 20_000).boxed().toList();
        List<Integer> taken = new ArrayList<>();

        InOrder.each(items, item -> Uni.createFrom().voidItem().invoke(() -> taken.add(item))).await().indefinitely();

        assertThat(taken).isEqualTo(items);
    }

    @Test
    void aFailingStepStopsTheRest() {
        List<Integer> taken = new ArrayList<>();

        Uni<Void> all = InOrder.each(List.of(1, 2, 3), item -> item == 2
                ? Uni.createFrom().failure(new IllegalStateException("step 2"))
                : Uni.createFrom().voidItem().invoke(() -> taken.add(item)));

        assertThatThrownBy(() -> all.await().indefinitely()).hasMessage("step 2");
        assertThat(taken).containsExactly(1);
    }
}
