package org.toxwatch.ctcae.grading;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.canonical;
import static org.toxwatch.ctcae.grading.Lab.gradeTerm;
import static org.toxwatch.ctcae.grading.Lab.temperature;
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

    @ParameterizedTest(name = "{0} from 0 to {1} by {2}, LLN {3}")
    @CsvSource({
            "LYMPHOCYTES, 2,   0.001, 1.0",
            "LYMPHOCYTES, 2,   0.001, 0.7",
            "HEMOGLOBIN,  200, 0.05,  120",
            "HEMOGLOBIN,  200, 0.05,  95",
            "ALBUMIN,     60,  0.01,  35",
            "ALBUMIN,     60,  0.01,  25",
    })
    void otherDecreasingTermsNeverGradeALowerValueMilder(String analyte, String max, String step, String lln) {
        int previous = Integer.MAX_VALUE;
        int swept = 0;
        for (BigDecimal x = BigDecimal.ZERO; x.compareTo(d(max)) <= 0; x = x.add(d(step))) {
            BigDecimal value = x;
            Grading grading = gradeOne(canonical(analyte, value.toPlainString(), lln, null));
            assertEquals(GradingStatus.GRADED, grading.status(), value::toPlainString);
            assertTrue(grading.grade() <= previous, () -> analyte + " " + value + " graded above a lower value");
            previous = grading.grade();
            swept++;
        }
        assertEquals(0, previous, "the sweep ends in the normal range");
        assertTrue(swept > 1000, "dense sweep");
    }

    @ParameterizedTest(name = "{0} from 0 to 2000, ULN {1}, baseline {2}")
    @CsvSource({
            "ALP,             40,  ",
            "ALP,             40,  30",
            "ALP,             40,  60",
            "GGT,             40,  4",
            "GGT,             40,  90",
            "BILIRUBIN_TOTAL, 21,  ",
            "BILIRUBIN_TOTAL, 21,  30",
            "CREATININE,      100, ",
            "CREATININE,      100, 40",
            "CREATININE,      100, 90",
            "CREATININE,      100, 300",
    })
    void otherIncreasingTermsNeverGradeAHigherValueMilder(String analyte, String uln, String baselineValue) {
        Map<String, Baseline> baselines = baselineValue == null ? Map.of()
                : Map.of(analyte, new Baseline(analyte, d(baselineValue), null, null));
        int previous = -1;
        for (BigDecimal x = BigDecimal.ZERO; x.compareTo(d("2000")) <= 0; x = x.add(d("0.25"))) {
            BigDecimal value = x;
            Grading grading = gradeOne(new GradingRequest(List.of(canonical(analyte, value.toPlainString(), null, uln)),
                    baselines, false));
            assertEquals(GradingStatus.GRADED, grading.status(), value::toPlainString);
            assertTrue(grading.grade() >= previous, () -> analyte + " " + value + " graded below a lower value");
            previous = grading.grade();
        }
        assertEquals(4, previous, "the sweep ends in grade 4");
    }

    @ParameterizedTest(name = "urine protein 0-10 g/24 h, ULN {0}")
    @CsvSource({"0.15", "0.3"})
    void proteinuriaRisesWithTheCollection(String uln) {
        int previous = -1;
        for (BigDecimal x = BigDecimal.ZERO; x.compareTo(d("10")) <= 0; x = x.add(d("0.001"))) {
            BigDecimal value = x;
            Grading grading = gradeOne(canonical("URINE_PROTEIN_24H", value.toPlainString(), null, uln));
            assertTrue(grading.grade() >= previous, value::toPlainString);
            previous = grading.grade();
        }
        assertEquals(3, previous);
        int previousReading = -1;
        for (String reading : List.of("negative", "trace", "1+", "2+", "3+", "4+")) {
            int grade = V5.grade(TermQuery.ofText("Proteinuria", reading, null)).grade();
            assertTrue(grade >= previousReading, reading);
            previousReading = grade;
        }
        assertEquals(3, previousReading);
    }

    @ParameterizedTest(name = "temperature 20-47 Cel lasting {0} h")
    @CsvSource({"0.5", "2", "24", "30"})
    void feverRisesWithTheTemperature(String hours) {
        int previous = -1;
        for (BigDecimal c = d("20"); c.compareTo(d("47")) <= 0; c = c.add(d("0.01"))) {
            BigDecimal value = c;
            Grading grading = gradeTerm("Fever", GradingRequest.of(temperature(value.toPlainString(), hours)));
            assertEquals(GradingStatus.GRADED, grading.status(), value::toPlainString);
            assertTrue(grading.grade() >= previous, value::toPlainString);
            previous = grading.grade();
        }
        assertEquals(d(hours).compareTo(d("24")) > 0 ? 4 : 3, previous);
    }

    @ParameterizedTest(name = "febrile neutropenia, temperature lasting {0} h")
    @CsvSource({"0.5", "2"})
    void febrileNeutropeniaWorsensWithLowerAncAndHigherTemperature(String hours) {
        for (String celsius : List.of("37.5", "38.0", "38.2", "38.3", "38.31", "39.5")) {
            int previous = -1;
            for (BigDecimal anc = d("3"); anc.signum() >= 0; anc = anc.subtract(d("0.001"))) {
                BigDecimal value = anc;
                int grade = febrileNeutropenia(value, celsius, hours);
                assertTrue(grade >= previous, () -> "ANC " + value + " at " + celsius);
                previous = grade;
            }
        }
        for (String anc : List.of("0.2", "0.999", "1.0", "2.0")) {
            int previous = -1;
            for (BigDecimal c = d("36"); c.compareTo(d("41")) <= 0; c = c.add(d("0.01"))) {
                BigDecimal value = c;
                int grade = febrileNeutropenia(d(anc), value.toPlainString(), hours);
                assertTrue(grade >= previous, () -> value + " Cel at ANC " + anc);
                previous = grade;
            }
        }
    }

    private static int febrileNeutropenia(BigDecimal anc, String celsius, String hours) {
        Grading grading = gradeTerm("Febrile neutropenia", GradingRequest.of(
                new Measurement("NEUTROPHILS", anc, "10*9/L", null, null), temperature(celsius, hours)));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        return grading.grade();
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
