package org.toxwatch.ctcae.grading;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.canonical;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;
import static org.toxwatch.ctcae.grading.Lab.gradeTerm;
import static org.toxwatch.ctcae.grading.Lab.grader;
import static org.toxwatch.ctcae.grading.Lab.temperature;

/**
 * Property, for each CTCAE version: over a dense sweep of values, a worse value never gets a milder grade. For a
 * decreasing term a lower value never gets a lower grade; for an increasing term a higher value never does. With the
 * needed limits present, no value in the sweep is left ungraded.
 */
class MonotonicityTest {

    @ParameterizedTest(name = "v{0} {1} from 0 to {2} in steps of {3}, LLN {4}")
    @CsvSource({
            "5.0, NEUTROPHILS, 3,   0.001, 1.8",
            "5.0, NEUTROPHILS, 3,   0.001, 1.4",
            "5.0, NEUTROPHILS, 3,   0.001, 1.5",
            "5.0, NEUTROPHILS, 3,   0.001, 2.5",
            "5.0, PLATELETS,   200, 0.05,  150",
            "5.0, PLATELETS,   200, 0.05,  60",
            "5.0, LEUKOCYTES,  6,   0.001, 4.0",
            "5.0, LEUKOCYTES,  6,   0.001, 2.5",
            "6.0, NEUTROPHILS, 3,   0.001, 1.8",
            "6.0, NEUTROPHILS, 3,   0.001, 1.4",
            "6.0, NEUTROPHILS, 3,   0.001, ",
            "6.0, PLATELETS,   200, 0.05,  150",
            "6.0, PLATELETS,   200, 0.05,  60",
            "6.0, LEUKOCYTES,  6,   0.001, 4.0",
    })
    void decreasingTermsNeverGradeALowerValueMilder(String version, String analyte, String max, String step,
                                                    String lln) {
        int previous = Integer.MAX_VALUE;
        int swept = 0;
        for (BigDecimal x = BigDecimal.ZERO; x.compareTo(d(max)) <= 0; x = x.add(d(step))) {
            BigDecimal value = x;
            Grading grading = gradeOne(grader(version), new Measurement(analyte, value, "10*9/L", d(lln), null));
            assertEquals(GradingStatus.GRADED, grading.status(), value::toPlainString);
            assertTrue(grading.grade() <= previous, () -> analyte + " " + value + " graded above a lower value");
            previous = grading.grade();
            swept++;
        }
        assertEquals(0, previous, "the sweep ends in the normal range");
        assertTrue(swept > 1000, "dense sweep");
    }

    @ParameterizedTest(name = "v{0} {1} from 0 to 2000, ULN 40, baseline {2}")
    @CsvSource({
            "5.0, AST, ",
            "5.0, AST, 30",
            "5.0, AST, 95",
            "5.0, ALT, ",
            "5.0, ALT, 41",
            "5.0, ALT, 90",
            "6.0, AST, ",
            "6.0, AST, 30",
            "6.0, AST, 95",
            "6.0, AST, 200",
            "6.0, ALT, 201",
            "6.0, ALT, 250",
            "6.0, ALT, 480",
    })
    void transaminasesNeverGradeAHigherValueMilder(String version, String analyte, String baselineValue) {
        Map<String, Baseline> baselines = baselineValue == null ? Map.of()
                : Map.of(analyte, new Baseline(analyte, d(baselineValue), null, null));
        int previous = -1;
        for (BigDecimal x = BigDecimal.ZERO; x.compareTo(d("2000")) <= 0; x = x.add(d("0.25"))) {
            BigDecimal value = x;
            Grading grading = gradeOne(grader(version), new GradingRequest(
                    List.of(new Measurement(analyte, value, "U/L", null, d("40"))), baselines, false));
            assertEquals(GradingStatus.GRADED, grading.status(), value::toPlainString);
            assertTrue(grading.grade() >= previous, () -> analyte + " " + value + " graded below a lower value");
            previous = grading.grade();
        }
        assertEquals(4, previous, "the sweep ends in grade 4");
    }

