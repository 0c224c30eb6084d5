package org.toxwatch.cli.replay;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of JSON objects, either one JSON array of them or NDJSON (one object per line, blank lines skipped), each
 * with the line it starts on, so that a problem can be pointed at.
 */
final class JsonRecords {

    /** Decimals stay exact: thresholds such as 1.2 x10^9/L are compared as decimals by the rules. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    record Entry(JsonNode json, int line) {
    }

    private JsonRecords() {
    }

    static List<Entry> read(Path file) throws UnreadableInputException {
        String text = contents(file);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark some editors write
        }
        return text.stripLeading().startsWith("[") ? array(file, text) : lines(file, text);
    }

    private static String contents(Path file) throws UnreadableInputException {
        if (!Files.exists(file)) {
            throw new UnreadableInputException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new UnreadableInputException(file + ": it is a directory, not a file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new UnreadableInputException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new UnreadableInputException(file + ": " + e, e);
        }
    }

    private static List<Entry> lines(Path file, String text) throws UnreadableInputException {
        var entries = new ArrayList<Entry>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                throw new UnreadableInputException(file + " line " + (i + 1) + ": not JSON (" + e.getOriginalMessage() + ")", e);
            }
            if (!json.isObject()) {
                throw new UnreadableInputException(file + " line " + (i + 1) + ": not a JSON object");
            }
            entries.add(new Entry(json, i + 1));
        }
        return entries;
    }

    private static List<Entry> array(Path file, String text) throws UnreadableInputException {
        var entries = new ArrayList<Entry>();
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken(); // the opening bracket
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                int line = parser.currentTokenLocation().getLineNr();
                if (token == null) {
                    throw new UnreadableInputException(file + " line " + line + ": the JSON array is not closed");
                }
                if (token != JsonToken.START_OBJECT) {
                    throw new UnreadableInputException(file + " line " + line + ": array element " + (entries.size() + 1)
                            + " is not a JSON object");
                }
                entries.add(new Entry(JSON.readTree(parser), line));
            }
            if (parser.nextToken() != null) {
                throw new UnreadableInputException(file + " line " + parser.currentTokenLocation().getLineNr()
                        + ": text after the JSON array");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new UnreadableInputException(file + (at == null ? "" : " line " + at.getLineNr()) + ": not JSON ("
                    + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new UnreadableInputException(file + ": " + e, e);
        }
        return entries;
    }
}
