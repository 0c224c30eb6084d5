package org.toxwatch.ctcae.grading;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;

/**
 * Property: over a dense sweep of values, a worse value never gets a milder grade. For a decreasing term a lower value
 * never gets a lower grade; for an increasing term a higher value never does. With the needed limits present, no value
 * in the sweep is left ungraded.
 */
class MonotonicityTest {

    @ParameterizedTest(name = "{0} from 0 to {1} in steps of {2}, LLN {3}")
    @CsvSource({
            "NEUTROPHILS, 3,   0.001, 1.8",
            "NEUTROPHILS, 3,   0.001, 1.4",
            "NEUTROPHILS, 3,   0.001, 1.5",
            "NEUTROPHILS, 3,   0.001, 2.5",
            "PLATELETS,   200, 0.05,  150",
            "PLATELETS,   200, 0.05,  60",
            "LEUKOCYTES,  6,   0.001, 4.0",
            "LEUKOCYTES,  6,   0.001, 2.5",
    })
    void decreasingTermsNeverGradeALowerValueMilder(String analyte, String max, String step, String lln) {
        int previous = Integer.MAX_VALUE;
        int swept = 0;
        for (BigDecimal x = BigDecimal.ZERO; x.compareTo(d(max)) <= 0; x = x.add(d(step))) {
            BigDecimal value = x;
            Grading grading = gradeOne(new Measurement(analyte, value, "10*9/L", d(lln), null));
            assertEquals(GradingStatus.GRADED, grading.status(), value::toPlainString);
            assertTrue(grading.grade() <= previous, () -> analyte + " " + value + " graded above a lower value");
            previous = grading.grade();
            swept++;
        }
        assertEquals(0, previous, "the sweep ends in the normal range");
        assertTrue(swept > 1000, "dense sweep");
    }

    @ParameterizedTest(name = "{0} from 0 to 2000, ULN 40, baseline {1}")
    @CsvSource({
            "AST, ",
            "AST, 30",
            "AST, 95",
            "ALT, ",
            "ALT, 41",
            "ALT, 90",
    })
    void increasingTermsNeverGradeAHigherValueMilder(String analyte, String baselineValue) {
        Map<String, Baseline> baselines = baselineValue == null ? Map.of()
                : Map.of(analyte, new Baseline(analyte, d(baselineValue), null, null));
        int previous = -1;
        for (BigDecimal x = BigDecimal.ZERO; x.compareTo(d("2000")) <= 0; x = x.add(d("0.25"))) {
            BigDecimal value = x;
            Grading grading = gradeOne(new GradingRequest(
                    List.of(new Measurement(analyte, value, "U/L", null, d("40"))), baselines, false));
            assertEquals(GradingStatus.GRADED, grading.status(), value::toPlainString);
            assertTrue(grading.grade() >= previous, () -> analyte + " " + value + " graded below a lower value");
            previous = grading.grade();
        }
        assertEquals(4, previous, "the sweep ends in grade 4");
    }

    @ParameterizedTest(name = "SBP 50-260 with DBP {0}; DBP 30-160 with SBP {1}")
    @CsvSource({
            "70,  100",
            "85,  130",
            "95,  150",
            "105, 170",
    })
    void hypertensionRisesWithEitherComponentAndIsTheMaxOfBoth(String fixedDiastolic, String fixedSystolic) {
        int previous = -1;
        for (BigDecimal sbp = d("50"); sbp.compareTo(d("260")) <= 0; sbp = sbp.add(d("0.1"))) {
            BigDecimal systolic = sbp;
            int grade = hypertension(systolic, d(fixedDiastolic));
            assertTrue(grade >= previous, systolic::toPlainString);
            assertEquals(Math.max(alone("SYSTOLIC_BP", systolic), alone("DIASTOLIC_BP", d(fixedDiastolic))), grade,
                    systolic::toPlainString);
            previous = grade;
        }
        previous = -1;
        for (BigDecimal dbp = d("30"); dbp.compareTo(d("160")) <= 0; dbp = dbp.add(d("0.1"))) {
            BigDecimal diastolic = dbp;
            int grade = hypertension(d(fixedSystolic), diastolic);
            assertTrue(grade >= previous, diastolic::toPlainString);
            previous = grade;
        }
        assertEquals(3, previous);
    }

    private static int hypertension(BigDecimal sbp, BigDecimal dbp) {
        return gradeOne(new Measurement("SYSTOLIC_BP", sbp, "mm[Hg]", null, null),
                new Measurement("DIASTOLIC_BP", dbp, "mm[Hg]", null, null)).grade();
    }

    /** The lower bound one component gives on its own. */
    private static int alone(String analyte, BigDecimal value) {
        Grading grading = V5.grade(GradingRequest.of(new Measurement(analyte, value, "mm[Hg]", null, null))).get(0);
        assertEquals(GradingStatus.LOWER_BOUND, grading.status());
        return grading.grade();
    }
}