    @ParameterizedTest(name = "v{0} {1} from 0 to {2} by {3}, LLN {4}")
    @CsvSource({
            "5.0, LYMPHOCYTES, 2,   0.001, 1.0",
            "5.0, LYMPHOCYTES, 2,   0.001, 0.7",
            "5.0, HEMOGLOBIN,  200, 0.05,  120",
            "5.0, HEMOGLOBIN,  200, 0.05,  95",
            "5.0, ALBUMIN,     60,  0.01,  35",
            "5.0, ALBUMIN,     60,  0.01,  25",
            "6.0, LYMPHOCYTES, 2,   0.001, 1.0",
            "6.0, LYMPHOCYTES, 2,   0.001, 0.7",
            "6.0, HEMOGLOBIN,  200, 0.05,  120",
            "6.0, ALBUMIN,     60,  0.01,  35",
    })
    void otherDecreasingTermsNeverGradeALowerValueMilder(String version, String analyte, String max, String step,
                                                         String lln) {
        int previous = Integer.MAX_VALUE;
        int swept = 0;
        for (BigDecimal x = BigDecimal.ZERO; x.compareTo(d(max)) <= 0; x = x.add(d(step))) {
            BigDecimal value = x;
            Grading grading = gradeOne(grader(version), canonical(analyte, value.toPlainString(), lln, null));
            assertEquals(GradingStatus.GRADED, grading.status(), value::toPlainString);
            assertTrue(grading.grade() <= previous, () -> analyte + " " + value + " graded above a lower value");
            previous = grading.grade();
            swept++;
        }
        assertEquals(0, previous, "the sweep ends in the normal range");
        assertTrue(swept > 1000, "dense sweep");
    }

    @ParameterizedTest(name = "v{0} {1} from 0 to 2000, LLN {2}, ULN {3}, baseline {4}")
    @CsvSource({
            "5.0, ALP,             ,   40,  ",
            "5.0, ALP,             ,   40,  30",
            "5.0, ALP,             ,   40,  60",
            "5.0, GGT,             ,   40,  4",
            "5.0, GGT,             ,   40,  90",
            "5.0, BILIRUBIN_TOTAL, ,   21,  ",
            "5.0, BILIRUBIN_TOTAL, ,   21,  30",
            "5.0, CREATININE,      ,   100, ",
            "5.0, CREATININE,      ,   100, 40",
            "5.0, CREATININE,      ,   100, 90",
            "5.0, CREATININE,      ,   100, 300",
            "6.0, ALP,             ,   40,  30",
            "6.0, ALP,             ,   40,  60",
            "6.0, GGT,             ,   40,  4",
            "6.0, GGT,             ,   40,  90",
            "6.0, BILIRUBIN_TOTAL, ,   21,  ",
            "6.0, BILIRUBIN_TOTAL, ,   21,  30",
            "6.0, CREATININE,      ,   100, ",
            "6.0, CREATININE,      60, 100, 40",
            "6.0, CREATININE,      60, 100, 90",
            "6.0, CREATININE,      60, 100, 300",
    })
    void otherIncreasingTermsNeverGradeAHigherValueMilder(String version, String analyte, String lln, String uln,
                                                          String baselineValue) {
        Map<String, Baseline> baselines = baselineValue == null ? Map.of()
                : Map.of(analyte, new Baseline(analyte, d(baselineValue), null, null));
        CtcaeGrader grader = grader(version);
        int previous = -1;
        Grading grading = null;
        for (BigDecimal x = BigDecimal.ZERO; x.compareTo(d("2000")) <= 0; x = x.add(d("0.25"))) {
            BigDecimal value = x;
            grading = gradeOne(grader, new GradingRequest(List.of(canonical(analyte, value.toPlainString(), lln, uln)),
                    baselines, false));
            assertEquals(GradingStatus.GRADED, grading.status(), value::toPlainString);
            assertTrue(grading.grade() >= previous, () -> analyte + " " + value + " graded below a lower value");
            previous = grading.grade();
        }
        // grade 4, or grade 1 for v6.0 alkaline phosphatase, which has no other
        int highest = grader.term(grading.term()).orElseThrow().highestBandedGrade();
        assertEquals(highest, previous, "the sweep ends in the term's highest grade");
    }

