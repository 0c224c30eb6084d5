package org.toxwatch.testsupport.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile JSON for the hostile-input suites (issue 6 item 3), every choice drawn from one seeded {@link Random}: the
 * same seed gives the same inputs. The mutations are the same for every entry point, applied to the entry point's own
 * valid messages (the contract's examples): cut short, a field of another JSON type, nesting far beyond any parser's
 * limit, numbers no JSON reader should take as they are, absurd dates, texts and sizes.
 * <p>
 * Not thread-safe: one generator per suite, used from the test thread.
 */
public final class HostileJson {

    /** Deeper than any parser allows (Jackson stops at 1,000 by default). */
    public static final int DEEP = 10_000;
    /** A placeholder for a token written raw (not as a JSON string), see {@link #writeWithRaw}. */
    public static final String RAW = "__RAW_TOKEN__";

    /**
     * Numbers a careful reader refuses or must bound: not JSON at all (NaN, Infinity), JSON but beyond a double,
     * written out in full a billion digits (1e999999999), or longer than Jackson reads (2,001 digits).
     */
    public static final List<String> ABSURD_NUMBERS = List.of("NaN", "Infinity", "-Infinity", "-1", "-0.001", "-1e308",
            "1e308", "1.7976931348623157E308", "4.9E-324", "1e999999999", "-1e999999999", "1e-999999999",
            "1" + "0".repeat(2000));
    /** Of those, the ones that are not JSON numbers at all (any parser refuses them). */
    public static final List<String> NOT_JSON_NUMBERS = List.of("NaN", "Infinity", "-Infinity", "1" + "0".repeat(2000));

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;
    private final ObjectMapper json = new ObjectMapper();

    public HostileJson(long seed) {
        this.random = new Random(seed);
    }

    // --- drawing ---------------------------------------------------------------------------------------------------

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    /** True with the given chance in percent. */
    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    @SafeVarargs
    public final <T> T pickOf(T... items) {
        return items[random.nextInt(items.length)];
    }

    public String randomText(int length, String alphabet) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    // --- reading and writing -------------------------------------------------------------------------------------------

    public ObjectNode read(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object: " + excerpt(text, 200), e);
        }
    }

    public String write(JsonNode tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tree written out with {@code token} in place of the string {@value #RAW}, unquoted: NaN, 1e999999999, ... */
    public String writeWithRaw(JsonNode tree, String token) {
        return write(tree).replace("\"" + RAW + "\"", token);
    }

    /**
     * The tree written out to exactly {@code bytes} bytes (UTF-8; ASCII padding) by a string member {@code member}
     * filled with 'z', which is added (or replaced) at the top level.
     */
    public String padded(ObjectNode tree, String member, int bytes) {
        ObjectNode copy = tree.deepCopy();
        copy.put(member, RAW);
        String template = write(copy);
        int fixed = template.getBytes(StandardCharsets.UTF_8).length - RAW.length();
        if (bytes < fixed) {
            throw new IllegalArgumentException("the message alone is " + fixed + " bytes, more than " + bytes);
        }
        return template.replace(RAW, "z".repeat(bytes - fixed));
    }

    // --- mutations -----------------------------------------------------------------------------------------------------

    /** Valid JSON cut at a random point: never complete, since a JSON object ends with its closing brace. */
    public Cut truncated(String whole) {
        int at = 1 + random.nextInt(whole.length() - 1);
        return new Cut(whole.substring(0, at), at, whole.length());
    }

    public record Cut(String text, int at, int of) {

        public String describe() {
            return "cut at " + at + " of " + of;
        }
    }

    /** One value anywhere in the tree (an object member or an array element, at any depth) replaced by another type. */
    public WrongType wrongType(ObjectNode tree) {
        List<String> paths = paths(tree);
        String path = pick(paths);
        JsonNode original = tree.at(path);
        JsonNode replacement = otherType(original);
        replaceAt(tree, path, replacement);
        return new WrongType(path, original, replacement);
    }

    /** Where a value was replaced (a JSON pointer), what it was and what replaced it. */
    public record WrongType(String path, JsonNode original, JsonNode replacement) {

        /** The top-level member the replaced value sits in. */
        public String member() {
            return path.substring(1).split("/")[0].replace("~1", "/").replace("~0", "~");
        }

        /** The name of the member or the index of the element replaced. */
        public String last() {
            return path.substring(path.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
        }

        public String describe() {
            return path + " = " + excerpt(String.valueOf(replacement), 60);
        }
    }

    /** A value of another JSON type than {@code original}'s. */
    public JsonNode otherType(JsonNode original) {
        while (true) {
            JsonNode candidate = switch (random.nextInt(10)) {
                case 0 -> NODES.numberNode(random.nextInt(2000) - 1000);
                case 1 -> NODES.numberNode(random.nextDouble() * 1e6);
                case 2 -> NODES.textNode(randomText(random.nextInt(12), "abcxyz0123456789-./ "));
                case 3 -> NODES.textNode(String.valueOf(random.nextInt(5)));
                case 4 -> NODES.booleanNode(random.nextBoolean());
                case 5 -> NODES.nullNode();
                case 6 -> NODES.objectNode();
                case 7 -> NODES.objectNode().put("value", "unexpected");
                case 8 -> NODES.arrayNode();
                default -> NODES.arrayNode().add(1).add("a");
            };
            if (candidate.getNodeType() != original.getNodeType()) {
                return candidate;
            }
        }
    }

    /** Nesting {@value #DEEP} levels deep, alone or inside a valid message. */
    public Nested deeplyNested(ObjectNode valid) {
        String deepArrays = "[".repeat(DEEP) + "]".repeat(DEEP);
        return switch (random.nextInt(4)) {
            case 0 -> new Nested(DEEP + " nested arrays", deepArrays);
            case 1 -> new Nested(DEEP + " nested arrays in an extra member", withMember(valid, "\"extra\": " + deepArrays));
            case 2 -> new Nested(DEEP + " nested objects in an extra member", withMember(valid,
                    "\"extra\": " + "{\"a\": ".repeat(DEEP) + "1" + "}".repeat(DEEP)));
            default -> new Nested(DEEP + " unclosed arrays", "[".repeat(DEEP));
        };
    }

    public record Nested(String description, String text) {
    }

    /** The object written out with one more member first, as text (a tree could not hold what the member holds). */
    public String withMember(ObjectNode tree, String member) {
        return "{" + member + ", " + write(tree).substring(1);
    }

    /** A number token from {@link #ABSURD_NUMBERS}. */
    public String absurdNumber() {
        return pick(ABSURD_NUMBERS);
    }

    /**
     * Date-times a careful reader refuses or bounds: beyond the year 9999 or 999,999,999, in the far past, not a
     * date-time at all, a bare date, trailing junk, impossible fields; each with a short description.
     */
    public String absurdDateTime(Instant now) {
        return pickOf("+1000000000-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "10000-01-01T00:00:00Z",
                now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString(), "0001-01-01T00:00:00Z",
                "1850-06-01T08:00:00Z", "2026-02-04", "yesterday", "2026-13-45T99:00:00Z", "2026-01-26T07:30:00Zjunk", "");
    }

    /** Dates (no time) a careful reader refuses or bounds. */
    public String absurdDate() {
        return pickOf("+999999999-12-31", "9999-12-31", "0001-01-01", "1850-06-01", "2026-02-30", "2026-13-01",
                "yesterday", "2026-01-05T00:00:00Z", "");
    }

    /**
     * Text that is valid JSON but hostile where an id, a code or a name is expected: empty, blank, control characters,
     * a megabyte's worth, a JSON string of JSON, markup, SQL.
     */
    public String absurdText() {
        return pickOf("", "   ", "\u0000", "a\nb", "x".repeat(10_000), "\u202Eevil", "null", "{\"a\": 1}",
                "<script>alert(1)</script>", "'; DROP TABLE x; --", "\uD83D\uDC80", "../../etc/passwd");
    }

    // --- tree paths ------------------------------------------------------------------------------------------------------

    /** JSON pointers to every value below the root, depth first. */
    public static List<String> paths(JsonNode root) {
        List<String> paths = new ArrayList<>();
        collect(root, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String path, List<String> paths) {
        if (!path.isEmpty()) {
            paths.add(path);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                collect(field.getValue(), path + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, paths);
            }
        }
    }

    /** Replaces the value at a JSON pointer (an object member or an array element). */
    public static void replaceAt(ObjectNode root, String path, JsonNode value) {
        int slash = path.lastIndexOf('/');
        JsonNode parent = slash == 0 ? root : root.at(path.substring(0, slash));
        String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            throw new IllegalArgumentException("no object or array above " + path);
        }
    }

    /** At most {@code length} characters of a text, saying how long it was when cut. */
    public static String excerpt(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        return text.substring(0, length) + "… (" + text.length() + " characters)";
    }
}
