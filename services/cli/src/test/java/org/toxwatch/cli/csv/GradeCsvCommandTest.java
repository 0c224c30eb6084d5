package org.toxwatch.cli.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.cli.CliRun;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.TermQuery;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch CSV contract of issue #3 item 9, exercised through the command as a user runs it. */
class GradeCsvCommandTest {

    private static final String CONTRACT_HEADER = "id,term,ctcae_version,grade,status,explanation";
    private static final String GOOD_ROW = "good,Neutrophil count decreased,,800,/uL,1800,7700,,,";
    private static final String HEADER = "id,term,loinc,value,unit,lln,uln,baseline,value2,duration_h";

    @TempDir
    Path dir;

    @Test
    void headerStartsWithTheContractColumnsAndEachInputRowGivesOneRow() throws IOException {
        Path out = dir.resolve("out.csv");
        CliRun run = grade(HEADER + "\n" + GOOD_ROW + "\n"
                + "p2,Platelet count decreased,,45,K/uL,150,400,,,\n"
                + "p3,,1920-8,380,U/L,,40,95,,\n", out);

        assertThat(run.exitCode()).isZero();
        String text = Files.readString(out);
        assertThat(text).startsWith(CONTRACT_HEADER + ",");
        List<CSVRecord> records = records(out);
        assertThat(records).extracting(r -> r.get("id")).containsExactly("good", "p2", "p3");
        assertThat(records).extracting(r -> r.get("row")).containsExactly("1", "2", "3");
        assertThat(records).allSatisfy(r -> assertThat(r.get("ctcae_version")).isEqualTo("5.0"));
    }

    @Test
    void columnsAreMatchedByNameInAnyOrderAndCaseAndExtraColumnsAreIgnored() throws IOException {
        Path canonical = dir.resolve("canonical.csv");
        Path shuffled = dir.resolve("shuffled.csv");
        grade(HEADER + "\n"
                + "a,,1920-8,380,U/L,,40,95,,\n"
                + "b,Hypertension,,165,mmHg,,,,95,\n", canonical);
        grade("Ward,VALUE2,Unit,ULN,Baseline,Value,LOINC,Term,ID,note\n"
                + "7,,U/L,40,95,380,1920-8,,a,\"first, cycle 2\"\n"
                + "7,95,mmHg,,,165,,Hypertension,b,\n", shuffled);

        assertThat(Files.readString(shuffled)).isEqualTo(Files.readString(canonical));
        assertThat(records(canonical)).extracting(r -> r.get("status")).containsOnly("GRADED");
    }

    @Test
    void emptyAndNaCellsAreBothMissing() throws IOException {
        Path withNa = dir.resolve("na.csv");
        Path withEmpty = dir.resolve("empty.csv");
        grade(HEADER + "\nw,White blood cell decreased,NA,3.4,10^9/L,NA,10,NA,NA,NA\n", withNa);
        grade(HEADER + "\nw,White blood cell decreased,,3.4,10^9/L,,10,,,\n", withEmpty);

        assertThat(Files.readString(withNa)).isEqualTo(Files.readString(withEmpty));
        // NCI grade 1 is "<LLN - 3000/mm3": with no LLN, 3.4 x 10^9/L is grade 0 or 1, so it is not graded
        CSVRecord row = records(withNa).get(0);
        assertThat(row.get("status")).isEqualTo("NOT_GRADABLE");
        assertThat(row.get("grade")).isEmpty();
        assertThat(row.get("explanation")).contains("LLN");
    }