    @ParameterizedTest(name = "v{0} urine protein 0-10 g/24 h, ULN {1}")
    @CsvSource({"5.0, 0.15", "5.0, 0.3", "6.0, 0.15", "6.0, 0.3"})
    void proteinuriaRisesWithTheCollection(String version, String uln) {
        CtcaeGrader grader = grader(version);
        int previous = -1;
        for (BigDecimal x = BigDecimal.ZERO; x.compareTo(d("10")) <= 0; x = x.add(d("0.001"))) {
            BigDecimal value = x;
            Grading grading = gradeOne(grader, canonical("URINE_PROTEIN_24H", value.toPlainString(), null, uln));
            assertTrue(grading.grade() >= previous, value::toPlainString);
            previous = grading.grade();
        }
        assertEquals(3, previous);
        int previousReading = -1;
        for (String reading : List.of("negative", "trace", "1+", "2+", "3+", "4+")) {
            // "Proteinuria" is v6.0's "Urinary protein increased" by NCI's mapping
            int grade = grader.grade(TermQuery.ofText("Proteinuria", reading, null)).grade();
            assertTrue(grade >= previousReading, reading);
            previousReading = grade;
        }
        assertEquals(3, previousReading);
    }

    @ParameterizedTest(name = "v6.0 protein/creatinine ratio 0-10 mg/mg, ULN {0}")
    @CsvSource({"0.15", "0.2"})
    void theProteinCreatinineRatioRisesWithTheRatio(String uln) {
        int previous = -1;
        for (BigDecimal x = BigDecimal.ZERO; x.compareTo(d("10")) <= 0; x = x.add(d("0.001"))) {
            BigDecimal value = x;
            Grading grading = gradeOne(Lab.V6, canonical("URINE_PROTEIN_CREATININE_RATIO", value.toPlainString(),
                    null, uln));
            assertEquals(GradingStatus.GRADED, grading.status(), value::toPlainString);
            assertTrue(grading.grade() >= previous, value::toPlainString);
            previous = grading.grade();
        }
        assertEquals(3, previous);
    }

    @ParameterizedTest(name = "v{0} temperature 20-47 Cel lasting {1} h")
    @CsvSource({"5.0, 0.5", "5.0, 2", "5.0, 24", "5.0, 30", "6.0, 0.5", "6.0, 30"})
    void feverRisesWithTheTemperature(String version, String hours) {
        int previous = -1;
        for (BigDecimal c = d("20"); c.compareTo(d("47")) <= 0; c = c.add(d("0.01"))) {
            BigDecimal value = c;
            Grading grading = gradeTerm(grader(version), "Fever",
                    GradingRequest.of(temperature(value.toPlainString(), hours)));
            assertEquals(GradingStatus.GRADED, grading.status(), value::toPlainString);
            assertTrue(grading.grade() >= previous, value::toPlainString);
            previous = grading.grade();
        }
        assertEquals(d(hours).compareTo(d("24")) > 0 ? 4 : 3, previous);
    }

    @ParameterizedTest(name = "v{0} febrile neutropenia, temperature lasting {1} h")
    @CsvSource({"5.0, 0.5", "5.0, 2", "6.0, 0.5", "6.0, 2"})
    void febrileNeutropeniaWorsensWithLowerAncAndHigherTemperature(String version, String hours) {
        CtcaeGrader grader = grader(version);
        for (String celsius : List.of("37.5", "38.0", "38.2", "38.3", "38.31", "39.5")) {
            int previous = -1;
            for (BigDecimal anc = d("3"); anc.signum() >= 0; anc = anc.subtract(d("0.001"))) {
                BigDecimal value = anc;
                int grade = febrileNeutropenia(grader, value, celsius, hours);
                assertTrue(grade >= previous, () -> "ANC " + value + " at " + celsius);
                previous = grade;
            }
        }
        for (String anc : List.of("0.2", "0.999", "1.0", "2.0")) {
            int previous = -1;
            for (BigDecimal c = d("36"); c.compareTo(d("41")) <= 0; c = c.add(d("0.01"))) {
                BigDecimal value = c;
                int grade = febrileNeutropenia(grader, d(anc), value.toPlainString(), hours);
                assertTrue(grade >= previous, () -> value + " Cel at ANC " + anc);
                previous = grade;
            }
        }
    }

