package org.toxwatch.testsupport.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OutcomesTest {

    @Test
    void outcomesMatchPayloadsInAnyOrder() {
        List<Set<String>> allowed = List.of(Outcomes.accepted(), Set.of(Outcomes.DUPLICATE, "OUTDATED_VERSION"));
        assertTrue(Outcomes.match(allowed, List.of("OUTDATED_VERSION", Outcomes.ACCEPTED)));
        assertTrue(Outcomes.match(allowed, List.of(Outcomes.ACCEPTED, Outcomes.DUPLICATE)));
        assertFalse(Outcomes.match(allowed, List.of(Outcomes.ACCEPTED, Outcomes.ACCEPTED)));
        assertFalse(Outcomes.match(allowed, List.of(Outcomes.ACCEPTED)));
    }

    @Test
    void theCodeIsWhatTheReasonStartsWith() {
        assertEquals("MALFORMED_JSON", Outcomes.code("MALFORMED_JSON: unexpected end of input"));
        assertEquals("NO_REASON", Outcomes.code(null));
    }

    @Test
    void accountingTellsDuplicatesFromMissingOutcomes() {
        HostileRecord twice = new HostileRecord("duplicate", "k1", "sent twice", List.of("a", "a"),
                List.of(Outcomes.accepted(), Outcomes.duplicate()));
        HostileRecord bad = HostileRecord.single("truncated", "k2", "cut", "{", Outcomes.deadLettered("MALFORMED_JSON"));
        Accounting right = new Accounting(List.of(twice, bad), Map.of("k1", 1), Map.of("k2", List.of("MALFORMED_JSON: x")));
        assertTrue(right.problems(10).isEmpty());
        assertEquals(3, right.inputs());
        assertEquals(1, right.remainder());
        assertEquals(Map.of("MALFORMED_JSON", 1L), right.deadLetteredByCode());

        Accounting lost = new Accounting(List.of(twice, bad), Map.of("k1", 1), Map.of());
        assertEquals(1, lost.problems(10).count(), "the truncated input is unaccounted for");
    }

    @Test
    void prometheusCountersAreSummedByLabel() {
        PrometheusText text = PrometheusText.parse("""
                # HELP toxwatch_dead_letters_total
                toxwatch_dead_letters_total{reason="MALFORMED_JSON",service="a"} 3.0
                toxwatch_dead_letters_total{reason="UNKNOWN_CODE",service="a"} 2.0
                toxwatch_dead_letters_total{reason="MALFORMED_JSON",service="b"} 5.0
                http_server_requests_seconds_count{method="POST",status="400",uri="/x"} 7.0
                """);
        assertEquals(Map.of("MALFORMED_JSON", 3L, "UNKNOWN_CODE", 2L),
                text.sumBy("toxwatch_dead_letters_total", Map.of("service", "a"), "reason"));
        assertEquals(7, text.sum("http_server_requests_seconds_count", Map.of("uri", "/x")));
        assertEquals(Map.of("A", 1L, "B", -2L), PrometheusText.delta(Map.of("A", 1L, "B", 2L, "C", 0L),
                Map.of("A", 2L, "C", 0L)));
    }
}
