package org.toxwatch.cli.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.toxwatch.cli.grading.GradedRow;

import static org.toxwatch.cli.grading.GradedRow.plain;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes graded rows as RFC 4180 CSV. The first six columns are the batch contract (issue #3 item 9); the rest say
 * what the grade was measured on, in the analyte's canonical unit. A missing value is an empty cell.
 */
public final class GradingsCsv implements Closeable, Flushable {

    /** Contract columns first, then the detail columns; {@code row} is the 1-based data row of the input. */
    public static final List<String> HEADER = List.of("id", "term", "ctcae_version", "grade", "status", "explanation",
            "analyte", "value", "unit", "lln", "uln", "baseline", "band", "band_basis", "row");

    private final CSVPrinter printer;

    public GradingsCsv(Writer out) throws IOException {
        this.printer = CSVFormat.RFC4180.builder()
                .setHeader(HEADER.toArray(String[]::new))
                .get()
                .print(out);
    }

    public void write(List<GradedRow> rows) throws IOException {
        for (GradedRow row : rows) {
            printer.printRecord(row.id(), row.term(), text(row.ctcaeVersion()),
                    row.grade() == null ? "" : row.grade().toString(), row.status().name(), row.explanation(),
                    text(row.analyte()), plain(row.value()), text(row.unit()), plain(row.lowerLimit()),
                    plain(row.upperLimit()), plain(row.baseline()), row.bandInterval(), row.bandBasis(),
                    Integer.toString(row.row()));
        }
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