    @Test
    void explanationsAndIdsWithCommasAndQuotesAreQuotedAndReadBackIntact() throws IOException {
        Path out = dir.resolve("out.csv");
        String id = "bed 4, \"Mrs. K\"";
        grade(HEADER + "\n\"bed 4, \"\"Mrs. K\"\"\",Hypertension,,165,mmHg,,,,95,\n", out);

        Grading engine = CtcaeGrader.forVersion("5.0").grade(new TermQuery("Hypertension", new BigDecimal("165"),
                "mmHg", null, null, null, new BigDecimal("95"), null));
        // the engine's text has both, so the file must quote it (RFC 4180: quotes doubled inside quotes)
        assertThat(engine.explanation()).contains(",").contains("\"");
        String text = Files.readString(out);
        assertThat(text).contains("\"" + engine.explanation().replace("\"", "\"\"") + "\"");
        CSVRecord row = records(out).get(0);
        assertThat(row.get("id")).isEqualTo(id);
        assertThat(row.get("explanation")).isEqualTo(engine.explanation());
        assertThat(row.get("grade")).isEqualTo(engine.grade().toString());
        assertThat(row.size()).isEqualTo(GradingsCsv.HEADER.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "bad number         | b1,Anemia,,abc,g/dL,12,16,,,                      | 'abc'",
            "comma decimal      | b2,Anemia,,\"9,5\",g/dL,12,16,,,                  | '9,5'",
            "censored value     | b3,,751-8,<0.5,10^9/L,,,,,                        | censored value",
            "bad limit          | b4,Anemia,,9.5,g/dL,twelve,16,,,                  | column lln: 'twelve'",
            "negative duration  | b5,Anemia,,9.5,g/dL,12,16,,,-3                    | a duration cannot be negative",
            "unknown term       | b6,Chocolate craving,,9.5,g/dL,12,16,,,           | has no term 'Chocolate craving'",
            "unknown LOINC      | b7,,2345-7,5.4,mmol/L,3.9,5.5,,,                  | LOINC 2345-7 is not in ToxWatch's analyte catalog",
            "malformed LOINC    | b8,,751.8,0.8,10^9/L,,,,,                         | is not a LOINC code",
            "no term, no LOINC  | b9,,,0.8,10^9/L,,,,,                              | names neither a term nor a LOINC code",
            "too few columns    | b10,Anemia,,9.5,g/dL                              | row has 5 values but the header has 10 columns",
            "too many columns   | b11,Anemia,,9.5,g/dL,12,16,,,,extra               | row has 11 values but the header has 10 columns",
            "term/LOINC clash   | b12,Platelet count decreased,751-8,20,10^9/L,,,,, | does not grade",
            "percent for count  | b13,Neutrophil count decreased,,45,%,40,75,,,     | '%'",
            "no unit            | b14,Neutrophil count decreased,,0.8,,,,,,         | unit",
    })
    void aRowThatCannotBeGradedGivesANotGradableRowWithTheReasonAndTheFileCompletes(String kind, String row,
                                                                                    String reason) throws IOException {
        Path out = dir.resolve("out.csv");
        CliRun run = grade(HEADER + "\n" + row + "\n" + GOOD_ROW + "\n", out);

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<CSVRecord> records = records(out);
        assertThat(records).hasSize(2);
        CSVRecord bad = records.get(0);
        assertThat(bad.get("id")).isEqualTo(row.substring(0, row.indexOf(',')));
        assertThat(bad.get("status")).isEqualTo("NOT_GRADABLE");
        assertThat(bad.get("grade")).isEmpty();
        assertThat(bad.get("explanation")).contains(reason).containsIgnoringCase("not gradable (CTCAE v5.0)");
        // the batch goes on after a bad row
        assertThat(records.get(1).get("status")).isEqualTo("GRADED");
        assertThat(run.err()).contains("2 rows read").contains("1 not gradable");
    }

