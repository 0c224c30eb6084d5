package org.toxwatch.testsupport.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every input of a Kafka run ended up, case by case: accepted (seen in the entry point's output), dead-lettered
 * (seen on its dead-letter topic, by reason code) or, for what remains, absorbed as a duplicate. The suites then check
 * the duplicates against the service's own count, so the three add up exactly or the run fails.
 */
public final class Accounting {

    private final List<HostileRecord> cases;
    private final Map<String, Integer> acceptedByKey;
    private final Map<String, List<String>> reasonsByKey;

    /**
     * @param acceptedByKey inputs accepted per case key (each accepted input counted once, however often re-published)
     * @param reasonsByKey  dead-letter reasons per case key, as the dead-letter records carry them
     */
    public Accounting(List<HostileRecord> cases, Map<String, Integer> acceptedByKey, Map<String, List<String>> reasonsByKey) {
        this.cases = cases;
        this.acceptedByKey = acceptedByKey;
        this.reasonsByKey = reasonsByKey;
    }

    public long inputs() {
        return cases.stream().mapToLong(c -> c.payloads().size()).sum();
    }

    public long accepted() {
        return cases.stream().mapToLong(c -> acceptedByKey.getOrDefault(c.key(), 0)).sum();
    }

    public long deadLettered() {
        return cases.stream().mapToLong(c -> reasonsByKey.getOrDefault(c.key(), List.of()).size()).sum();
    }

    /** The dead-letter reasons of one case. */
    public List<String> reasonsOf(String key) {
        return reasonsByKey.getOrDefault(key, List.of());
    }

    /** Dead letters of this run by reason code. */
    public Map<String, Long> deadLetteredByCode() {
        Map<String, Long> byCode = new TreeMap<>();
        cases.forEach(c -> reasonsByKey.getOrDefault(c.key(), List.of())
                .forEach(reason -> byCode.merge(Outcomes.code(reason), 1L, Long::sum)));
        return byCode;
    }

    /** Inputs neither accepted nor dead-lettered: the duplicates, if every input is accounted for. */
    public long remainder() {
        return inputs() - accepted() - deadLettered();
    }

    /** Cases whose outcomes are not the ones they may have, described (at most {@code max}), and how many in all. */
    public Problems problems(int max) {
        List<String> described = new ArrayList<>();
        Map<String, Long> byKind = new TreeMap<>();
        for (HostileRecord c : cases) {
            int accepted = acceptedByKey.getOrDefault(c.key(), 0);
            List<String> reasons = reasonsByKey.getOrDefault(c.key(), List.of());
            List<String> actual = new ArrayList<>();
            for (int i = 0; i < accepted; i++) {
                actual.add(Outcomes.ACCEPTED);
            }
            reasons.forEach(reason -> actual.add(Outcomes.code(reason)));
            int rest = c.payloads().size() - actual.size();
            for (int i = 0; i < rest; i++) {
                actual.add(Outcomes.DUPLICATE);
            }
            if (!Outcomes.match(c.outcomes(), actual)) {
                byKind.merge(c.family() + " expected " + c.outcomes() + " got " + actual, 1L, Long::sum);
                if (described.size() < max) {
                    described.add(c.key() + " [" + c.family() + ": " + c.description() + "] expected " + c.outcomes()
                            + " but got " + actual + (reasons.isEmpty() ? "" : " " + shortened(reasons))
                            + "; input: " + c.excerpt());
                }
            }
        }
        return new Problems(described, byKind);
    }

    /** Wrong cases: the first few described, and all of them counted by family and outcome. */
    public record Problems(List<String> described, Map<String, Long> byKind) {

        public boolean isEmpty() {
            return byKind.isEmpty();
        }

        public long count() {
            return byKind.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<String> shortened(List<String> reasons) {
        return reasons.stream().map(r -> HostileJson.excerpt(r, 200)).toList();
    }
}
