package org.toxwatch.testsupport.hostile;

import java.util.List;
import java.util.Set;

/**
 * One hostile case for a Kafka entry point: one key (unique to the case, so every outcome is traced back to it) and
 * one or more payloads sent in order under it, each with the outcomes it may have ({@link Outcomes}): accepted,
 * absorbed as a duplicate, or dead-lettered with a reason code. Outcomes of one case are matched in any order.
 */
public record HostileRecord(String family, String key, String description, List<String> payloads,
        List<Set<String>> outcomes) {

    public HostileRecord {
        payloads = List.copyOf(payloads);
        outcomes = List.copyOf(outcomes);
        if (payloads.size() != outcomes.size()) {
            throw new IllegalArgumentException("one set of outcomes per payload: " + description);
        }
    }

    public static HostileRecord single(String family, String key, String description, String payload,
            Set<String> outcomes) {
        return new HostileRecord(family, key, description, List.of(payload), List.of(outcomes));
    }

    public String excerpt() {
        return HostileJson.excerpt(payloads.get(0), 300);
    }
}
