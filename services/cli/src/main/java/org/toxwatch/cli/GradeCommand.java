package org.toxwatch.cli;

import org.toxwatch.cli.csv.GradingsCsv;
import org.toxwatch.cli.csv.LabValuesCsv;
import org.toxwatch.cli.fhir.GradingsNdjson;
import org.toxwatch.cli.fhir.ObservationBundle;
import org.toxwatch.cli.grading.BatchGrading;
import org.toxwatch.cli.grading.GradedRow;
import org.toxwatch.cli.grading.GradingTally;
import org.toxwatch.cli.grading.InputFileUnreadableException;
import org.toxwatch.cli.grading.LabInput;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code toxwatch grade}: grades a CSV of lab values, or a FHIR Bundle of Observations, against one CTCAE version. */
@Command(name = "grade",
        versionProvider = ToxwatchCommand.Version.class,
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Grades lab values against NCI CTCAE: one output line per (input, CTCAE term).",
                "A row that cannot be graded gives a NOT_GRADABLE line with the reason; the file still completes."},
        footer = {"",
                "CSV input (--in): a header row; columns matched by name, in any order and",
                "any case; extra columns ignored; an empty cell or NA means missing.",
                "  id          echoed into every output row",
                "  term        CTCAE term name, any case, v5 or v6 wording } one of",
                "  loinc       LOINC code of the value, e.g. 751-8 (ANC)   } the two",
                "  value       the value, in unit; or text where the term reads text: a",
                "              dipstick 2+ (Proteinuria), a reported grade (Fatigue)",
                "  unit        as the lab wrote it: 10^9/L, K/uL, cells/mm3, U/L, mg/dL, mmHg",
                "  lln         the lab's lower limit of normal, in unit",
                "  uln         the lab's upper limit of normal, in unit",
                "  baseline    the patient's pre-treatment value, in unit",
                "  value2      the term's second reading: diastolic BP for Hypertension,",
                "              temperature for Febrile neutropenia; with the BP panel code",
                "              85354-9, value is systolic and value2 diastolic",
                "  duration_h  hours the value persisted, where the grade depends on it",
                "A LOINC code gives one row per term it grades: an ANC (751-8) with a",
                "temperature in value2 gives Neutrophil count decreased and Febrile neutropenia.",
                "",
                "CSV output (--out): id,term,ctcae_version,grade,status,explanation, then",
                "analyte,value,unit,lln,uln,baseline,band,band_basis,row: numbers in the",
                "analyte's canonical unit, row = the input's data row. grade is 0-5 or",
                "empty. status is GRADED, LOWER_BOUND (at least this grade: part of the data",
                "is missing) or NOT_GRADABLE (with the reason; never read it as grade 0).",
                "",
                "FHIR input (--fhir): a FHIR R4 Bundle. Each final, amended or corrected",
                "Observation is graded from its LOINC code, value (Quantity, or text such",
                "as a dipstick 2+), reference range and components; output is NDJSON with",
                "the fields of the CSV, one object per (Observation, term); id is the",
                "Observation's identifier value, else its id. Any other entry gives a",
                "NOT_GRADABLE line with the reason.",
                "",
                "A summary line (read, graded, lower bound, not gradable) goes to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the input was processed completely (every row has an output line)",
                "2:nothing written: bad arguments, unknown CTCAE version, missing or unreadable input, input that is"
                        + " not CSV or not a FHIR Bundle, output that cannot be written"})
final class GradeCommand implements Callable<Integer> {

    static final int CANNOT_RUN = 2;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--in", paramLabel = "IN.csv", required = true, description = "CSV of lab values to grade")
        Path csv;

