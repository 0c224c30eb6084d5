package org.toxwatch.testsupport.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class HostileJsonTest {

    private static final String VALID = "{\"id\":\"a-1\",\"value\":3.5,\"items\":[{\"n\":1},{\"n\":2}],\"ok\":true}";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSameSeedGivesTheSameInputs() {
        assertEquals(draw(42), draw(42));
        assertNotEquals(draw(42), draw(43));
    }

    private List<String> draw(long seed) {
        HostileJson hostile = new HostileJson(seed);
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ObjectNode tree = hostile.read(VALID);
            drawn.add(hostile.wrongType(tree).describe());
            drawn.add(hostile.truncated(VALID).text());
            drawn.add(hostile.absurdNumber());
        }
        return drawn;
    }

    @Test
    void aTruncatedMessageIsNeverValidJson() {
        HostileJson hostile = new HostileJson(7);
        for (int i = 0; i < 200; i++) {
            String cut = hostile.truncated(VALID).text();
            assertTrue(cut.length() < VALID.length());
            assertThrows(JsonProcessingException.class, () -> json.readTree(cut).toString().length(), cut);
        }
    }

    @Test
    void aWrongTypeChangesTheTypeOfExactlyOneValue() {
        HostileJson hostile = new HostileJson(11);
        for (int i = 0; i < 200; i++) {
            ObjectNode tree = hostile.read(VALID);
            ObjectNode original = tree.deepCopy();
            HostileJson.WrongType changed = hostile.wrongType(tree);
            assertNotEquals(original.at(changed.path()).getNodeType(), tree.at(changed.path()).getNodeType(),
                    changed.describe());
            HostileJson.replaceAt(tree, changed.path(), original.at(changed.path()));
            assertEquals(original, tree, "nothing else changed: " + changed.describe());
        }
    }

    @Test
    void paddingGivesExactlyTheSizeAsked() {
        HostileJson hostile = new HostileJson(1);
        String padded = hostile.padded(hostile.read(VALID), "padding", 100_000);
        assertEquals(100_000, padded.getBytes(StandardCharsets.UTF_8).length);
        assertThrows(IllegalArgumentException.class, () -> hostile.padded(hostile.read(VALID), "padding", 10));
    }

    @Test
    void deepNestingIsBeyondTheParsersLimit() {
        HostileJson hostile = new HostileJson(3);
        for (int i = 0; i < 20; i++) {
            HostileJson.Nested nested = hostile.deeplyNested(hostile.read(VALID));
            assertThrows(Exception.class, () -> json.readTree(nested.text()), nested.description());
        }
    }

    @Test
    void rawTokensAreWrittenUnquoted() {
        HostileJson hostile = new HostileJson(5);
        ObjectNode tree = hostile.read(VALID).put("value", HostileJson.RAW);
        assertTrue(hostile.writeWithRaw(tree, "NaN").contains("\"value\":NaN"));
    }
}
