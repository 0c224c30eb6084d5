package org.toxwatch.ctcae.criteria;

import org.junit.jupiter.api.Test;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.grading.Baseline;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.GradingRequest;
import org.toxwatch.ctcae.grading.GradingStatus;
import org.toxwatch.ctcae.grading.Measurement;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The criteria format can express what CTCAE v6.0 needs (test/resources/ctcae/v6-shapes.yaml, NCI's v6.0 text):
 * "> baseline and > ULN", a baseline clause only below LLN, grades that need a duration, a grade that is only
 * "Present", and a renamed term found by either name. The engine grades them without code of its own.
 */
class Version6ShapesTest {

    private static final CtcaeGrader V6_SHAPES = new CtcaeGrader(
            CtcaeCriteria.load("ctcae/v6-shapes.yaml", AnalyteCatalog.standard()), AnalyteCatalog.standard());

    @Test
    void alkalinePhosphataseAboveBothBaselineAndUln() {
        assertEquals(1, alp("130", "100", "120").grade(), "above both");
        assertEquals(0, alp("110", "100", "120").grade(), "above ULN, not above baseline");
        assertEquals(0, alp("95", "100", "90").grade(), "above baseline, not above ULN");
        assertEquals(0, alp("120", "100", "120").grade(), "on the baseline: not above it");
        Grading noBaseline = V6_SHAPES.grade(GradingRequest.of(enzyme("ALP", "130", "100"))).get(0);
        assertEquals(GradingStatus.NOT_GRADABLE, noBaseline.status());
        assertTrue(noBaseline.explanation().contains("cannot be graded without the baseline"), noBaseline.explanation());
        // one known edge not passed already rules the band out
        Grading belowUln = V6_SHAPES.grade(GradingRequest.of(enzyme("ALP", "90", "100"))).get(0);
        assertEquals(GradingStatus.GRADED, belowUln.status(), belowUln.explanation());
        assertEquals(0, belowUln.grade());
    }

    @Test
    void creatinineBaselineClauseOnlyWhenTheBaselineWasBelowLln() {
        // ULN 100, LLN 60: 2 x a baseline of 50 (below LLN) is grade 2; 2 x a normal baseline of 70 is not
        assertEquals(2, creatinine("100", "50").grade());
        assertEquals(0, creatinine("100", "70").grade());
        assertEquals(0, creatinine("100", null).grade());
    }

    @Test
    void hypertensionGradesThatNeedToPersistOverAnHour() {
        assertEquals(2, systolic("150", null).grade());
        Grading unknownDuration = systolic("170", null);
        assertEquals(GradingStatus.NOT_GRADABLE, unknownDuration.status(), unknownDuration.explanation());
        assertTrue(unknownDuration.explanation().contains("to have lasted more than 1 h"), unknownDuration.explanation());
        assertEquals(3, systolic("170", "2").grade());
        assertEquals(4, systolic("185", "1.5").grade());
        assertEquals(0, systolic("185", "0.5").grade(), "NCI's v6 text leaves a short peak ungraded");
    }

    @Test
    void aGradeThatIsOnlyPresentIsReported() {
        assertEquals(1, V6_SHAPES.gradeReported("Lymphopenia", 1).grade());
        assertEquals("Present", V6_SHAPES.gradeReported("Lymphopenia", 1).band().nciText());
        assertEquals(GradingStatus.NOT_GRADABLE, V6_SHAPES.gradeReported("Lymphopenia", 2).status());
    }

    @Test
    void renamedTermsAreFoundByEitherName() {
        assertEquals("Thrombocytopenia", V6_SHAPES.term("Platelet count decreased").orElseThrow().term());
        assertEquals("Lymphopenia", V6_SHAPES.term("lymphocyte count decreased").orElseThrow().term());
        assertEquals("Platelet count decreased", CtcaeGrader.forVersion("5.0").term("Thrombocytopenia")
                .orElseThrow().term());
        assertEquals(3, V6_SHAPES.grade(GradingRequest.of(new Measurement("PLATELETS", new BigDecimal("12"), "10*9/L",
                new BigDecimal("150"), null))).get(0).grade(), "v6 grade 3 runs down to 10 x 10^9/L");
    }

    private static Grading alp(String value, String uln, String baseline) {
        return V6_SHAPES.grade(new GradingRequest(List.of(enzyme("ALP", value, uln)),
                Map.of("ALP", new Baseline("ALP", new BigDecimal(baseline), null, null)), false)).get(0);
    }

    private static Grading creatinine(String value, String baseline) {
        Measurement m = new Measurement("CREATININE", new BigDecimal(value), "umol/L", new BigDecimal("60"),
                new BigDecimal("100"));
        Map<String, Baseline> baselines = baseline == null ? Map.of()
                : Map.of("CREATININE", new Baseline("CREATININE", new BigDecimal(baseline), null, null));
        return V6_SHAPES.grade(new GradingRequest(List.of(m), baselines, false)).get(0);
    }

    private static Grading systolic(String value, String hours) {
        Measurement sbp = new Measurement("SYSTOLIC_BP", new BigDecimal(value), "mm[Hg]", null, null,
                hours == null ? null : new BigDecimal(hours));
        return V6_SHAPES.grade(GradingRequest.of(sbp)).get(0);
    }

    private static Measurement enzyme(String analyte, String value, String uln) {
        return new Measurement(analyte, new BigDecimal(value), "U/L", null, new BigDecimal(uln));
    }
}
