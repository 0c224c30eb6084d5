package org.toxwatch.cli.fhir;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.toxwatch.cli.grading.GradedRow;

import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes graded rows as NDJSON: one JSON object per line, with the same fields as the CSV output. Numbers are JSON
 * numbers written in plain decimal notation; missing values are null.
 */
public final class GradingsNdjson implements Flushable {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final Writer out;

    public GradingsNdjson(Writer out) {
        this.out = out;
    }

    public void write(List<GradedRow> rows) throws IOException {
        for (GradedRow row : rows) {
            ObjectNode line = JSON.createObjectNode();
            line.put("id", row.id());
            line.put("term", row.term());
            line.put("ctcae_version", row.ctcaeVersion());
            line.put("grade", row.grade());
            line.put("status", row.status().name());
            line.put("explanation", row.explanation());
            line.put("analyte", row.analyte());
            line.put("value", exact(row.value()));
            line.put("unit", row.unit());
            line.put("lln", exact(row.lowerLimit()));
            line.put("uln", exact(row.upperLimit()));
            line.put("baseline", exact(row.baseline()));
            line.put("band", row.band() == null ? null : row.bandInterval());
            line.put("band_basis", row.band() == null ? null : row.bandBasis());
            line.put("row", row.row());
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    private static BigDecimal exact(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
