package org.toxwatch.ctcae.grading;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.ctcae.criteria.Direction;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.grader;

/**
 * Property, for each CTCAE version: the same measurement written in two units grades the same, over dense sweeps that
 * cross every cut-off.
 * Each twin is the other scaled by an exact factor (1 x10^9/L = 1000 /uL = 1000 cells/mm3; 1 g/dL = 10 g/L; degF =
 * degC x 9/5 + 32), with its limits and baseline scaled alike.
 */
class UnitTwinsTest {

    @ParameterizedTest(name = "v{0} {1}: {3} in {2} = x{5} in {4}, from 0 to {6} by {7}")
    @CsvSource(delimiter = '|', value = {
            // v | term                       | unit A   | LLN/ULN A | unit B | B per A | sweep to | step
            "5.0 | Neutrophil count decreased | 10^9/L   | 1.8  | /uL       | 1000 | 3   | 0.001",
            "5.0 | Neutrophil count decreased | 10*9/L   | 1.8  | cells/mm3 | 1000 | 3   | 0.001",
            "5.0 | Neutrophil count decreased | K/uL     | 1.8  | /mm3      | 1000 | 3   | 0.001",
            "5.0 | Neutrophil count decreased | x10E3/uL | 1.8  | 10*3/uL   | 1    | 3   | 0.001",
            "5.0 | Neutrophil count decreased | 10^3/uL  | 1.8  | 10*9/L    | 1    | 3   | 0.001",
            "5.0 | Platelet count decreased   | 10^9/L   | 150  | /uL       | 1000 | 200 | 0.05",
            "5.0 | White blood cell decreased | 10^9/L   | 4.0  | cells/mm3 | 1000 | 6   | 0.001",
            "5.0 | Lymphocyte count decreased | 10^9/L   | 1.0  | /uL       | 1000 | 2   | 0.001",
            "5.0 | Anemia                     | g/dL     | 12   | g/L       | 10   | 15  | 0.01",
            "5.0 | Hypoalbuminemia            | g/dL     | 3.5  | g/L       | 10   | 5   | 0.001",
            "5.0 | Proteinuria                | g/24 h   | 0.15 | mg/24 h   | 1000 | 5   | 0.001",
            "5.0 | Proteinuria                | g/d      | 0.15 | g/24h     | 1    | 5   | 0.001",
            "5.0 | Hypertension               | mmHg     |      | mm[Hg]    | 1    | 200 | 0.1",
            "6.0 | Neutrophil count decreased | 10^9/L   | 1.8  | /uL       | 1000 | 3   | 0.001",
            "6.0 | Neutrophil count decreased | K/uL     |      | cells/mm3 | 1000 | 3   | 0.001",
            "6.0 | Thrombocytopenia           | 10^9/L   | 150  | /uL       | 1000 | 200 | 0.05",
            "6.0 | Thrombocytopenia           | 10^3/mL  | 150000 | 10*9/L  | 0.001 | 200000 | 50",
            "6.0 | White blood cell decreased | 10^9/L   | 4.0  | cells/mm3 | 1000 | 6   | 0.001",
            "6.0 | Lymphopenia                | 10^9/L   | 1.0  | /uL       | 1000 | 2   | 0.001",
            "6.0 | Anemia                     | g/dL     | 12   | g/L       | 10   | 15  | 0.01",
            "6.0 | Hypoalbuminemia            | g/dL     | 3.5  | g/L       | 10   | 5   | 0.001",
            "6.0 | Urinary protein increased  | g/24 h   | 0.15 | mg/24 h   | 1000 | 5   | 0.001",
            "6.0 | Urinary protein increased  | mg/mg    | 0.15 | mg/g      | 1000 | 5   | 0.001",
            "6.0 | Hypertension               | mmHg     |      | mm[Hg]    | 1    | 200 | 0.1",
    })
    void twinsInLinearUnitsGradeTheSame(String version, String term, String unitA, String limitA, String unitB,
                                        String factor, String max, String step) {
        CtcaeGrader grader = grader(version);
        boolean increasing = grader.term(term).orElseThrow().direction() == Direction.INCREASED;
        int checked = 0;
        for (BigDecimal a = BigDecimal.ZERO; a.compareTo(d(max)) <= 0; a = a.add(d(step))) {
            BigDecimal b = a.multiply(d(factor));
            BigDecimal limitB = limitA == null ? null : d(limitA).multiply(d(factor));
            Grading inA = grader.grade(query(term, a, unitA, limitA == null ? null : d(limitA), increasing));
            Grading inB = grader.grade(query(term, b, unitB, limitB, increasing));
            assertEquals(inA.status(), inB.status(), () -> inA.explanation() + " | " + inB.explanation());
            assertEquals(inA.grade(), inB.grade(), () -> inA.explanation() + " | " + inB.explanation());
            checked++;
        }
        assertTrue(checked > 1000, "dense sweep");
    }

    private static TermQuery query(String term, BigDecimal value, String unit, BigDecimal limit, boolean increasing) {
        return new TermQuery(term, value, unit, increasing ? null : limit, increasing ? limit : null, null, null, null);
    }