    private static int febrileNeutropenia(CtcaeGrader grader, BigDecimal anc, String celsius, String hours) {
        Grading grading = gradeTerm(grader, "Febrile neutropenia", GradingRequest.of(
                new Measurement("NEUTROPHILS", anc, "10*9/L", null, null), temperature(celsius, hours)));
        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
        return grading.grade();
    }

    @ParameterizedTest(name = "v{0} SBP 50-260 with DBP {1}; DBP 30-160 with SBP {2}; lasting {3} h -> ends at {4}")
    @CsvSource({
            "5.0, 70,  100, ,    3",
            "5.0, 85,  130, ,    3",
            "5.0, 95,  150, ,    3",
            "5.0, 105, 170, ,    3",
            "6.0, 70,  100, 2,   4",
            "6.0, 95,  150, 2,   4",
            "6.0, 105, 170, 0.5, 2",
            "6.0, 85,  130, ,    2",
            "6.0, 112, 185, ,    2",
    })
    void hypertensionRisesWithEitherComponentAndIsTheMaxOfBoth(String version, String fixedDiastolic,
                                                              String fixedSystolic, String hours, int highest) {
        CtcaeGrader grader = grader(version);
        int previous = -1;
        for (BigDecimal sbp = d("50"); sbp.compareTo(d("260")) <= 0; sbp = sbp.add(d("0.1"))) {
            BigDecimal systolic = sbp;
            int grade = hypertension(grader, systolic, d(fixedDiastolic), hours);
            assertTrue(grade >= previous, systolic::toPlainString);
            assertEquals(Math.max(alone(grader, "SYSTOLIC_BP", systolic, hours),
                    alone(grader, "DIASTOLIC_BP", d(fixedDiastolic), hours)), grade, systolic::toPlainString);
            previous = grade;
        }
        previous = -1;
        for (BigDecimal dbp = d("30"); dbp.compareTo(d("160")) <= 0; dbp = dbp.add(d("0.1"))) {
            BigDecimal diastolic = dbp;
            int grade = hypertension(grader, d(fixedSystolic), diastolic, hours);
            assertTrue(grade >= previous, diastolic::toPlainString);
            previous = grade;
        }
        assertEquals(highest, previous);
    }

    @ParameterizedTest(name = "v6.0 SBP 50-260 against a baseline of {0}, lasting {1} h")
    @CsvSource({"100, 2", "125, 0.5", "125, ", "150, 2"})
    void theRiseFromBaselineKeepsHypertensionMonotonic(String baselineSbp, String hours) {
        Map<String, Baseline> baselines = Map.of("SYSTOLIC_BP", new Baseline("SYSTOLIC_BP", d(baselineSbp), null,
                null));
        int previous = -1;
        for (BigDecimal sbp = d("50"); sbp.compareTo(d("260")) <= 0; sbp = sbp.add(d("0.1"))) {
            BigDecimal systolic = sbp;
            int grade = gradeOne(Lab.V6, new GradingRequest(List.of(
                    new Measurement("SYSTOLIC_BP", systolic, "mm[Hg]", null, null, d(hours)),
                    new Measurement("DIASTOLIC_BP", d("80"), "mm[Hg]", null, null, d(hours))), baselines, false))
                    .grade();
            assertTrue(grade >= previous, systolic::toPlainString);
            previous = grade;
        }
        assertEquals(hours != null && d(hours).compareTo(BigDecimal.ONE) > 0 ? 4 : 3, previous);
    }

    private static int hypertension(CtcaeGrader grader, BigDecimal sbp, BigDecimal dbp, String hours) {
        return gradeOne(grader, new Measurement("SYSTOLIC_BP", sbp, "mm[Hg]", null, null, d(hours)),
                new Measurement("DIASTOLIC_BP", dbp, "mm[Hg]", null, null, d(hours))).grade();
    }

    /** The lower bound one component gives on its own. */
    private static int alone(CtcaeGrader grader, String analyte, BigDecimal value, String hours) {
        Grading grading = grader.grade(GradingRequest.of(new Measurement(analyte, value, "mm[Hg]", null, null,
                d(hours)))).get(0);
        assertEquals(GradingStatus.LOWER_BOUND, grading.status());
        return grading.grade();
    }
}
