package org.toxwatch.ctcae.grading;

import org.toxwatch.ctcae.SharedReference;
import org.toxwatch.ctcae.criteria.Bound;
import org.toxwatch.ctcae.criteria.TermCriteria;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * admiral's expected grades (shared/reference/ctcae/admiral_vectors.csv, CRITERIA.md 4.2) and how a row is put to a
 * grader: through the batch path, {@link TermQuery#parse} with the row's own strings and the term as admiral's test
 * spelled it. "NA" means missing; expected_grade "NA" is NOT_GRADABLE.
 */
final class AdmiralRows {

    private AdmiralRows() {
    }

    /** The rows of one CTCAE version; skips the test when the shared folder is absent. */
    static List<Map<String, String>> of(String version, CtcaeGrader grader) {
        Path csv = SharedReference.ctcaeFile("admiral_vectors.csv").orElse(null);
        assumeTrue(csv != null, "shared/reference/ctcae/admiral_vectors.csv not present");
        List<Map<String, String>> rows = SharedReference.readCsv(csv).stream()
                .filter(row -> row.get("ctcae_version").equals(version))
                .toList();
        rows.forEach(row -> assertTrue(grader.term(row.get("term")).isPresent(), "we implement " + row.get("term")));
        return rows;
    }

    static Grading grade(CtcaeGrader grader, Map<String, String> row, String unit) {
        return grade(grader, row, unit, row.get("lln"));
    }

    static Grading grade(CtcaeGrader grader, Map<String, String> row, String unit, String lln) {
        return grader.grade(TermQuery.parse(row.get("term_as_in_test"), row.get("value"), unit, lln,
                row.get("uln"), row.get("baseline_value"), null, null, null));
    }

    static void assertGrade(String expected, Grading grading, Map<String, String> row) {
        String where = row.get("admiral_test") + " #" + row.get("testnum") + ": " + grading.explanation();
        if (expected.equals("NA")) {
            assertEquals(GradingStatus.NOT_GRADABLE, grading.status(), where);
        } else {
            assertEquals(GradingStatus.GRADED, grading.status(), where);
            assertEquals(Integer.valueOf(expected), grading.grade(), where);
        }
    }

    /** Whether admiral reads the row's baseline as abnormal (its BNRIND flag), not from the numbers. */
    static boolean abnormalBaseline(Map<String, String> row) {
        return !row.get("baseline_nrind").isEmpty() && row.get("baseline_nrind").equals(row.get("admiral_high_indicator"));
    }

    /** Every bound a multiple of ULN or baseline: the grade does not depend on the unit. */
    static boolean isRatioTerm(TermCriteria term) {
        return term.bandSets().stream().flatMap(set -> set.bands().stream())
                .flatMap(band -> Stream.of(band.lower(), band.upper()))
                .filter(Objects::nonNull)
                .flatMap(bound -> bound.edges().stream())
                .noneMatch(Bound::isAbsolute);
    }

    static BigDecimal number(String text) {
        return text == null || text.isEmpty() || text.equals("NA") ? null : new BigDecimal(text);
    }
}
