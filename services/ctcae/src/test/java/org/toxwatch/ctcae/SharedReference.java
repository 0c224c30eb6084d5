package org.toxwatch.ctcae;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

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
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = format.parse(reader)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                parser.getHeaderNames().forEach(name -> row.put(name, record.isSet(name) ? record.get(name) : ""));
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
