package org.toxwatch.resilience.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

    @Test
    void theReasonAndThePositionComeFirstThenTheInputsOwnHeaders() {
        Headers original = new RecordHeaders().add("ce_id", "abc".getBytes(StandardCharsets.UTF_8));

        Headers headers = DeadLetterHeaders.of(new IllegalArgumentException("UNKNOWN_CODE: 2345-7"),
                "lab.observations.fhir.v1", 3, 42L, original);

        assertThat(keys(headers)).containsExactly("dead-letter-exception-class-name", "dead-letter-reason",
                "dead-letter-topic", "dead-letter-partition", "dead-letter-offset", "ce_id");
        assertThat(value(headers, "dead-letter-reason")).isEqualTo("UNKNOWN_CODE: 2345-7");
        assertThat(value(headers, "dead-letter-exception-class-name")).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(value(headers, "dead-letter-topic")).isEqualTo("lab.observations.fhir.v1");
        assertThat(value(headers, "dead-letter-partition")).isEqualTo("3");
        assertThat(value(headers, "dead-letter-offset")).isEqualTo("42");
        assertThat(value(headers, "ce_id")).isEqualTo("abc");
    }

    @Test
    void aCauseIsNamedAndAFailureWithoutAMessageStillGivesAReason() {
        Headers headers = DeadLetterHeaders.of(new IllegalStateException(new NullPointerException()), "t", 0, 7L, null);

        assertThat(value(headers, "dead-letter-cause-class-name")).isEqualTo("java.lang.NullPointerException");
        assertThat(value(headers, "dead-letter-cause")).isEqualTo("java.lang.NullPointerException");
        assertThat(value(headers, "dead-letter-reason")).isEqualTo("java.lang.NullPointerException");
    }

    private static List<String> keys(Headers headers) {
        List<String> keys = new ArrayList<>();
        for (Header header : headers) {
            keys.add(header.key());
        }
        return keys;
    }

    private static String value(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