        @Option(names = "--fhir", paramLabel = "BUNDLE.json", required = true,
                description = "FHIR R4 Bundle of Observations to grade (output: NDJSON)")
        Path bundle;
    }

    @Option(names = "--out", paramLabel = "OUT",
            description = "where to write the results (CSV for --in, NDJSON for --fhir); standard output when absent."
                    + " Written whole or not at all.")
    Path out;

    @Option(names = "--ctcae", paramLabel = "VERSION", defaultValue = "5.0",
            completionCandidates = KnownVersions.class,
            description = "CTCAE version to grade with: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String ctcaeVersion;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        BatchGrading grading;
        try {
            grading = BatchGrading.forVersion(ctcaeVersion);
        } catch (IllegalArgumentException e) {
            err.println("toxwatch grade: " + e.getMessage());
            return CANNOT_RUN;
        }
        Path input = source.csv != null ? source.csv : source.bundle;
        try {
            GradingTally tally = source.csv != null ? gradeCsv(grading) : gradeBundle(grading);
            err.println("toxwatch grade: " + tally.summary(source.csv != null ? "rows" : "Bundle entries",
                    grading.ctcaeVersion()) + (out == null ? "" : " -> " + out));
            return 0;
        } catch (InputFileUnreadableException e) {
            err.println("toxwatch grade: cannot read " + input + ": " + e.getMessage() + "; nothing written");
            return CANNOT_RUN;
        } catch (IOException | UncheckedIOException e) {
            err.println("toxwatch grade: cannot write " + (out == null ? "standard output" : out) + ": " + e
                    + "; nothing written");
            return CANNOT_RUN;
        }
    }

    private GradingTally gradeCsv(BatchGrading grading) throws InputFileUnreadableException, IOException {
        GradingTally tally = new GradingTally();
        try (Reader reader = open(source.csv);
             LabValuesCsv rows = LabValuesCsv.open(reader);
             Destination destination = Destination.of(out, spec.commandLine().getOut())) {
            List<String> missing = rows.missingColumns();
            if (!missing.isEmpty()) {
                spec.commandLine().getErr().println("toxwatch grade: warning: the header of " + source.csv
                        + " has no column " + String.join(", ", missing) + "; those rows will be NOT_GRADABLE");
            }
            GradingsCsv results = new GradingsCsv(destination.writer());
            Iterator<LabInput> inputs = rows.iterator();
            while (hasNext(inputs)) {
                List<GradedRow> graded = grading.grade(inputs.next());
                results.write(graded);
                tally.add(graded);
            }
            results.flush();
            destination.commit();
        }
        return tally;
    }

    private static boolean hasNext(Iterator<LabInput> inputs) throws InputFileUnreadableException {
        try {
            return inputs.hasNext();
        } catch (LabValuesCsv.MalformedCsvException e) {
            throw new InputFileUnreadableException(e.getMessage(), e);
        }
    }

    private GradingTally gradeBundle(BatchGrading grading) throws InputFileUnreadableException, IOException {
        List<LabInput> entries;
        try (Reader reader = open(source.bundle)) {
            entries = new ObservationBundle(AnalyteCatalog.standard()).read(reader);
        }
        GradingTally tally = new GradingTally();
        try (Destination destination = Destination.of(out, spec.commandLine().getOut())) {
            GradingsNdjson results = new GradingsNdjson(destination.writer());
            for (LabInput entry : entries) {
                List<GradedRow> graded = grading.grade(entry);
                results.write(graded);
                tally.add(graded);
            }
            results.flush();
            destination.commit();
        }
        return tally;
    }

    private static Reader open(Path path) throws InputFileUnreadableException {
        if (!Files.exists(path)) {
            throw new InputFileUnreadableException("no such file");
        }
        if (Files.isDirectory(path)) {
            throw new InputFileUnreadableException("it is a directory, not a file");
        }
        try {
            return Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputFileUnreadableException(e.toString(), e);
        }
    }

    /**
     * Where results go. A file is written beside its final name and moved into place on {@link #commit()}, so a run
     * that stops half-way never leaves a file that looks complete.
     */
    private interface Destination extends AutoCloseable {

        Writer writer();

        void commit() throws IOException;

        @Override
        void close() throws IOException;

        static Destination of(Path file, PrintWriter stdout) throws IOException {
            return file == null ? new StandardOutput(stdout) : new FileDestination(file);
        }
    }

    private record StandardOutput(PrintWriter writer) implements Destination {
        @Override
        public void commit() {
            writer.flush();
        }

        @Override
        public void close() {
            writer.flush();
        }
    }

    private static final class FileDestination implements Destination {
        private final Path target;
        private final Path partial;
        private final Writer writer;
        private boolean committed;

        FileDestination(Path target) throws IOException {
            this.target = target.toAbsolutePath();
            Path directory = this.target.getParent();
            if (directory == null || !Files.isDirectory(directory)) {
                throw new IOException("no such directory: " + directory);
            }
            this.partial = Files.createTempFile(directory, "." + this.target.getFileName() + "-", ".partial");
            this.writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
        }

        @Override
        public Writer writer() {
            return writer;
        }

        @Override
        public void commit() throws IOException {
            writer.close();
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                writer.close();
                Files.deleteIfExists(partial);
            }
        }
    }

    /** The versions the engine has criteria for, for help and shell completion. */
    static final class KnownVersions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return CtcaeGrader.knownVersions().iterator();
        }
    }
}
