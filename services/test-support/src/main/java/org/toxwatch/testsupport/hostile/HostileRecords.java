package org.toxwatch.testsupport.hostile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The cases of one Kafka entry point's hostile-input run, drawn from one seeded {@link HostileJson}: what every
 * entry point's generator does alike. Each case gets its own key (a prefix naming the entry point and the run, then a
 * number), so every outcome is traced back to it; the families that only cut short or nest a valid message are the
 * same everywhere. What a service decides about the rest stays in its own generator.
 */
public abstract class HostileRecords {

    protected final HostileJson hostile;
    private final String prefix;
    private int next;

    protected HostileRecords(long seed, String prefix) {
        this.hostile = new HostileJson(seed);
        this.prefix = prefix;
    }

    /** What every key of this run starts with. */
    public String prefix() {
        return prefix;
    }

    protected String nextKey() {
        return prefix + next++;
    }

    /** Cases drawn one after another until they hold at least {@code inputs} payloads. */
    protected static List<HostileRecord> atLeast(int inputs, Supplier<HostileRecord> draw) {
        List<HostileRecord> cases = new ArrayList<>();
        int payloads = 0;
        while (payloads < inputs) {
            HostileRecord c = draw.get();
            cases.add(c);
            payloads += c.payloads().size();
        }
        return cases;
    }

    /** A valid message for a new key ({@code valid} makes it from the key), cut short somewhere. */
    protected HostileRecord truncated(Function<String, ObjectNode> valid, Set<String> expected) {
        String key = nextKey();
        HostileJson.Cut cut = hostile.truncated(hostile.write(valid.apply(key)));
        return HostileRecord.single("truncated", key, cut.describe(), cut.text(), expected);
    }

    /** A valid message for a new key with a value nested thousands of levels deep. */
    protected HostileRecord deepNesting(Function<String, ObjectNode> valid, Set<String> expected) {
        String key = nextKey();
        HostileJson.Nested nested = hostile.deeplyNested(valid.apply(key));
        return HostileRecord.single("deep nesting", key, nested.description(), nested.text(), expected);
    }

    /**
     * A payload that is no message at all: JSON null, an array, a number, a string ({@code text}), nothing, or an
     * empty object, which is the only one a reader may see as a message with every member missing.
     */
    protected HostileRecord notAMessage(String family, String text, String malformed, String emptyObject) {
        String key = nextKey();
        record Variant(String payload, Set<String> expected) {
        }
        Variant variant = hostile.pick(List.of(new Variant("null", Set.of(malformed)), new Variant("[]", Set.of(malformed)),
                new Variant("42", Set.of(malformed)), new Variant("\"" + text + "\"", Set.of(malformed)),
                new Variant("", Set.of(malformed)), new Variant("{}", Set.of(emptyObject))));
        return HostileRecord.single(family, key, "'" + variant.payload() + "'", variant.payload(), variant.expected());
    }

    /** Payloads sent in order under one key. */
    protected HostileRecord inOrder(String family, String key, String description, List<ObjectNode> payloads,
            List<Set<String>> expected) {
        return new HostileRecord(family, key, description, payloads.stream().map(hostile::write).toList(), expected);
    }

    /**
     * Whether a JSON number is of a size the services keep: zero, or at least 10^-18 and below 10^18 in magnitude
     * (their columns and checks stop there).
     */
    protected static boolean measurable(String token) {
        BigDecimal number = new BigDecimal(token);
        long exponent = number.signum() == 0 ? 0 : (long) number.precision() - number.scale() - 1;
        return number.signum() == 0 || exponent < 18 && exponent >= -18;
    }
}
