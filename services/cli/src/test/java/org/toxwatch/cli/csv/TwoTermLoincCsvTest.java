package org.toxwatch.cli.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.toxwatch.cli.grading.BatchGrading;
import org.toxwatch.cli.grading.LabInput;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.criteria.CtcaeCriteria;
import org.toxwatch.ctcae.grading.CtcaeGrader;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "A LOINC that maps to two terms gives two rows", through the CSV reader and writer, for two terms that each grade
 * the ANC on its own. In the shipped v5.0 criteria the ANC's second term is Febrile neutropenia, which also needs a
 * temperature (GradeCsvCommandTest covers it); these test criteria isolate the one-code-many-terms expansion.
 */
class TwoTermLoincCsvTest {

    @Test
    void oneInputRowWhoseLoincFeedsTwoTermsGivesTwoOutputRows() throws Exception {
        CtcaeCriteria criteria = CtcaeCriteria.load("fixtures/two-terms-read-anc.yaml", AnalyteCatalog.standard());
        BatchGrading batch = new BatchGrading(new CtcaeGrader(criteria, AnalyteCatalog.standard()));
        StringWriter out = new StringWriter();

        try (LabValuesCsv rows = LabValuesCsv.open(new StringReader("id,loinc,value,unit\n"
                + "a,751-8,700,cells/mm3\nb,777-3,20,10^9/L\n"))) {
            GradingsCsv results = new GradingsCsv(out);
            for (LabInput row : rows) {
                results.write(batch.grade(row));
            }
            results.flush();
        }

        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(out.toString()),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            records = parser.getRecords();
        }
        assertThat(records).extracting(r -> r.get("id") + "/" + r.get("row") + " " + r.get("term") + " "
                + r.get("status")).containsExactly(
                "a/1 Neutrophil count decreased GRADED",
                "a/1 Neutrophil count test twin GRADED",
                // platelets are in the catalog but no term of this version reads them
                "b/2  NOT_GRADABLE");
    }
}
