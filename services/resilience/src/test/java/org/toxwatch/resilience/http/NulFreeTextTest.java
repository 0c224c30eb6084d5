package org.toxwatch.resilience.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

class NulFreeTextTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(NulFreeText.jsonModule());

    record Hold(String patientId, String reason) {
    }

    @Test
    void aJsonStringWithANulIsRefusedWhereverItStands() {
        assertThatThrownBy(() -> mapper.readValue("{\"patientId\": \"p-1\", \"reason\": \"held\\u0000as advised\"}",
                Hold.class)).isInstanceOf(InvalidFormatException.class).hasMessageContaining("holds a NUL character");
        assertThatThrownBy(() -> mapper.readValue("[\"ok\", \"\\u0000\"]", String[].class))
                .isInstanceOf(InvalidFormatException.class);
    }

    @Test
    void otherTextIsReadAsJacksonReadsIt() throws Exception {
        assertThat(mapper.readValue("{\"patientId\": \"p-1\", \"reason\": \"held\\nas advised \\u202E\"}", Hold.class))
                .isEqualTo(new Hold("p-1", "held\nas advised \u202E"));
        assertThat(mapper.readValue("{\"patientId\": null}", Hold.class)).isEqualTo(new Hold(null, null));
    }

    @Test
    void aParameterWithANulAnywhereIsFound() {
        assertThat(NulFreeText.holdsNul(Map.of("ward", List.of("4B"), "patientId", List.of("p-1", "p\u0000-2")))).isTrue();
        assertThat(NulFreeText.holdsNul(Map.of("ward", List.of("4B", "\u202E"), "empty", List.of()))).isFalse();
        assertThat(NulFreeText.holdsNul(Map.of())).isFalse();
    }
}
