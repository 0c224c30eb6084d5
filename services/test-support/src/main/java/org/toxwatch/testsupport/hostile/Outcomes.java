package org.toxwatch.testsupport.hostile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The outcomes of an input at a Kafka entry point, and the check that a case's actual outcomes are the ones it may
 * have. Besides {@link #ACCEPTED} and {@link #DUPLICATE}, an outcome is the code a dead-letter reason starts with.
 */
public final class Outcomes {

    /** Processed: stored, published, graded, whatever the entry point does with a good input. */
    public static final String ACCEPTED = "ACCEPTED";
    /** A repeat of an input already processed, absorbed and counted as such. */
    public static final String DUPLICATE = "DUPLICATE";

    private Outcomes() {
    }

    public static Set<String> accepted() {
        return Set.of(ACCEPTED);
    }

    public static Set<String> duplicate() {
        return Set.of(DUPLICATE);
    }

    public static Set<String> deadLettered(String... codes) {
        return Set.of(codes);
    }

    /** Either outcomes: for an input a service may take or refuse. */
    public static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** The code a dead-letter reason starts with: the text before the first colon. */
    public static String code(String reason) {
        if (reason == null) {
            return "NO_REASON";
        }
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    /** Whether {@code actual} can be matched one to one to the payloads, each outcome to a payload that allows it. */
    public static boolean match(List<Set<String>> allowed, List<String> actual) {
        if (allowed.size() != actual.size()) {
            return false;
        }
        return assign(allowed, new ArrayList<>(actual), new HashSet<>(), 0);
    }

    private static boolean assign(List<Set<String>> allowed, List<String> actual, Set<Integer> used, int next) {
        if (next == allowed.size()) {
            return true;
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!used.contains(i) && allowed.get(next).contains(actual.get(i))) {
                used.add(i);
                if (assign(allowed, actual, used, next + 1)) {
                    return true;
                }
                used.remove(i);
            }
        }
        return false;
    }
}