    @ParameterizedTest(name = "v{0} {1} in mg/dL and x{2} in umol/L, LLN {3}, ULN {4} mg/dL, baseline {5} mg/dL")
    @CsvSource({
            "5.0, Blood bilirubin increased, 17.1,  ,    1.2, ",
            "5.0, Blood bilirubin increased, 17.1,  ,    1.2, 2.0",
            "5.0, Creatinine increased,      88.4,  ,    1.1, ",
            "5.0, Creatinine increased,      88.4,  ,    1.1, 0.5",
            "5.0, Creatinine increased,      88.42, ,    1.3, 1.6",
            "6.0, Blood bilirubin increased, 17.1,  ,    1.2, ",
            "6.0, Blood bilirubin increased, 17.1,  ,    1.2, 2.0",
            "6.0, Creatinine increased,      88.4,  0.6, 1.1, ",
            "6.0, Creatinine increased,      88.4,  0.6, 1.1, 0.5",
            "6.0, Creatinine increased,      88.42, 0.6, 1.3, 1.6",
    })
    void ratioTermsGradeTheSameInMassAndSubstanceUnits(String version, String term, String umolPerMg, String lln,
                                                       String uln, String baseline) {
        // any consistent scaling of value, limits and baseline keeps the ratios, so the grade (CRITERIA.md 2.1)
        CtcaeGrader grader = grader(version);
        for (BigDecimal mg = d("0.01"); mg.compareTo(d("20")) <= 0; mg = mg.add(d("0.01"))) {
            BigDecimal umol = mg.multiply(d(umolPerMg));
            Grading inMg = grader.grade(new TermQuery(term, mg, "mg/dL", d(lln), d(uln), d(baseline), null, null));
            Grading inUmol = grader.grade(new TermQuery(term, umol, "umol/L",
                    lln == null ? null : d(lln).multiply(d(umolPerMg)), d(uln).multiply(d(umolPerMg)),
                    baseline == null ? null : d(baseline).multiply(d(umolPerMg)), null, null));
            assertEquals(inMg.grade(), inUmol.grade(), () -> inMg.explanation() + " | " + inUmol.explanation());
            assertEquals(inMg.status(), inUmol.status());
        }
    }

    @ParameterizedTest(name = "v{0} {1}: x ukat/L = 60x U/L against ULN 0.6 ukat/L = 36 U/L, baseline {2} ukat/L")
    @CsvSource({"5.0, AST, ", "5.0, ALT, ", "5.0, ALP, ", "5.0, GGT, ",
            "6.0, AST, ", "6.0, AST, 1.5", "6.0, ALT, 4", "6.0, ALP, 0.5", "6.0, GGT, 1.2"})
    void enzymesGradeTheSameInMicrokatalsAndUnitsPerLitre(String version, String analyte, String baseline) {
        CtcaeGrader grader = grader(version);
        String term = grader.criteria().termsReading(analyte).get(0).term();
        BigDecimal baselineInU = baseline == null ? null : d(baseline).multiply(d("60"));
        for (BigDecimal ukat = d("0.01"); ukat.compareTo(d("15")) <= 0; ukat = ukat.add(d("0.01"))) {
            BigDecimal units = ukat.multiply(d("60"));
            Grading inUkat = grader.grade(new TermQuery(term, ukat, "ukat/L", null, d("0.6"), d(baseline), null,
                    null));
            Grading inU = grader.grade(new TermQuery(term, units, "U/L", null, d("36"), baselineInU, null, null));
            assertEquals(inU.grade(), inUkat.grade(), () -> inU.explanation() + " | " + inUkat.explanation());
            assertEquals(inU.status(), inUkat.status(), () -> inU.explanation() + " | " + inUkat.explanation());
        }
    }

    @ParameterizedTest(name = "v{0} {1}: degC and degF twins from 35 to 43 degC, {2} h")
    @CsvSource({
            "5.0, Fever, 30",
            "5.0, Fever, 2",
            "5.0, Febrile neutropenia, 2",
            "5.0, Febrile neutropenia, 0.5",
            "6.0, Fever, 30",
            "6.0, Febrile neutropenia, 0.5",
    })
    void temperaturesGradeTheSameInCelsiusAndFahrenheit(String version, String term, String hours) {
        CtcaeGrader grader = grader(version);
        for (BigDecimal c = d("35"); c.compareTo(d("43")) <= 0; c = c.add(d("0.01"))) {
            BigDecimal f = c.multiply(d("9")).divide(d("5")).add(d("32"));
            Grading inC = grader.grade(temperatureQuery(term, c, "Cel", hours));
            Grading inF = grader.grade(temperatureQuery(term, f, "°F", hours));
            assertEquals(inC.grade(), inF.grade(), () -> inC.explanation() + " | " + inF.explanation());
            assertEquals(inC.status(), inF.status());
        }
    }

    private static TermQuery temperatureQuery(String term, BigDecimal temperature, String unit, String hours) {
        return term.equals("Fever")
                ? TermQuery.of(term, temperature, unit).withDurationHours(d(hours))
                : TermQuery.febrileNeutropenia(d("0.5"), "10^9/L", temperature, unit, d(hours));
    }
}
