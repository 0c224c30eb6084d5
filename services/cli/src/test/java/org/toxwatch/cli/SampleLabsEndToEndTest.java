package org.toxwatch.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped sample (src/test/resources/sample/labs.csv, shown in the module README) through the CLI's entry point.
 * Expected grades are NCI CTCAE v5.0's (CRITERIA.md 2.2), not the program's own output.
 */
class SampleLabsEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void theSampleGradesAsCtcaeSays() throws Exception {
        Path sample = Path.of(getClass().getResource("/sample/labs.csv").toURI());
        Path out = dir.resolve("graded.csv");

        CliRun run = CliRun.of("grade", "--in", sample.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<CSVRecord> rows;
        try (Reader reader = Files.newBufferedReader(out);
             CSVParser parser = CSVParser.parse(reader,
                     CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            rows = parser.getRecords();
        }
        assertThat(rows).extracting(r -> r.get("id") + " " + r.get("term") + " " + r.get("grade") + " "
                + r.get("status")).containsExactly(
                // ANC 800/mm3: "<1000 - 500/mm3" is grade 3
                "p-001/c2/ANC Neutrophil count decreased 3 GRADED",
                // 45 K/uL = 45 x 10e9/L: "<50.0 - 25.0 x 10e9 /L" is grade 3
                "p-001/c2/PLT Platelet count decreased 3 GRADED",
                // 3.4 x 10e9/L with no LLN could be grade 0 or grade 1 ("<LLN - 3000/mm3")
                "p-001/c2/WBC White blood cell decreased  NOT_GRADABLE",
                // baseline 95 above ULN 40, so baseline multiples: 380 = 4.0 x baseline, ">3.0 - 5.0 x baseline"
                "p-002/c2/AST Aspartate aminotransferase increased 2 GRADED",
                // 130 = 3.25 x ULN: ">3.0 - 5.0 x ULN"
                "p-002/c2/ALT Alanine aminotransferase increased 2 GRADED",
                // "Systolic BP >=160 mm Hg" is grade 3
                "p-002/c2/BP Hypertension 3 GRADED",
                // "diastolic BP >=100 mm Hg" is grade 3; the systolic reading is missing
                "p-003/c1/DBP Hypertension 3 LOWER_BOUND",
                // a percentage is not an absolute count
                "p-003/c1/ANC% Neutrophil count decreased  NOT_GRADABLE",
                // "1,2" is not a number
                "p-003/c1/ANC? Neutrophil count decreased  NOT_GRADABLE",
                // glucose is no CTCAE term ToxWatch grades
                "p-003/c1/GLU   NOT_GRADABLE",
                // an ANC with a temperature (value2) feeds two terms, so one row gives two: grade 3 for the count,
                // and "ANC <1000/mm3 with a single temperature of >38.3 degrees C" is febrile neutropenia grade 3
                "p-001/c3/ANC+T Neutrophil count decreased 3 GRADED",
                "p-001/c3/ANC+T Febrile neutropenia 3 GRADED",
                // dipstick "2+ and 3+ proteinuria" is grade 2
                "p-002/c2/UPRO Proteinuria 2 GRADED",
                // a reported symptom grade NCI defines for the term
                "p-002/c2/FATIGUE Fatigue 2 GRADED",
                // the v6 name, graded by v5.0's term: "<75.0 - 50.0 x 10e9 /L" is grade 2
                "p-004/c1/PLT Platelet count decreased 2 GRADED");
        assertThat(run.err()).contains("14 rows read, 15 results: 10 graded, 1 lower bound, 4 not gradable");
    }
}