    @Test
    void anAncWithATemperatureGivesTwoRowsForTheOneInputRow() throws IOException {
        Path out = dir.resolve("out.csv");

        CliRun run = grade(HEADER + "\nanc,,751-8,0.8,10^9/L,1.8,7.7,,38.6,\n", out);

        // the ANC's LOINC feeds Neutrophil count decreased, and with value2 (the temperature) Febrile neutropenia
        List<CSVRecord> records = records(out);
        assertThat(records).extracting(r -> r.get("term"))
                .containsExactly("Neutrophil count decreased", "Febrile neutropenia");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("id")).isEqualTo("anc");
            assertThat(r.get("row")).isEqualTo("1");
        });
        Grading febrile = CtcaeGrader.forVersion("5.0").grade(new TermQuery("Febrile neutropenia",
                new BigDecimal("0.8"), "10^9/L", new BigDecimal("1.8"), new BigDecimal("7.7"), null,
                new BigDecimal("38.6"), null));
        assertThat(records.get(1).get("grade")).isEqualTo(String.valueOf(febrile.grade()));
        assertThat(run.err()).contains("1 rows read, 2 results");
    }

    @Test
    void anAncAloneDoesNotGradeFebrileNeutropenia() throws IOException {
        Path out = dir.resolve("out.csv");

        grade(HEADER + "\nanc,,751-8,0.8,10^9/L,1.8,7.7,,,\n", out);

        assertThat(records(out)).extracting(r -> r.get("term")).containsExactly("Neutrophil count decreased");
    }

    @Test
    void summaryLineCountsRowsAndStatuses() throws IOException {
        Path out = dir.resolve("out.csv");
        CliRun run = grade(HEADER + "\n" + GOOD_ROW + "\n"
                + "d,,8462-4,112,mm[Hg],,,,,\n"
                + "x,Anemia,,abc,g/dL,,,,,\n", out);

        List<CSVRecord> records = records(out);
        long graded = records.stream().filter(r -> r.get("status").equals("GRADED")).count();
        long lowerBound = records.stream().filter(r -> r.get("status").equals("LOWER_BOUND")).count();
        long notGradable = records.stream().filter(r -> r.get("status").equals("NOT_GRADABLE")).count();
        assertThat(List.of(graded, lowerBound, notGradable)).containsExactly(1L, 1L, 1L);
        assertThat(run.err()).contains("3 rows read, 3 results: 1 graded, 1 lower bound, 1 not gradable (CTCAE v5.0)");
    }

    @Test
    void withoutOutTheCsvGoesToStandardOutput() throws IOException {
        Path in = write("in.csv", HEADER + "\n" + GOOD_ROW + "\n");

        CliRun run = CliRun.of("grade", "--in", in.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith(CONTRACT_HEADER);
        assertThat(parse(run.out())).singleElement().satisfies(r -> assertThat(r.get("grade")).isEqualTo("3"));
        assertThat(run.err()).contains("1 rows read");
    }

    @Test
    void aSpreadsheetByteOrderMarkDoesNotHideTheFirstColumn() throws IOException {
        Path out = dir.resolve("out.csv");
        grade("\uFEFF" + HEADER + "\n" + GOOD_ROW + "\n", out);

        assertThat(records(out).get(0).get("id")).isEqualTo("good");
    }

    @Test
    void anUnknownCtcaeVersionExitsWithTwoAndWritesNothing() throws IOException {
        Path in = write("in.csv", HEADER + "\n" + GOOD_ROW + "\n");
        Path out = dir.resolve("out.csv");

        CliRun run = CliRun.of("grade", "--in", in.toString(), "--out", out.toString(), "--ctcae", "4.03");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown CTCAE version '4.03'")
                .contains(String.join(", ", CtcaeGrader.knownVersions()));
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingInputFileExitsWithTwo() {
        Path out = dir.resolve("out.csv");

        CliRun run = CliRun.of("grade", "--in", dir.resolve("nope.csv").toString(), "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read").contains("nope.csv").contains("no such file");
        assertThat(out).doesNotExist();
    }

    @Test
    void aDirectoryAsInputExitsWithTwo() {
        CliRun run = CliRun.of("grade", "--in", dir.toString(), "--out", dir.resolve("out.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("directory");
    }

    @Test
    void anEmptyFileHasNoHeaderAndExitsWithTwo() throws IOException {
        CliRun run = grade("", dir.resolve("out.csv"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no header");
    }

    @Test
    void aColumnNamedTwiceIsAmbiguousAndExitsWithTwo() throws IOException {
        CliRun run = grade("id,value,term,VALUE,unit\nx,1,Anemia,2,g/dL\n", dir.resolve("out.csv"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).containsIgnoringCase("value");
    }

    @Test
    void aFileThatStopsBeingCsvExitsWithTwoAndLeavesAnEarlierOutputUntouched() throws IOException {
        Path out = write("out.csv", "earlier results\n");

        CliRun run = grade(HEADER + "\n" + GOOD_ROW + "\nq,\"Anemia,,9.5,g/dL,,,,,\n" + GOOD_ROW + "\n", out);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("malformed").contains("nothing written");
        assertThat(Files.readString(out)).isEqualTo("earlier results\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .as("no partial file is left behind").containsExactlyInAnyOrder("in.csv", "out.csv");
        }
    }

    @Test
    void textThatIsNotUtf8ExitsWithTwo() throws IOException {
        Path in = dir.resolve("latin1.csv");
        Files.write(in, (HEADER + "\nx,An\u00e9mie,,9.5,g/dL,,,,,\n").getBytes(StandardCharsets.ISO_8859_1));

        CliRun run = CliRun.of("grade", "--in", in.toString(), "--out", dir.resolve("out.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not UTF-8");
    }

    @Test
    void anOutputDirectoryThatDoesNotExistExitsWithTwo() throws IOException {
        Path in = write("in.csv", HEADER + "\n" + GOOD_ROW + "\n");

        CliRun run = CliRun.of("grade", "--in", in.toString(), "--out", dir.resolve("no/such/out.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot write");
    }

    @Test
    void aHeaderWithoutTheNeededColumnsIsWarnedAbout() throws IOException {
        Path out = dir.resolve("out.csv");
        CliRun run = grade("id,result\nx,5\n", out);

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("warning").contains("term or loinc").contains("unit");
        assertThat(records(out)).singleElement().satisfies(r -> assertThat(r.get("status")).isEqualTo("NOT_GRADABLE"));
    }

    // ----

    private CliRun grade(String csv, Path out) throws IOException {
        Path in = write("in.csv", csv);
        return CliRun.of("grade", "--in", in.toString(), "--out", out.toString());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<CSVRecord> records(Path csv) throws IOException {
        return parse(Files.readString(csv));
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(csv),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }
}
