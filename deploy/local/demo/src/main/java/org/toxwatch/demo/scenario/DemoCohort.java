package org.toxwatch.demo.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A scenario: treatment courses (JSON, as PUT to the dose-advisor) and lab results (CSV) in effective-time order. */
public record DemoCohort(List<Course> courses, List<LabResultRow> labs) {

    /** A course as sent to the REST API. */
    public record Course(String courseId, String patientId, String json) {
    }

    public static DemoCohort load(Path coursesJson, Path labsCsv) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            List<Course> courses = new ArrayList<>();
            for (JsonNode course : mapper.readTree(coursesJson.toFile())) {
                courses.add(new Course(course.path("courseId").asText(), course.path("patientId").asText(), course.toString()));
            }
            return new DemoCohort(List.copyOf(courses), readLabs(labsCsv));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scenario", e);
        }
    }

    private static List<LabResultRow> readLabs(Path csv) throws IOException {
        List<LabResultRow> rows = new ArrayList<>();
        List<String> header = null;
        for (String line : Files.readAllLines(csv)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = List.of(line.split(",", -1));
            if (header == null) {
                header = cells;
                continue;
            }
            if (cells.size() != header.size()) {
                throw new IllegalArgumentException(csv + ": expected " + header.size() + " columns in: " + line);
            }
            List<String> h = header;
            java.util.function.Function<String, String> cell = name -> {
                int index = h.indexOf(name);
                if (index < 0) {
                    throw new IllegalArgumentException(csv + " has no column " + name);
                }
                return cells.get(index).trim();
            };
            rows.add(new LabResultRow(cell.apply("identifier"), cell.apply("patient"), Instant.parse(cell.apply("effective")),
                    cell.apply("loinc"), cell.apply("value"), cell.apply("unit"), cell.apply("low"), cell.apply("high")));
        }
        rows.sort(Comparator.comparing(LabResultRow::effectiveTime));
        return List.copyOf(rows);
    }
}
