package org.toxwatch.regimens;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The reference tables in shared/reference/dose-rules, read so a rule's csvLine can be looked up: both files keep one
 * record per physical line, so record N is line N, which the line-number citations rely on.
 */
final class ReferenceCsv {

    private final List<List<String>> lines;

    private ReferenceCsv(List<List<String>> lines) {
        this.lines = lines;
    }

    static ReferenceCsv doseRules(String fileName) {
        Path file = sharedFolder().resolve("reference/dose-rules").resolve(fileName);
        try {
            var records = new ArrayList<List<String>>();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    CSVParser parser = CSVFormat.RFC4180.parse(reader)) {
                for (CSVRecord record : parser) {
                    records.add(record.toList());
                }
            }
            return new ReferenceCsv(records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record on 1-based line {@code number} (line 1 is the header). */
    List<String> line(int number) {
        if (number < 1 || number > lines.size()) {
            throw new AssertionError("no line " + number + " (the file has " + lines.size() + ")");
        }
        return lines.get(number - 1);
    }

    /**
     * shared/ sits beside the project: found by walking up from the module folder, or named by the system property
     * {@code toxwatch.shared.dir}. Missing reference material fails the test rather than skipping it.
     */
    private static Path sharedFolder() {
        String configured = System.getProperty("toxwatch.shared.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isRegularFile(candidate.resolve("reference/dose-rules/rules.csv"))) {
                return candidate;
            }
        }
        throw new AssertionError("shared/reference/dose-rules not found above " + Path.of("").toAbsolutePath()
                + "; set -Dtoxwatch.shared.dir");
    }
}
