package org.toxwatch.resilience.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class InListTest {

    @Test
    void countsArePaddedToThePowerOfTwoAtOrAboveThem() {
        assertThat(IntStream.of(1, 2, 3, 4, 5, 8, 9, 100, 128, 129, 250).map(InList::paddedSize).toArray())
                .containsExactly(1, 2, 4, 4, 8, 8, 16, 128, 128, 256, 256);
    }

    @Test
    void thePaddingRepeatsTheLastValue() {
        Map<String, Object> parameters = new LinkedHashMap<>();

        String placeholders = InList.of("key", List.of("a", "b", "c"), parameters);

        assertThat(placeholders).isEqualTo("(:key0, :key1, :key2, :key3)");
        assertThat(parameters).containsExactly(Map.entry("key0", "a"), Map.entry("key1", "b"), Map.entry("key2", "c"),
                Map.entry("key3", "c"));
    }

    @Test
    void batchesOfDifferentSizesShareAQueryTextWhenTheyPadAlike() {
        String five = InList.of("id", List.of(1, 2, 3, 4, 5), new LinkedHashMap<>());
        String seven = InList.of("id", List.of(1, 2, 3, 4, 5, 6, 7), new LinkedHashMap<>());

        assertThat(five).isEqualTo(seven);
    }

    @Test
    void anEmptyListIsTheCallersCase() {
        assertThatThrownBy(() -> InList.of("id", List.of(), new LinkedHashMap<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    }
}
