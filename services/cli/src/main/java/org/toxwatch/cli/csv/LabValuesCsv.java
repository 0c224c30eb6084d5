package org.toxwatch.cli.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.toxwatch.cli.grading.InputFileUnreadableException;
import org.toxwatch.cli.grading.LabInput;
import org.toxwatch.cli.grading.LabRow;
import org.toxwatch.cli.grading.RejectedInput;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Reads the batch input CSV (RFC 4180, with a header): columns are found by name, in any order and any case; extra
 * columns are ignored; an empty cell or {@code NA} is missing. A row that cannot be read becomes a
 * {@link RejectedInput} naming the column and the text, so it still gives an output row.
 */
public final class LabValuesCsv implements Iterable<LabInput>, Closeable {

    public static final String ID = "id";
    public static final String TERM = "term";
    public static final String LOINC = "loinc";
    public static final String VALUE = "value";
    public static final String UNIT = "unit";
    public static final String LLN = "lln";
    public static final String ULN = "uln";
    public static final String BASELINE = "baseline";
    public static final String VALUE2 = "value2";
    public static final String DURATION_HOURS = "duration_h";

    /** The columns the grader reads, in the order the documentation lists them. */
    public static final List<String> COLUMNS =
            List.of(ID, TERM, LOINC, VALUE, UNIT, LLN, ULN, BASELINE, VALUE2, DURATION_HOURS);

    private static final String MISSING = "NA";
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final CSVParser parser;
    /** Lower-cased column name to its index in the file. */
    private final Map<String, Integer> columns;
    private final int width;

    private LabValuesCsv(CSVParser parser, Map<String, Integer> columns, int width) {
        this.parser = parser;
        this.columns = columns;
        this.width = width;
    }

    /**
     * Reads the header; rows are read lazily while iterating.
     *
     * @throws InputFileUnreadableException when the input is empty, its header cannot be read or names a column twice
     */
    public static LabValuesCsv open(Reader reader) throws InputFileUnreadableException {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                // "Value" and "VALUE" are the same column, so a file naming one twice is ambiguous
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY)
                .setIgnoreHeaderCase(true)
                .get();
        CSVParser parser;
        try {
            parser = CSVParser.parse(withoutByteOrderMark(reader), format);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new InputFileUnreadableException("the CSV header cannot be read: " + rootMessage(e), e);
        }
        List<String> names = parser.getHeaderNames();
        if (names.isEmpty() || names.stream().allMatch(String::isBlank)) {
            throw new InputFileUnreadableException("the CSV has no header row; the first line must name the columns ("
                    + String.join(",", COLUMNS) + ")");
        }
        Map<String, Integer> columns = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && columns.putIfAbsent(name, i) != null) {
                throw new InputFileUnreadableException("the CSV header names column '" + name + "' twice");
            }
        }
        return new LabValuesCsv(parser, columns, names.size());
    }

    /** Columns the grader needs that the header lacks, e.g. ["unit"]; every row will then be NOT_GRADABLE. */
    public List<String> missingColumns() {
        List<String> missing = new ArrayList<>();
        if (!columns.containsKey(TERM) && !columns.containsKey(LOINC)) {
            missing.add(TERM + " or " + LOINC);
        }
        if (!columns.containsKey(VALUE) && !columns.containsKey(VALUE2)) {
            missing.add(VALUE);
        }
        if (!columns.containsKey(UNIT)) {
            missing.add(UNIT);
        }
        return missing;
    }

    /**
     * Rows in file order. {@link Iterator#next()} throws {@link MalformedCsvException} when the file stops being CSV
     * (an unterminated quote): rows after that point cannot be told apart.
     */
    @Override
    public Iterator<LabInput> iterator() {
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            private int row;

            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new MalformedCsvException("the CSV is malformed after data row " + row + " (line "
                            + parser.getCurrentLineNumber() + "): " + rootMessage(e), e);
                }
            }

            @Override
            public LabInput next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CSVRecord record = records.next();
                row++;
                return read(row, record);
            }
        };
    }

    private LabInput read(int row, CSVRecord record) {
        String id = text(record, ID);
        String term = text(record, TERM);
        if (record.size() != width) {
            return new RejectedInput(row, id, term, "row has " + record.size() + " values but the header has " + width
                    + " columns (line " + parser.getCurrentLineNumber() + ")");
        }
        String loinc = text(record, LOINC);
        if (loinc != null && !loinc.matches("\\d{1,7}-\\d")) {
            return new RejectedInput(row, id, term, "loinc '" + loinc + "' is not a LOINC code (digits, a hyphen,"
                    + " a check digit)");
        }
        try {
            String valueText = text(record, VALUE);
            if (valueText != null && (valueText.startsWith("<") || valueText.startsWith(">"))) {
                throw new CellException(VALUE, valueText, "a censored value has no exact number to grade");
            }
            BigDecimal duration = number(record, DURATION_HOURS);
            if (duration != null && duration.signum() < 0) {
                throw new CellException(DURATION_HOURS, duration.toPlainString(), "a duration cannot be negative");
            }
            return new LabRow(row, id, term, loinc, decimalOrNull(valueText), valueText, text(record, UNIT),
                    number(record, LLN), number(record, ULN), number(record, BASELINE), number(record, VALUE2),
                    duration);
        } catch (CellException e) {
            return new RejectedInput(row, id, term, e.getMessage());
        }
    }

    /** The trimmed cell, or null when the column is absent, the cell empty or NA. */
    private String text(CSVRecord record, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= record.size()) {
            return null;
        }
        String cell = record.get(index).trim();
        return cell.isEmpty() || cell.equalsIgnoreCase(MISSING) ? null : cell;
    }

    /** A cell that must be a number: limits, baseline, value2, duration. */
    private BigDecimal number(CSVRecord record, String column) {
        String cell = text(record, column);
        if (cell == null) {
            return null;
        }
        if (cell.startsWith("<") || cell.startsWith(">")) {
            throw new CellException(column, cell, "a censored value has no exact number to grade");
        }
        BigDecimal number = decimalOrNull(cell);
        if (number == null) {
            throw new CellException(column, cell,
                    "not a decimal number (use '.' for decimals, no thousands separator)");
        }
        return number;
    }

    /**
     * The value column may be text (a dipstick "2+"), so a value that is no number is handed on as text and the
     * engine, which knows what each term accepts, says whether it can be graded.
     */
    private static BigDecimal decimalOrNull(String cell) {
        if (cell == null) {
            return null;
        }
        try {
            return new BigDecimal(cell);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        BufferedReader buffered = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        // spreadsheets save UTF-8 with a BOM, which would otherwise become part of the first column's name
        buffered.mark(1);
        if (buffered.read() != BYTE_ORDER_MARK) {
            buffered.reset();
        }
        return buffered;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (true) {
            if (cause instanceof CharacterCodingException) {
                return "the file is not UTF-8 text (save it as CSV UTF-8)";
            }
            if (cause.getCause() == null) {
                return cause.getMessage();
            }
            cause = cause.getCause();
        }
    }

    /** The file stops being CSV part-way through. */
    public static final class MalformedCsvException extends RuntimeException {
        MalformedCsvException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class CellException extends RuntimeException {
        CellException(String column, String cell, String why) {
            super("column " + column + ": '" + cell + "' is " + (why.startsWith("a ") ? "unusable: " : "") + why);
        }
    }
}
