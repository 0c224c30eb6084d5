package org.toxwatch.ctcae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only CTCAE reference folder beside the project ({@code ../shared/reference/ctcae/}), found from the
 * {@code toxwatch.project.dir} system property Surefire sets, falling back to {@code /work/shared}. Tests that need
 * it skip (Assumptions) when it is absent, e.g. in a bare checkout.
 */
public final class SharedReference {

    private SharedReference() {
    }

    public static Optional<Path> ctcaeFile(String name) {
        List<Path> candidates = new ArrayList<>();
        String projectDir = System.getProperty("toxwatch.project.dir");
        if (projectDir != null && !projectDir.isBlank()) {
            candidates.add(Path.of(projectDir, "..", "shared", "reference", "ctcae", name));
        }
        candidates.add(Path.of("/work/shared/reference/ctcae", name));
        return candidates.stream().map(Path::normalize).filter(Files::isRegularFile).findFirst();
    }

    /** Rows of an RFC 4180 CSV file (quoted fields may hold commas, quotes and newlines), keyed by header. */
    public static List<Map<String, String>> readCsv(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> records = parse(text);
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < record.size() ? record.get(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
