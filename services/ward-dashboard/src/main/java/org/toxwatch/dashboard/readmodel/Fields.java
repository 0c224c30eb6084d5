package org.toxwatch.dashboard.readmodel;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tolerant reading of our JSON messages: unknown fields are ignored, optional ones may be missing or null, and only a
 * field the read model cannot do without makes a record unreadable.
 */
public final class Fields {

    private final JsonNode node;

    private Fields(JsonNode node) {
        this.node = node;
    }

    public static Fields parse(ObjectMapper json, String payload, String what) {
        if (payload == null || payload.isBlank()) {
            throw new UnreadableRecord("EMPTY_RECORD", "no " + what + " in the record");
        }
        JsonNode node;
        try {
            node = json.readTree(payload);
        } catch (Exception e) {
            throw new UnreadableRecord("MALFORMED_JSON", "not a " + what + " message: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UnreadableRecord("MALFORMED_JSON", "a " + what + " message is a JSON object");
        }
        return new Fields(node);
    }

    public static Fields of(JsonNode node) {
        return new Fields(node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node);
    }

    public JsonNode node() {
        return node;
    }

    public Fields at(String field) {
        return new Fields(node.path(field));
    }

    public boolean present(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public String text(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    public String requiredText(String field) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            throw new UnreadableRecord("MISSING_FIELD", field + " is required");
        }
        return value;
    }

    public UUID uuid(String field) {
        String value = strictText(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new UnreadableRecord("INVALID_FIELD", field + " is not a UUID: " + shortened(value));
        }
    }

    public UUID requiredUuid(String field) {
        UUID value = uuid(field);
        if (value == null) {
            throw new UnreadableRecord("MISSING_FIELD", field + " is required");
        }
        return value;
    }

    public Integer integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        // an integer token within int's range: not 3.0, not 1e999999999 (which intValue() would read as 0)
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new UnreadableRecord("INVALID_FIELD", field + " is not an integer: " + shortened(value));
        }
        return value.intValue();
    }

    public int requiredInteger(String field) {
        Integer value = integer(field);
        if (value == null) {
            throw new UnreadableRecord("MISSING_FIELD", field + " is required");
        }
        return value;
    }

    public BigDecimal decimal(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new UnreadableRecord("INVALID_FIELD", field + " is not a number: " + shortened(value));
        }
        return value.decimalValue();
    }

    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asBoolean();
    }

    public Instant instant(String field) {
        String value = strictText(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                throw new UnreadableRecord("INVALID_FIELD", field + " is not an ISO-8601 time: " + shortened(value));
            }
        }
    }

    /**
     * Strict text for what is stored and keyed on: a JSON string (not a number or boolean read as text) of at most
     * {@code maxLength} characters, or null when absent.
     */
    public String boundedText(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new UnreadableRecord("INVALID_FIELD", field + " is not text: " + shortened(value));
        }
        if (value.asText().length() > maxLength) {
            throw new UnreadableRecord("INVALID_FIELD", field + " is " + value.asText().length()
                    + " characters long; at most " + maxLength);
        }
        return value.asText();
    }

    /** A JSON string, or null when absent or null; any other JSON type is refused, never read as text. */
    private String strictText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new UnreadableRecord("INVALID_FIELD", field + " is not text: " + shortened(value));
        }
        return value.asText();
    }

    private static String shortened(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 80 ? text : text.substring(0, 80) + "… (" + text.length() + " characters)";
    }

    public Instant requiredInstant(String field) {
        Instant value = instant(field);
        if (value == null) {
            throw new UnreadableRecord("MISSING_FIELD", field + " is required");
        }
        return value;
    }
}
